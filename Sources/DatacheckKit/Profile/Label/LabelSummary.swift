/// Turns the label analysis into the reported `LabelProfile`.
extension LabelProfiler {
  func summary(columns: [ColumnProfiler], rows: Int) -> LabelProfile {
    let labelColumn = columns[labelIndex]
    let task = options.task ?? LabelProfiler.inferTask(labelColumn.type, classes: classes.count, complete: classes.isComplete)
    let order = classes.counts.indices.sorted {
      classes.counts[$0] != classes.counts[$1] ? classes.counts[$0] > classes.counts[$1]
        : classes.texts[$0].lexicographicallyPrecedes(classes.texts[$1])
    }
    let classCounts = order.map { LabelProfile.ClassCount(value: String(decoding: classes.texts[$0], as: UTF8.self), count: classes.counts[$0]) }
    let isClassification = task == .classification
    let majority = order.first.map { classes.counts[$0] } ?? 0
    let minority = order.last.map { classes.counts[$0] } ?? 0
    let shares = classes.counts.map { Double($0) / Double(max(1, labeled)) }
    let context = SignalContext(classCounts: classes.counts, majorityClass: order.first ?? 0, labeled: labeled,
                                texts: classes.texts, classification: isClassification)
    let conflict = conflicts.summary
    return LabelProfile(
      column: labelColumn.name, task: task, labeled: labeled, missing: unlabeled,
      coverage: rows == 0 ? 0 : Double(labeled) / Double(rows),
      classes: isClassification ? classCounts : [], classesComplete: classes.isComplete,
      imbalanceRatio: isClassification && minority > 0 ? Double(majority) / Double(minority) : nil,
      majorityShare: isClassification && labeled > 0 ? Double(majority) / Double(labeled) : nil,
      target: isClassification ? nil : labelColumn.numericSummary(integer: labelColumn.type == .integer),
      targetMeanAbsoluteDeviation: isClassification ? nil : labelColumn.quantiles.quantile(0.5).flatMap {
        labelColumn.quantiles.meanAbsoluteDeviation(from: $0)
      },
      signals: features.map { context.signal(accumulators[$0], column: columns[$0]) },
      conflicts: .init(groups: conflict.groups, rows: conflict.rows, exact: conflicts.isExact),
      labelChanges: runs.changes,
      expectedLabelChanges: Double(max(0, labeled - 1)) * (1 - shares.reduce(0) { $0 + $1 * $1 }),
      arithmeticCopies: isClassification ? [] : arithmeticCopies(columns),
      folds: options.folds, idColumns: options.idColumns, timeColumn: options.timeColumn)
  }

  /// String, boolean and date labels, and integers with at most 50 values, are classes.
  static func inferTask(_ type: ColumnType, classes: Int, complete: Bool) -> LabelProfile.Task {
    switch type {
    case .float: return .regression
    case .integer: return complete && classes <= 50 ? .classification : .regression
    default: return .classification
    }
  }

  private func arithmeticCopies(_ columns: [ColumnProfiler]) -> [LabelProfile.ArithmeticCopy] {
    (sums.candidates ?? []).compactMap { c in
      guard c.checked > 0, labeled > 0, Double(c.checked) >= 0.5 * Double(labeled) else { return nil }
      let ratio = Double(c.matched) / Double(c.checked)
      guard ratio >= 1 - TargetSumTracker.maxMissRatio else { return nil }
      let names = c.b >= 0 ? [columns[c.a].name, columns[c.b].name] : [columns[c.a].name]
      let ops = ["=", "+", "-", "-"]
      return .init(columns: c.operation == 3 ? names.reversed() : names, operation: ops[Int(c.operation)], matchRatio: ratio)
    }
  }
}

/// What the label's class counts say, shared by every column's signal.
struct SignalContext {
  var classCounts: [Int]
  var majorityClass: Int
  var labeled: Int
  var texts: [[UInt8]]
  var classification: Bool

  func signal(_ acc: FeatureAccumulator, column: ColumnProfiler) -> FeatureSignal {
    var signal = FeatureSignal(column: column.name, index: column.index, ruleAccuracy: nil, ruleKind: nil,
                               ruleRows: labeled, correlation: nil, correlationRatio: nil,
                               equalToLabel: acc.equalToLabel, missingness: missingness(acc.missing), orderEffect: nil)
    if classification {
      let rules = [valueRule(acc).map { ($0, "value") }, thresholdRule(acc.histogram).map { ($0, "threshold") }].compactMap { $0 }
      if let best = rules.max(by: { $0.0 < $1.0 }) { (signal.ruleAccuracy, signal.ruleKind) = (best.0, best.1) }
      signal.orderEffect = OrderAnalysis.deciles(acc.histogram, classes: classCounts.count, majorityClass: majorityClass)
    } else {
      signal.correlation = acc.moments.correlation
      signal.correlationRatio = correlationRatio(acc.table)
    }
    return signal
  }

  /// Leave-one-out accuracy of "a value predicts its majority class"; rows without a value get the majority.
  private func valueRule(_ acc: FeatureAccumulator) -> Double? {
    guard labeled > 0, !acc.table.overflowed, classCounts.count <= ValueClassTable.maxClasses else { return nil }
    let (correct, _) = acc.table.leaveOneOutCorrect(classes: classCounts.count, fallbackClass: majorityClass)
    return Double(correct + acc.missing.missingCounts[majorityClass]) / Double(labeled)
  }

  /// Accuracy of the best single threshold, fitted on one half of the rows and scored on the other.
  private func thresholdRule(_ histogram: ClassHistogram) -> Double? {
    let k = classCounts.count
    guard labeled > 0, k >= 2, k <= ClassHistogram.maxClasses else { return nil }
    let buckets = histogram.sortedBuckets(classes: k)
    guard buckets.count >= 2 else { return nil }
    var correct = 0
    var numericPerClass = [Int](repeating: 0, count: k)
    for half in 0..<2 {
      let rule = ThresholdRule.fit(buckets.map { $0.counts[1 - half] }, classes: k)
      correct += rule.score(buckets.map { $0.counts[half] })
      for b in buckets { for c in 0..<k { numericPerClass[c] += b.counts[half][c] } }
    }
    // Rows with no number here (missing, or text) are predicted as the majority class.
    correct += classCounts[majorityClass] - numericPerClass[majorityClass]
    return Double(correct) / Double(labeled)
  }

  private func missingness(_ m: MissingByClass) -> FeatureSignal.Missingness? {
    classification ? MissingnessAnalysis.classes(m, classCount: classCounts.count, texts: texts)
      : MissingnessAnalysis.target(m)
  }

  /// The correlation ratio η, adjusted for the number of values like an adjusted R².
  private func correlationRatio(_ table: ValueClassTable) -> Double? {
    guard !table.overflowed else { return nil }
    var all = NumericStats()
    for t in table.targets { all.merge(t) }
    let n = Double(all.count), k = Double(table.targets.filter { $0.count > 0 }.count)
    guard n - k >= 1, k >= 2, let sd = all.std, sd > 0 else { return nil }
    var within = 0.0
    for t in table.targets {
      if let s = t.std { within += s * s * Double(t.count - 1) }
    }
    let total = sd * sd * (n - 1)
    let adjusted = 1 - (within / (n - k)) / (total / (n - 1))
    return max(0, adjusted).squareRoot()
  }
}
