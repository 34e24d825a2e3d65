/// The best rule "below the cut: class A; from the cut on: class B" over sorted buckets.
struct ThresholdRule {
  var cut: Int          // buckets before `cut` are "below"
  var below: Int
  var above: Int

  /// Fits the rule maximizing correct rows on `buckets` (per bucket: count per class).
  static func fit(_ buckets: [[Int]], classes k: Int) -> ThresholdRule {
    var totals = [Int](repeating: 0, count: k)
    for b in buckets { for c in 0..<k { totals[c] += b[c] } }
    var left = [Int](repeating: 0, count: k)
    var best = ThresholdRule(cut: 0, below: 0, above: argmax(totals))
    var bestScore = totals[best.above]
    for (i, b) in buckets.enumerated() {
      for c in 0..<k { left[c] += b[c] }
      let a = argmax(left)
      let right = (0..<k).map { totals[$0] - left[$0] }
      let z = argmax(right)
      let score = left[a] + right[z]
      if score > bestScore { bestScore = score; best = ThresholdRule(cut: i + 1, below: a, above: z) }
    }
    return best
  }

  /// Rows of `buckets` the rule gets right.
  func score(_ buckets: [[Int]]) -> Int {
    buckets.enumerated().reduce(0) { sum, item in sum + item.element[item.offset < cut ? below : above] }
  }

  private static func argmax(_ xs: [Int]) -> Int {
    var best = 0
    for i in xs.indices where xs[i] > xs[best] { best = i }
    return best
  }
}

/// The label's share across the deciles of a numeric column (used for ID columns).
enum OrderAnalysis {
  static func deciles(_ histogram: ClassHistogram, classes k: Int, majorityClass: Int) -> FeatureSignal.OrderEffect? {
    guard k >= 2, k <= ClassHistogram.maxClasses else { return nil }
    let buckets = histogram.sortedBuckets(classes: k).map { b in (0..<k).map { b.counts[0][$0] + b.counts[1][$0] } }
    let total = buckets.reduce(0) { $0 + $1.reduce(0, +) }
    guard total >= 100, buckets.count >= 10 else { return nil }
    var bins = [[Int]](repeating: [Int](repeating: 0, count: k), count: 10)
    var seen = 0
    for b in buckets {
      let rows = b.reduce(0, +)
      let bin = min(9, (seen + rows / 2) * 10 / total)
      for c in 0..<k { bins[bin][c] += b[c] }
      seen += rows
    }
    let filled = bins.filter { $0.reduce(0, +) > 0 }
    let (chi, df) = ChiSquare.homogeneity(filled)
    let minority = k == 2 ? 1 - majorityClass : majorityClass
    let share = { (bin: [Int]) in Double(bin[minority]) / Double(max(1, bin.reduce(0, +))) }
    let v = (chi / Double(total) / Double(max(1, min(k, filled.count) - 1))).squareRoot()
    return .init(firstDecileShare: share(filled.first!), lastDecileShare: share(filled.last!),
                 chiSquare: chi, degreesOfFreedom: df, cramersV: v)
  }
}

enum ChiSquare {
  /// Pearson's chi-square test of homogeneity of a table (rows: groups, columns: classes).
  static func homogeneity(_ table: [[Int]]) -> (statistic: Double, degreesOfFreedom: Int) {
    let rowTotals = table.map { Double($0.reduce(0, +)) }
    let k = table.first?.count ?? 0
    let colTotals = (0..<k).map { c in Double(table.reduce(0) { $0 + $1[c] }) }
    let n = rowTotals.reduce(0, +)
    guard n > 0 else { return (0, 0) }
    var chi = 0.0
    for (i, row) in table.enumerated() {
      for c in 0..<k where colTotals[c] > 0 && rowTotals[i] > 0 {
        let expected = rowTotals[i] * colTotals[c] / n
        chi += (Double(row[c]) - expected) * (Double(row[c]) - expected) / expected
      }
    }
    let usedColumns = colTotals.filter { $0 > 0 }.count
    return (chi, max(0, (table.count - 1) * (usedColumns - 1)))
  }
}

/// How the label differs where a column is missing.
enum MissingnessAnalysis {
  static func classes(_ m: MissingByClass, classCount: Int, texts: [[UInt8]]) -> FeatureSignal.Missingness? {
    let k = min(classCount, MissingByClass.maxClasses)
    let missing = m.missingCounts.prefix(k).reduce(0, +), present = m.presentCounts.prefix(k).reduce(0, +)
    guard missing > 0, present > 0 else { return nil }
    var best: FeatureSignal.Missingness?
    for c in 0..<k {
      let p1 = Double(m.missingCounts[c]) / Double(missing), p2 = Double(m.presentCounts[c]) / Double(present)
      let pooled = Double(m.missingCounts[c] + m.presentCounts[c]) / Double(missing + present)
      let se = (pooled * (1 - pooled) * (1 / Double(missing) + 1 / Double(present))).squareRoot()
      let z = se > 0 ? abs(p1 - p2) / se : 0
      if best == nil || abs(p1 - p2) > best!.effect {
        best = .init(missingRows: missing, presentRows: present, effect: abs(p1 - p2), z: z,
                     classValue: String(decoding: texts[c], as: UTF8.self), missingShare: p1, presentShare: p2)
      }
    }
    return best
  }

  static func target(_ m: MissingByClass) -> FeatureSignal.Missingness? {
    let a = m.missingTarget, b = m.presentTarget
    guard a.count >= 2, b.count >= 2, let sa = a.std, let sb = b.std else { return nil }
    let pooled = ((sa * sa * Double(a.count - 1) + sb * sb * Double(b.count - 1)) / Double(a.count + b.count - 2)).squareRoot()
    let se = (sa * sa / Double(a.count) + sb * sb / Double(b.count)).squareRoot()
    guard pooled > 0, se > 0 else { return nil }
    return .init(missingRows: a.count, presentRows: b.count, effect: abs(a.mean - b.mean) / pooled,
                 z: abs(a.mean - b.mean) / se, classValue: nil, missingShare: nil, presentShare: nil)
  }
}
