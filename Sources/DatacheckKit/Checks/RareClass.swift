/// A class too rare to appear in every fold cannot be learned or measured.
///
/// Finding `rare_class`: error when a class has fewer than 2 × folds rows (stratified K-fold
/// cannot place two in each fold), warning under 100 rows (its metrics swing by whole rows).
enum RareClass: Check {
  static let id = "rare_class"
  static let warningBelow = 100

  static func run(_ p: DatasetProfile) -> [Finding] {
    guard let label = p.label, label.task == .classification, label.classes.count >= 2 else { return [] }
    let errorBelow = 2 * label.folds
    return label.classes.compactMap { c in
      guard c.count < warningBelow else { return nil }
      let severe = c.count < errorBelow
      return Finding(check: id, severity: severe ? .error : .warning, columns: [label.column],
                     message: .rare(c, folds: label.folds, below: severe ? errorBelow : warningBelow),
                     value: Double(c.count), threshold: Double(severe ? errorBelow : warningBelow),
                     action: "label about \(Say.count((severe ? errorBelow : warningBelow) - c.count)) more rows of class `\(c.value)`, or merge it with a related class")
    }
  }
}

extension String {
  fileprivate static func rare(_ c: LabelProfile.ClassCount, folds: Int, below: Int) -> String {
    "class `\(c.value)` has only \(Say.count(c.count)) rows, under \(below)"
      + (below == 2 * folds ? " (2 per fold for \(folds)-fold cross-validation)" : "")
  }
}
