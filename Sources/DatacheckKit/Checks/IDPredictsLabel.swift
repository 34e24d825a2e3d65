/// When the label rate drifts along an identifier, the ID encodes time or source: a random split
/// then mixes eras, and the ID itself becomes a feature.
///
/// Finding `id_predicts_label`, warning: across the deciles of an identifier column's values the
/// label distribution differs far beyond chance (chi-square above its degrees of freedom by
/// 6 standard deviations) and by a real amount (Cramér's V ≥ 0.1).
enum IDPredictsLabel: Check {
  static let id = "id_predicts_label"
  static let minimumV = 0.1

  static func run(_ p: DatasetProfile) -> [Finding] {
    guard let label = p.label, label.task == .classification else { return [] }
    let ids = p.identifierColumns
    return label.signals.filter { ids.contains($0.column) }.compactMap { s in
      guard let o = s.orderEffect, o.degreesOfFreedom > 0, o.cramersV >= minimumV,
            o.chiSquare > Double(o.degreesOfFreedom) + 6 * (2 * Double(o.degreesOfFreedom)).squareRoot() else { return nil }
      return Finding(check: id, severity: .warning, columns: [s.column], message: .drift(s.column, o, label),
                     value: o.cramersV, threshold: minimumV,
                     action: "split by \(Say.column(s.column)) (or by time) rather than at random, and keep it out of the features")
    }
  }
}

extension String {
  fileprivate static func drift(_ column: String, _ o: FeatureSignal.OrderEffect, _ l: LabelProfile) -> String {
    "the label share moves from \(Say.percent(o.firstDecileShare)) in the lowest tenth of \(Say.column(column)) "
      + "to \(Say.percent(o.lastDecileShare)) in the highest (Cramér's V \(Say.number(o.cramersV)))"
  }
}
