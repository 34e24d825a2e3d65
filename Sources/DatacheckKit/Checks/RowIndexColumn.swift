/// A saved row number (1..n, often from `to_csv` with the index) is an ID that also encodes order.
///
/// Finding `row_index_column`, warning: an integer column equal to 0, 1, 2, … or 1, 2, 3, … in
/// file order on every row.
enum RowIndexColumn: Check {
  static let id = "row_index_column"

  static func isRowIndex(_ c: ColumnProfile, rows: Int) -> Bool {
    rows >= 3 && c.missing == 0 && (c.rowIndexStart == 0 || c.rowIndexStart == 1)
  }

  static func run(_ p: DatasetProfile) -> [Finding] {
    p.columns.filter { isRowIndex($0, rows: p.rows) }.map { c in
      Finding(check: id, severity: .warning, columns: [c.name], message: .rowIndex(c, rows: p.rows),
              value: Double(p.rows), threshold: Double(p.rows),
              action: "drop \(Say.column(c.name)) (write the file without its index: `to_csv(index=False)`)")
    }
  }
}

extension String {
  fileprivate static func rowIndex(_ c: ColumnProfile, rows: Int) -> String {
    let first = c.rowIndexStart ?? 0
    return "\(Say.column(c.name)) is the row number: \(first), \(first + 1), … \(first + Int64(rows) - 1) in file order"
  }
}
