/// A file ordered by its label gives a head/tail split (or unshuffled folds) classes the other lacks.
///
/// Finding `label_sorted`, warning: the label changes between consecutive labeled rows fewer
/// than half as often as in a shuffled file, with a z score of at least 5. Method: the count of
/// changes against (n − 1)(1 − Σ p²), its expectation under a random order.
enum LabelSorted: Check {
  static let id = "label_sorted"
  static let ratio = 0.5

  static func run(_ p: DatasetProfile) -> [Finding] {
    guard let label = p.label, label.task == .classification, label.expectedLabelChanges >= 10 else { return [] }
    let expected = label.expectedLabelChanges
    let q = expected / Double(max(1, label.labeled - 1))
    let z = (expected - Double(label.labelChanges)) / (expected * (1 - q)).squareRoot()
    guard Double(label.labelChanges) < ratio * expected, z >= 5 else { return [] }
    return [Finding(check: id, severity: .warning, columns: [label.column], message: .sorted(label),
                    value: Double(label.labelChanges) / expected, threshold: ratio,
                    action: "shuffle the rows (or split by a seeded hash) before making train, test or folds")]
  }
}

extension String {
  fileprivate static func sorted(_ l: LabelProfile) -> String {
    "the label \(Say.column(l.column)) changes \(Say.count(l.labelChanges)) times from one row to the next, "
      + "where a shuffled file would change about \(Say.count(Int(l.expectedLabelChanges.rounded()))) times: the file is ordered by label"
  }
}
