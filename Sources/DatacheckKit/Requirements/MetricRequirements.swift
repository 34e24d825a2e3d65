/// The metric rows: what a trivial model already reaches, whether the test set can measure the
/// target to the tolerance asked, whether the metric fits the labels, and the simplest rule's score.
extension RequirementEvaluator {
  func metricRows() -> [RequirementResult] {
    guard let metric = goal.metric, let label else { return [] }
    return [baselineRow(metric, label), resolutionRow(metric), fitRow(metric, label), simpleRow(metric, label)].compactMap { $0 }
  }

  /// The class counted as positive: `target.positive`, else `yes`/`true`/`1` when present, else the minority.
  func positiveClass(_ l: LabelProfile) -> LabelProfile.ClassCount? {
    if let declared = goal.target.positive { return l.classes.first { $0.value == declared } ?? .init(value: declared, count: 0) }
    for word in ["yes", "true", "1", "positive", "y", "True", "Yes"] {
      if let c = l.classes.first(where: { $0.value == word }) { return c }
    }
    return l.classes.count == 2 ? l.classes.last : nil
  }

  private func baselineRow(_ m: Goal.MetricGoal, _ l: LabelProfile) -> RequirementResult? {
    let prevalence = positiveClass(l).map { Double($0.count) / Double(max(1, l.labeled)) } ?? 0
    guard let (base, model) = MetricStatistics.baseline(
      m.name, majority: l.majorityShare ?? 0, prevalence: prevalence, classes: l.classes.count,
      spread: l.target?.std, mad: l.targetMeanAbsoluteDeviation) else { return nil }
    let better = m.name.higherIsBetter ? m.target > base : m.target < base
    let name = m.name.rawValue
    let message = better
      ? "the target \(name) \(Words.number(m.target)) is beyond the \(Words.number(base)) that \(model) reaches"
      : "the target \(name) \(Words.number(m.target)) is no better than the \(Words.number(base)) that \(model) already reaches: the goal is met without learning anything"
    let action = m.name == .recall ? "pair recall with precision, or use f1 or auc"
      : m.name == .accuracy ? "raise metric.target above \(Words.number(base)), or use balanced_accuracy, f1 or auc"
      : "set metric.target \(m.name.higherIsBetter ? "above" : "below") \(Words.number(base))"
    return row("metric_baseline", better ? .pass : .fail, measured: "trivial \(name) \(Words.number(base))", value: base,
               expected: "target \(m.name.higherIsBetter ? ">" : "<") baseline", message, action: action, key: "metric.target")
  }

  private func resolutionRow(_ m: Goal.MetricGoal) -> RequirementResult? {
    guard let eval = evaluation, let l = eval.profile.label else {
      let n = Int(Double(train.label?.labeled ?? 0) * 0.2)
      return row("metric_resolution", .warn, measured: "no test split", expected: m.tolerance.map { "± \(Words.number($0))" } ?? "a test split",
                 "no test split is declared; at the usual 20 % it would hold about \(Words.rows(n))",
                 action: "declare the test split (data.test or --split test=PATH)", key: "metric.tolerance")
    }
    let (width, n, basis) = halfWidth(m, l)
    guard width.isFinite else {
      return row("metric_resolution", .fail, measured: "no \(basis) in \(eval.split)", expected: "a measurable test set",
                 "\(eval.split) has no \(basis): \(m.name.rawValue) cannot be measured on it", action: "add labeled rows to \(eval.split)",
                 key: "metric.tolerance", split: eval.split)
    }
    let measured = "± \(Words.number(width)) on \(Words.rows(n)) (\(basis))"
    guard let tolerance = m.tolerance else {
      return row("metric_resolution", .info, measured: measured, value: width, expected: "no tolerance set",
                 "\(m.name.rawValue) \(Words.number(m.target)) measured on \(eval.split) is known to ± \(Words.number(width)) (95 %)",
                 key: "metric.target", split: eval.split)
    }
    let needed = MetricStatistics.rowsNeeded(tolerance: tolerance) { halfWidth(m, l, n: $0).0 }
    let scale = Double(l.labeled) / Double(max(1, n))
    let more = needed.map { max(0, Int((Double($0 - n) * scale).rounded(.up))) }
    return row("metric_resolution", width <= tolerance ? .pass : .fail, measured: measured, value: width,
               expected: "± \(Words.number(tolerance))",
               "at \(m.name.rawValue) \(Words.number(m.target)), \(eval.split) measures to ± \(Words.number(width)) (95 % interval)",
               action: more.map { "add about \(Formatting.grouped($0)) labeled rows to \(eval.split), for \(Formatting.grouped(needed!)) \(basis) in all" }
                 ?? "loosen metric.tolerance", key: "metric.tolerance", split: eval.split)
  }

