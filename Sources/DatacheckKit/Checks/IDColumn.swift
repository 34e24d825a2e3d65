/// An identifier tells a model which row it is, not what the row is: it memorises, or leaks order.
///
/// Finding `id_column`, warning: a column named like an identifier (id, uuid, guid, key) whose
/// present values are all distinct, or an integer column of distinct consecutive values (max −
/// min + 1 = count) in any order. Columns declared with `--id` are known and not reported.
enum IDColumn: Check {
  static let id = "id_column"

  static func isIdentifier(_ c: ColumnProfile, rows: Int) -> Bool {
    guard c.present >= 2, !RowIndexColumn.isRowIndex(c, rows: rows) else { return false }
    let unique = c.distinctExact ? c.distinct == c.present : Double(c.distinct) >= 0.97 * Double(c.present)
    guard unique else { return false }
    if IDName.matches(c.name) { return true }
    guard c.type == .integer, let n = c.numeric, let lo = n.integerMin, let hi = n.integerMax else { return false }
    let (span, overflow) = hi.subtractingReportingOverflow(lo)   // a column may span past Int64
    return !overflow && span == Int64(c.present - 1)
  }

  static func run(_ p: DatasetProfile) -> [Finding] {
    let declared = Set(p.label?.idColumns ?? [])
    return p.features.filter { !declared.contains($0.name) && isIdentifier($0, rows: p.rows) }.map { c in
      Finding(check: id, severity: .warning, columns: [c.name], message: .identifier(c), value: Double(c.distinct),
              threshold: Double(c.present),
              action: "keep \(Say.column(c.name)) out of the features (declare it with --id); split by it if rows of one id repeat")
    }
  }
}

extension String {
  fileprivate static func identifier(_ c: ColumnProfile) -> String {
    let why = IDName.matches(c.name) ? "is named like an identifier" : "holds consecutive integers"
    return "\(Say.column(c.name)) \(why) and its \(Say.count(c.present)) values are all distinct"
  }
}
