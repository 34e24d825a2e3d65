/// Several spellings of "missing" in one column usually mean several sources or several meanings.
///
/// Finding `mixed_missing_tokens`, info: two or more distinct missing tokens occur in a column.
enum MixedMissingTokens: Check {
  static let id = "mixed_missing_tokens"

  static func run(_ p: DatasetProfile) -> [Finding] {
    p.columns.filter { $0.missingTokens.count >= 2 }.map { c in
      Finding(check: id, severity: .info, columns: [c.name], message: .mixedTokens(c),
              value: Double(c.missingTokens.count), threshold: 2,
              action: "check whether the tokens mean the same thing; if not, keep them apart before imputing")
    }
  }
}

extension String {
  fileprivate static func mixedTokens(_ c: ColumnProfile) -> String {
    let list = c.missingTokens.map { "\($0.value.isEmpty ? "empty" : "`\($0.value)`") ×\(Say.count($0.count))" }.joined(separator: ", ")
    return "\(Say.column(c.name)) marks missing values in \(c.missingTokens.count) ways: \(list)"
  }
}
