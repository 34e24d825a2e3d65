/// A column that predicts the label almost perfectly was probably computed from it, or after it.
///
/// Finding `target_proxy`: classification — error when the held-out accuracy of the best
/// one-column rule is ≥ 0.98, warning at ≥ 0.90, in both cases only when it is clearly above
/// the majority baseline (it removes at least half of the baseline's errors, z ≥ 3); regression
/// — error when |Pearson r| or the adjusted correlation ratio is ≥ 0.98, warning at ≥ 0.90.
/// Identifier columns (`id_column`, `row_index_column`, `--id`) and copies (`target_copy`) are
/// reported by their own checks instead.
enum TargetProxy: Check {
  static let id = "target_proxy"
  static let errorAt = 0.98
  static let warningAt = 0.90

  static func run(_ p: DatasetProfile) -> [Finding] {
    guard let label = p.label, label.labeled > 0 else { return [] }
    let skip = p.identifierColumns.union(TargetCopy.copiedColumns(p))
    return label.signals.filter { !skip.contains($0.column) }.compactMap { s in
      guard let (score, method) = strength(s, label) else { return nil }
      let severity: Severity = score >= errorAt ? .error : .warning
      return Finding(check: id, severity: severity, columns: [s.column], message: .proxy(s.column, score, method, label),
                     value: score, threshold: severity == .error ? errorAt : warningAt,
                     action: "find out how \(Say.column(s.column)) is made; if it is known only after the label, drop it")
    }
  }

  /// The column's strength when it is at least the warning level, with how it was measured.
  static func strength(_ s: FeatureSignal, _ label: LabelProfile) -> (Double, String)? {
    if label.task == .regression {
      let r = abs(s.correlation ?? 0), eta = s.correlationRatio ?? 0
      let best = max(r, eta)
      return best >= warningAt ? (best, r >= eta ? "|Pearson r|" : "correlation ratio") : nil
    }
    guard let accuracy = s.ruleAccuracy, accuracy >= warningAt, let base = label.baselineAccuracy,
          Significance.clearlyAbove(accuracy, baseline: base, rows: label.labeled) else { return nil }
    return (accuracy, s.ruleKind == "threshold" ? "one threshold" : "its values")
  }
}

/// When a rule's accuracy is clearly above the majority baseline.
enum Significance {
  /// At least half of the baseline's errors removed, and z ≥ 3 against the baseline.
  static func clearlyAbove(_ accuracy: Double, baseline: Double, rows: Int) -> Bool {
    guard baseline < 1 else { return false }
    let lift = (accuracy - baseline) / (1 - baseline)
    return lift >= 0.5 && z(accuracy, baseline: baseline, rows: rows) >= 3
  }

  /// The z score of an accuracy against the baseline's binomial spread.
  static func z(_ accuracy: Double, baseline: Double, rows: Int) -> Double {
    let sd = (baseline * (1 - baseline) / Double(max(1, rows))).squareRoot()
    return sd > 0 ? (accuracy - baseline) / sd : 0
  }
}

extension String {
  fileprivate static func proxy(_ column: String, _ score: Double, _ method: String, _ l: LabelProfile) -> String {
    if l.task == .regression {
      return "\(Say.column(column)) tracks the target \(Say.column(l.column)): \(method) \(Say.number(score))"
    }
    let base = l.baselineAccuracy.map { ", against \(Say.percent($0)) for always predicting the majority" } ?? ""
    return "\(Say.column(column)) alone predicts \(Say.column(l.column)) with \(Say.percent(score)) held-out accuracy by \(method)\(base)"
  }
}
