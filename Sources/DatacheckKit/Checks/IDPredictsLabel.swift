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
      guard drifts(s.orderEffect), let o = s.orderEffect else { return nil }
      return Finding(check: id, severity: .warning, columns: [s.column], message: .drift(s.column, o, label),
                     value: o.cramersV, threshold: minimumV,
                     action: "split by \(Say.column(s.column)) (or by time) rather than at random, and keep it out of the features")
    }
  }
}

extension IDPredictsLabel {
  /// Whether the label share across a column's deciles differs far beyond chance, and by a real
  /// amount (also what `no_signal` counts as information about the label).
  static func drifts(_ o: FeatureSignal.OrderEffect?) -> Bool {
    guard let o, o.degreesOfFreedom > 0 else { return false }
    return o.cramersV >= minimumV && o.chiSquare > Double(o.degreesOfFreedom) + 6 * (2 * Double(o.degreesOfFreedom)).squareRoot()
  }
}

extension String {
  fileprivate static func drift(_ column: String, _ o: FeatureSignal.OrderEffect, _ l: LabelProfile) -> String {
    "the label share moves from \(Say.percent(o.firstDecileShare)) in the lowest tenth of \(Say.column(column)) "
      + "to \(Say.percent(o.lastDecileShare)) in the highest (Cramér's V \(Say.number(o.cramersV)))"
  }
}