  /// The 95 % half-width of the metric at its target, the rows it rests on, and what those rows are.
  func halfWidth(_ m: Goal.MetricGoal, _ l: LabelProfile, n override: Int? = nil) -> (Double, Int, String) {
    let positives = positiveClass(l)?.count ?? 0
    switch m.name {
    case .accuracy:
      let n = override ?? l.labeled
      return (MetricStatistics.wilsonHalfWidth(p: m.target, n: n), n, "labeled rows")
    case .balancedAccuracy:
      let k = max(2, l.classes.count), smallest = override ?? (l.classes.map(\.count).min() ?? 0)
      return (MetricStatistics.wilsonHalfWidth(p: m.target, n: smallest) / Double(k).squareRoot(), smallest, "rows of the smallest class")
    case .precision, .recall, .f1:
      let n = override ?? positives
      return (MetricStatistics.wilsonHalfWidth(p: m.target, n: n), n, "positive rows")
    case .auc:
      let n1 = override ?? positives
      let n0 = override.map { Int(Double($0) * Double(max(1, l.labeled - positives)) / Double(max(1, positives))) } ?? (l.labeled - positives)
      return (MetricStatistics.aucHalfWidth(auc: m.target, positives: n1, negatives: n0), n1, "positive rows")
    case .rmse, .mae:
      let n = override ?? l.labeled
      return (MetricStatistics.errorHalfWidth(m.name, value: m.target, n: n), n, "labeled rows")
    }
  }

  private func fitRow(_ m: Goal.MetricGoal, _ l: LabelProfile) -> RequirementResult? {
    guard m.name == .accuracy, let minority = l.classes.last, l.labeled > 0 else { return nil }
    let share = Double(minority.count) / Double(l.labeled)
    return row("metric_fit", share < 0.2 ? .warn : .pass, measured: "minority share \(Words.percent(share))", value: share,
               expected: "≥ 20 % for accuracy", share < 0.2
                 ? "accuracy rewards predicting the majority when the minority class `\(minority.value)` is \(Words.percent(share)) of rows"
                 : "the classes are balanced enough for accuracy",
               action: "declare balanced_accuracy, f1 or auc instead", key: "metric.name")
  }

  /// The best one-column rule of the profile, beside the target (simple models first).
  private func simpleRow(_ m: Goal.MetricGoal, _ l: LabelProfile) -> RequirementResult? {
    let skip = train.identifierColumns.union(TargetCopy.copiedColumns(train))
    let candidates = l.signals.filter { !skip.contains($0.column) }
    if l.task == .classification {
      guard let best = candidates.max(by: { ($0.ruleAccuracy ?? 0) < ($1.ruleAccuracy ?? 0) }), let accuracy = best.ruleAccuracy else { return nil }
      let close = m.name == .accuracy && m.target <= accuracy + 0.01
      return row("simple_baseline", close ? .warn : .info, measured: "\(Words.percent(accuracy)) accuracy (`\(best.column)`)",
                 value: accuracy, expected: "\(m.name.rawValue) \(Words.number(m.target))",
                 "one rule on `\(best.column)` alone reaches \(Words.percent(accuracy)) held-out accuracy"
                   + (close ? ": the target asks barely more than that" : ""),
                 action: "check that the target is worth a model; start from that rule", key: "metric.target", columns: [best.column])
    }
    guard let std = l.target?.std, let best = candidates.max(by: { abs($0.correlation ?? 0) < abs($1.correlation ?? 0) }),
          let r = best.correlation else { return nil }
    let rmse = std * (1 - r * r).squareRoot()
    let close = m.name == .rmse && m.target >= rmse * 0.99
    return row("simple_baseline", close ? .warn : .info, measured: "rmse \(Words.number(rmse)) (linear in `\(best.column)`)", value: rmse,
               expected: "\(m.name.rawValue) \(Words.number(m.target))",
               "a straight line on `\(best.column)` (r = \(Words.number(r))) reaches rmse \(Words.number(rmse))",
               action: "check that the target is worth a model; start from that line", key: "metric.target", columns: [best.column])
  }
}
