/// Many missing values shrink the data a model really learns from, and may hide a bias.
///
/// Finding `high_missing`, warning: more than 5 % of a column's rows are missing (columns missing
/// everywhere are `all_missing_column`; the label's own coverage is in the label section).
enum HighMissing: Check {
  static let id = "high_missing"
  static let threshold = 0.05

  static func run(_ p: DatasetProfile) -> [Finding] {
    p.features.filter { $0.missingRatio > threshold && $0.missing < p.rows }.map { c in
      Finding(check: id, severity: .warning, columns: [c.name], message: .highMissing(c),
              value: c.missingRatio, threshold: threshold,
              action: "impute \(Say.column(c.name)) or find why it is missing; a model sees \(Say.percent(1 - c.missingRatio)) of it")
    }
  }
}

extension String {
  fileprivate static func highMissing(_ c: ColumnProfile) -> String {
    "\(Say.column(c.name)) is missing on \(Say.count(c.missing)) rows (\(Say.percent(c.missingRatio))), above \(Say.percent(HighMissing.threshold))"
  }
}
