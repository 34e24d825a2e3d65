/// A column with no value at all is an export problem or dead weight.
///
/// Finding `all_missing_column`, warning: every row is missing. Threshold: 100 % missing.
enum AllMissingColumn: Check {
  static let id = "all_missing_column"

  static func run(_ p: DatasetProfile) -> [Finding] {
    guard p.rows > 0 else { return [] }
    return p.columns.filter { $0.missing == p.rows }.map { c in
      Finding(check: id, severity: .warning, columns: [c.name], message: .allMissing(c, rows: p.rows),
              value: 1, threshold: 1, action: "check the export of \(Say.column(c.name)), or drop it")
    }
  }
}

extension String {
  fileprivate static func allMissing(_ c: ColumnProfile, rows: Int) -> String {
    "\(Say.column(c.name)) is missing on all \(Say.count(rows)) rows"
  }
}
