/// Whether a value is missing can itself reveal the label (a field filled in only after the event).
///
/// Finding `missing_predicts_label`, with at least 20 missing and 20 present labeled rows and
/// z ≥ 4: classification — a class's share differs by ≥ 0.6 between rows where the column is
/// missing and where it is present (error), or by ≥ 0.25 (warning); regression — the target's
/// means differ by ≥ 1.5 pooled standard deviations (error) or ≥ 0.5 (warning).
enum MissingPredictsLabel: Check {
  static let id = "missing_predicts_label"
  static let minimumRows = 20
  static let minimumZ = 4.0

  static func run(_ p: DatasetProfile) -> [Finding] {
    guard let label = p.label else { return [] }
    let (warnAt, errorAt) = label.task == .classification ? (0.25, 0.6) : (0.5, 1.5)
    return label.signals.compactMap { s in
      guard let m = s.missingness, m.missingRows >= minimumRows, m.presentRows >= minimumRows,
            m.z >= minimumZ, m.effect >= warnAt else { return nil }
      let severity: Severity = m.effect >= errorAt ? .error : .warning
      return Finding(check: id, severity: severity, columns: [s.column], message: .missingness(s.column, m, label),
                     value: m.effect, threshold: severity == .error ? errorAt : warnAt,
                     action: "find out when \(Say.column(s.column)) gets filled in; if after the label is known, drop it (and its missing flag)")
    }
  }
}

extension String {
  fileprivate static func missingness(_ column: String, _ m: FeatureSignal.Missingness, _ l: LabelProfile) -> String {
    if let value = m.classValue, let a = m.missingShare, let b = m.presentShare {
      return "class `\(value)` is \(Say.percent(a)) of rows where \(Say.column(column)) is missing "
        + "(\(Say.count(m.missingRows)) rows) and \(Say.percent(b)) where it is present"
    }
    return "the target's mean differs by \(Say.number(m.effect)) standard deviations between rows where "
      + "\(Say.column(column)) is missing (\(Say.count(m.missingRows))) and present"
  }
}
