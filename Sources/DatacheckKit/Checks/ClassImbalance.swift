/// A class ten times rarer than the majority is easy to ignore for a model and for accuracy.
///
/// Finding `class_imbalance`, warning: minority count / majority count < 0.1.
enum ClassImbalance: Check {
  static let id = "class_imbalance"
  static let threshold = 0.1

  static func run(_ p: DatasetProfile) -> [Finding] {
    guard let label = p.label, label.task == .classification, label.classes.count >= 2,
          let major = label.classes.first, let minor = label.classes.last else { return [] }
    let ratio = Double(minor.count) / Double(major.count)
    guard ratio < threshold else { return [] }
    return [Finding(check: id, severity: .warning, columns: [label.column], message: .imbalance(major, minor, ratio),
                    value: ratio, threshold: threshold,
                    action: "judge models by balanced accuracy, F1 or AUC, not accuracy; consider class weights or more `\(minor.value)` rows")]
  }
}

extension String {
  fileprivate static func imbalance(_ major: LabelProfile.ClassCount, _ minor: LabelProfile.ClassCount, _ ratio: Double) -> String {
    "class `\(minor.value)` has \(Say.count(minor.count)) rows against \(Say.count(major.count)) of `\(major.value)` "
      + "(ratio \(Say.number(ratio)), below \(Say.number(ClassImbalance.threshold)))"
  }
}
