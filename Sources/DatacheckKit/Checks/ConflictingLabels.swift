/// Rows with the same features and different labels cap what any model can reach, or are errors.
///
/// Finding `conflicting_labels`, warning: groups of rows identical on every feature (the label
/// and identifier-named columns left out) that carry more than one label.
enum ConflictingLabels: Check {
  static let id = "conflicting_labels"

  static func run(_ p: DatasetProfile) -> [Finding] {
    guard let label = p.label, label.conflicts.groups > 0 else { return [] }
    let share = Double(label.conflicts.rows) / Double(max(1, label.labeled))
    return [Finding(check: id, severity: .warning, columns: [label.column], message: .conflicts(label.conflicts, share: share),
                    value: Double(label.conflicts.rows), threshold: 1,
                    action: "review the \(Say.count(label.conflicts.groups)) groups: fix mislabeled rows, or add the feature that tells them apart")]
  }
}

extension String {
  fileprivate static func conflicts(_ c: LabelProfile.ConflictSummary, share: Double) -> String {
    let about = c.exact ? "" : "about "
    return "\(about)\(Say.count(c.groups)) groups of rows (\(Say.count(c.rows)) rows, \(Say.percent(share)) of labeled) "
      + "have identical features but different labels"
  }
}
