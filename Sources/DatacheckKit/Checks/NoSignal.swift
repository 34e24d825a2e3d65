/// If no column on its own beats guessing the majority, the data may hold nothing about the label.
///
/// Finding `no_signal`, warning: classification — no feature's held-out rule accuracy exceeds
/// the majority baseline by 3 binomial standard deviations (and by at least 0.5 point), and no
/// numeric feature's label share moves across its deciles far beyond chance (the bar of
/// `id_predicts_label`: chi-square above its degrees of freedom by 6 standard deviations and
/// Cramér's V ≥ 0.1); regression — no feature reaches |r| or correlation ratio
/// ≥ max(4/√n, 0.05). Interactions between columns are not looked at, so this is a warning, not
/// a verdict.
///
/// The deciles matter on small files: a column whose positives rise from 7 % to 69 % across its
/// deciles (800 rows, chi-square 119 on 9 degrees of freedom) scores a held-out accuracy of
/// 0.69–0.72 against a 0.65 baseline depending on which rows fall in which half, around the
/// 3-sd bar of 0.70; saying "there may be no relevant information here" of it would be wrong.
enum NoSignal: Check {
  static let id = "no_signal"

  static func run(_ p: DatasetProfile) -> [Finding] {
    guard let label = p.label, label.labeled >= 30 else { return [] }
    let ids = p.identifierColumns
    let candidates = label.signals.filter { !ids.contains($0.column) }
    guard !candidates.isEmpty, let (best, column, needed) = strongest(candidates, label), best < needed,
          label.task == .regression || !candidates.contains(where: { IDPredictsLabel.drifts($0.orderEffect) }) else { return [] }
    return [Finding(check: id, severity: .warning, columns: [label.column], message: .noSignal(label, best: best, column: column),
                    value: best, threshold: needed,
                    action: "check that the label matches the rows, and look for features that carry information about it before training")]
  }

  /// The strongest column's score and the score it needed to count as measurably better.
  private static func strongest(_ signals: [FeatureSignal], _ label: LabelProfile) -> (Double, String, Double)? {
    let n = Double(label.labeled)
    if label.task == .regression {
      let scores = signals.map { (max(abs($0.correlation ?? 0), $0.correlationRatio ?? 0), $0.column) }
      guard let best = scores.max(by: { $0.0 < $1.0 }) else { return nil }
      return (best.0, best.1, max(4 / n.squareRoot(), 0.05))
    }
    guard let base = label.baselineAccuracy, base < 1 else { return nil }
    let scores = signals.compactMap { s in s.ruleAccuracy.map { ($0, s.column) } }
    guard let best = scores.max(by: { $0.0 < $1.0 }) else { return nil }
    return (best.0, best.1, base + max(3 * (base * (1 - base) / n).squareRoot(), 0.005))
  }
}

extension String {
  fileprivate static func noSignal(_ l: LabelProfile, best: Double, column: String) -> String {
    if l.task == .regression {
      return "no column tracks \(Say.column(l.column)): the strongest, \(Say.column(column)), reaches \(Say.number(best))"
    }
    let base = l.baselineAccuracy ?? 0
    return "no single column predicts \(Say.column(l.column)) measurably better than always answering the majority "
      + "(\(Say.percent(base))): the best, \(Say.column(column)), reaches \(Say.percent(best)); there may be no relevant information here"
  }
}
