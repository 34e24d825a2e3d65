/// Duplicate rows weigh some examples twice and leak between train and test after a split.
///
/// Finding `duplicate_rows`, warning: any record equal to an earlier one (threshold: 1 row).
enum DuplicateRows: Check {
  static let id = "duplicate_rows"

  static func run(_ p: DatasetProfile) -> [Finding] {
    guard p.duplicateRows > 0, p.rows > 0 else { return [] }
    let ratio = Double(p.duplicateRows) / Double(p.rows)
    return [Finding(check: id, severity: .warning, columns: [], message: .duplicates(p, ratio: ratio),
                    value: Double(p.duplicateRows), threshold: 1,
                    action: "remove the \(Say.count(p.duplicateRows)) repeated rows before splitting, or confirm they are real repeats")]
  }
}

extension String {
  fileprivate static func duplicates(_ p: DatasetProfile, ratio: Double) -> String {
    let about = p.duplicateRowsExact ? "" : "about "
    return "\(about)\(Say.count(p.duplicateRows)) rows (\(Say.percent(ratio))) repeat an earlier row exactly"
  }
}
