import Foundation
import Testing
@testable import DatacheckKit

/// The label statistics against slow, obvious twins.
@Suite struct LabelStatisticsTests {
  /// Leave-one-out by brute force: remove each row, take the majority of the rest.
  @Test func leaveOneOutMatchesBruteForce() {
    var rng = SplitMix(seed: 3)
    for _ in 0..<300 {
      let counts = (0..<3).map { _ in Int(rng.next() % 6) }
      let total = counts.reduce(0, +)
      var brute = 0
      for (c, n) in counts.enumerated() where n > 0 {
        var rest = counts
        rest[c] -= 1
        let top = rest.max()!
        let winners = rest.indices.filter { rest[$0] == top }
        if total == 1 { brute += c == 0 ? n : 0 } else if winners == [c] { brute += n }
      }
      #expect(LeaveOneOut.correct(counts: counts, total: total, fallbackClass: 0) == brute, "\(counts)")
    }
  }

  /// The best threshold by trying every cut and every pair of classes.
  @Test func thresholdRuleMatchesExhaustiveSearch() {
    var rng = SplitMix(seed: 5)
    for _ in 0..<200 {
      let buckets = (0..<Int(1 + rng.next() % 8)).map { _ in (0..<3).map { _ in Int(rng.next() % 5) } }
      var best = 0
      for cut in 0...buckets.count {
        for a in 0..<3 {
          for b in 0..<3 {
            let score = buckets.enumerated().reduce(0) { $0 + $1.element[$1.offset < cut ? a : b] }
            best = max(best, score)
          }
        }
      }
      let rule = ThresholdRule.fit(buckets, classes: 3)
      #expect(rule.score(buckets) == best, "\(buckets)")
    }
  }

  /// Bucket keys sort like the numbers, and a bucket's lower edge is in it.
  @Test func histogramKeysPreserveOrder() {
    var rng = SplitMix(seed: 9)
    let xs = (0..<5000).map { _ in (rng.uniform() - 0.5) * pow(10, Double(Int(rng.next() % 20)) - 10) } + [0, -0.0, 1, -1, 255, 256]
    for (a, b) in zip(xs, xs.dropFirst()) {
      let (ka, kb) = (ClassHistogram.key(a), ClassHistogram.key(b))
      if a < b { #expect(ka <= kb) } else if a > b { #expect(ka >= kb) }
      #expect(ClassHistogram.key(ClassHistogram.lowerEdge(ka)) == ka)
    }
    for i in 0..<256 { #expect(ClassHistogram.key(Double(i)) != ClassHistogram.key(Double(i + 1))) }
  }

  @Test func pearsonMatchesTwoPassFormulaAndMerges() {
    var rng = SplitMix(seed: 11)
    let xs = (0..<2000).map { _ in rng.normal() }
    let ys = xs.map { 0.6 * $0 + 0.8 * rng.normal() }
    var all = CoMoments(), a = CoMoments(), b = CoMoments()
    for (i, (x, y)) in zip(xs, ys).enumerated() {
      all.observe(x, y)
      if i < 700 { a.observe(x, y) } else { b.observe(x, y) }
    }
    a.merge(b)
    let mx = xs.reduce(0, +) / 2000, my = ys.reduce(0, +) / 2000
    let sxy = zip(xs, ys).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
    let sxx = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }, syy = ys.reduce(0) { $0 + ($1 - my) * ($1 - my) }
    let r = sxy / (sxx * syy).squareRoot()
    #expect(abs(all.correlation! - r) < 1e-12)
    #expect(abs(a.correlation! - r) < 1e-12)
  }

  /// A 2×2 table whose chi-square is known by hand: [[10, 20], [30, 40]] gives 0.7937.
  @Test func chiSquareOfAKnownTable() {
    let (chi, df) = ChiSquare.homogeneity([[10, 20], [30, 40]])
    #expect(df == 1)
    #expect(abs(chi - 0.79365079) < 1e-6)
  }

  @Test func runsAndRowIndexMergeLikeOneFile() {
    let labels: [UInt64] = [1, 1, 2, 2, 2, 1, 3, 3, 1]
    var whole = LabelRuns(), a = LabelRuns(), b = LabelRuns()
    for (i, l) in labels.enumerated() {
      whole.observe(l)
      if i < 4 { a.observe(l) } else { b.observe(l) }
    }
    a.merge(b)
    #expect(a == whole && whole.changes == 4)

    var index = RowIndexRun(), first = RowIndexRun(), second = RowIndexRun()
    for i in 0..<10 {
      index.observe(Int64(i + 1), row: i)
      if i < 6 { first.observe(Int64(i + 1), row: i) } else { second.observe(Int64(i + 1), row: i - 6) }
    }
    first.merge(second)
    #expect(first == index && index.consistent && index.first == 1)
    var broken = RowIndexRun()
    broken.observe(1, row: 0)
    broken.observe(3, row: 1)
    #expect(!broken.consistent)
  }

  /// Conflicts against a dictionary from features to the set of labels.
  @Test func conflictsMatchADictionary() {
    var rng = SplitMix(seed: 13)
    var tracker = ConflictTracker(), left = ConflictTracker(), right = ConflictTracker()
    var twin: [UInt64: (labels: Set<UInt64>, rows: Int)] = [:]
    for i in 0..<20_000 {
      let features = XXH64Mix.mix(rng.next() % 3000)
      let label = XXH64Mix.mix(rng.next() % 40 == 0 ? 2 : 1)
      tracker.observe(features: features, label: label)
      if i < 8000 { left.observe(features: features, label: label) } else { right.observe(features: features, label: label) }
      twin[features, default: ([], 0)].labels.insert(label)
      twin[features]!.rows += 1
    }
    left.merge(right)
    let conflicting = twin.values.filter { $0.labels.count > 1 }
    #expect(tracker.summary.groups == conflicting.count)
    #expect(tracker.summary.rows == conflicting.reduce(0) { $0 + $1.rows })
    #expect(left.summary == tracker.summary)
  }

  /// The label profile of a file equals the merge of its parts' (class order aside).
  @Test func labelProfilerMergesLikeOnePass() throws {
    var options = ProfileOptions()
    options.label = LabelOptions(column: "label")
    let path = Fixtures.path("labels/missing_leak.csv")
    var read = ReadOptions()
    read.chunkSize = 16 * 1024
    read.batchRows = 500
    let reader = try DatasetReader(paths: [path], options: read)
    var whole = DatasetProfiler(columnNames: reader.columnNames, options: options)
    var parts = [DatasetProfiler](repeating: DatasetProfiler(columnNames: reader.columnNames, options: options), count: 2)
    var n = 0
    try reader.forEachBatch { batch in
      whole.observe(batch)
      parts[n % 3 == 2 ? 1 : 0].observe(batch)   // not contiguous: merge must not care about order for these
      n += 1
    }
    #expect(n >= 3)
    var merged = parts[0]
    merged.merge(parts[1])
    let render = { (p: DatasetProfiler) -> [String] in
      let s = p.summary(sources: [], problems: ProblemLog())
      return s.label!.signals.map { "\($0.column) \($0.ruleAccuracy ?? -1) \($0.equalToLabel) \($0.missingness?.effect ?? -1)" }
        + s.label!.classes.map { "\($0.value) \($0.count)" } + ["\(s.label!.conflicts)"]
    }
    #expect(render(merged) == render(whole))
  }
}
