import Foundation
import Testing
@testable import DatacheckKit

/// Every accumulator is a monoid: observing A then B equals merging what A and B observed.
/// Counts must be equal exactly; floating-point moments within 1e-12 relative; sketches within
/// their stated error of the exact answer.
@Suite struct MergeTests {
  var rng = SplitMix(seed: 42)

  private func halves<T>(_ values: [T]) -> ([T], [T]) {
    let cut = values.count / 3
    return (Array(values[..<cut]), Array(values[cut...]))
  }

  @Test mutating func numericStats() {
    let values = (0..<5000).map { _ in rng.normal() * 1e3 + 1e6 }
    let (a, b) = halves(values)
    var sequential = NumericStats(), left = NumericStats(), right = NumericStats()
    values.forEach { sequential.observe($0) }
    a.forEach { left.observe($0) }
    b.forEach { right.observe($0) }
    left.merge(right)
    #expect(left.count == sequential.count)
    #expect(left.min == sequential.min && left.max == sequential.max)
    #expect(close(left.mean, sequential.mean) && close(left.std!, sequential.std!))
    // The twin: the two-pass textbook formulas.
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    #expect(close(sequential.mean, mean) && close(sequential.std!, variance.squareRoot(), 1e-9))
  }

  @Test mutating func integerLengthAndTemporalRanges() {
    let words = (0..<500).map { _ in String(repeating: "é", count: Int(rng.next() % 9)) + "x" }
    let (a, b) = halves(words)
    func lengths(_ ws: [String]) -> LengthStats {
      var s = LengthStats()
      for w in ws { Array(w.utf8).withUnsafeBytes { _ = s.observe($0) } }
      return s
    }
    var merged = lengths(a)
    merged.merge(lengths(b))
    #expect(merged == lengths(words))
    #expect(lengths(words).max == words.map(\.count).max()!)

    let ints = (0..<500).map { _ in Int64(bitPattern: rng.next()) }
    func range(_ xs: [Int64]) -> IntegerRange { var r = IntegerRange(); xs.forEach { r.observe($0) }; return r }
    var r = range(Array(ints[..<100]))
    r.merge(range(Array(ints[100...])))
    #expect(r == range(ints) && r.min == ints.min()! && r.max == ints.max()!)

    let days = (0..<300).map { _ in Double(rng.next() % 20_000) * 86_400 }
    func temporal(_ xs: [Double]) -> TemporalRange {
      var t = TemporalRange()
      for x in xs { Array("\(x)".utf8).withUnsafeBytes { t.observe(x, text: $0) } }
      return t
    }
    var t = temporal(Array(days[..<120]))
    t.merge(temporal(Array(days[120...])))
    #expect(t == temporal(days))
  }

  @Test mutating func valueCounterExact() {
    let values = (0..<3000).map { _ in "v\(Int(rng.next() % 400))" }
    let (a, b) = halves(values)
    var merged = counter(a)
    merged.merge(counter(b))
    let sequential = counter(values)
    #expect(merged.isExact && merged.distinct == sequential.distinct)
    #expect(merged.top(10).map(\.count) == sequential.top(10).map(\.count))
    #expect(merged.top(10).map(\.bytes) == sequential.top(10).map(\.bytes))
    // The twin: a dictionary count.
    let exact = Dictionary(values.map { ($0, 1) }, uniquingKeysWith: +)
    #expect(sequential.distinct == exact.count)
    let best = exact.sorted { $0.value != $1.value ? $0.value > $1.value : Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
    #expect(sequential.top(10).map { String(decoding: $0.bytes, as: UTF8.self) } == best.prefix(10).map(\.key))
  }

  /// Past the cap both paths switch to sketches; both stay within the sketches' error of the truth.
  @Test mutating func valueCounterPastTheCap() {
    let heavy = (0..<5).flatMap { i in Array(repeating: "heavy\(i)", count: 2000 - i * 100) }
    var values = heavy + (0..<20_000).map { _ in "rare\(rng.next() % 15_000)" }
    rng.shuffle(&values)
    let (a, b) = halves(values)
    var merged = counter(a, cap: 1000)
    merged.merge(counter(b, cap: 1000))
    let sequential = counter(values, cap: 1000)
    let truth = Set(values).count
    for c in [merged, sequential] {
      #expect(!c.isExact)
      #expect(abs(Double(c.distinct - truth)) <= 3 * 0.0081 * Double(truth) + 1)
      #expect(c.top(5).map { String(decoding: $0.bytes, as: UTF8.self) } == (0..<5).map { "heavy\($0)" })
    }
  }

  /// A value seen before is observed from its entry's digest, not parsed again: kinds, lengths,
  /// numbers, date range, string examples and the row-index flag equal what the values
  /// themselves give (the twin: Swift's parsing, counting and sorting), also for entries that came
  /// from a merge and are then observed again, and across a switch to sketches mid-stream.
  @Test mutating func repeatedValuesCountLikeNewOnes() {
    let pool = ["7", "-3", "12", "2.5", "1e3", "2024-02-29", "1999-12-31", "true", "FALSE", "zürich", "ok", "日本",
                "NA", "", "0.125", "2020-01-01T10:00:00"]
    let values = (0..<9_000).map { i in i < 40 ? pool[i % pool.count] : pool[Int(rng.next() % UInt64(pool.count))] }
    func expectTwin(_ p: ColumnProfiler, _ seen: [String]) {
      let kept = seen.filter { !MissingTokens.defaults.contains($0) }
      #expect(p.values == seen.count && p.missing == seen.count - kept.count)
      #expect(p.kindCounts[ValueKind.integer.rawValue] == kept.filter { Int($0) != nil }.count)
      #expect(p.kindCounts[ValueKind.float.rawValue] == kept.filter { Int($0) == nil && Double($0) != nil }.count)
      #expect(p.kindCounts[ValueKind.boolean.rawValue] == kept.filter { ["true", "false"].contains($0.lowercased()) }.count)
      #expect(p.kindCounts[ValueKind.string.rawValue] == kept.filter { ["zürich", "ok", "日本"].contains($0) }.count)
      #expect(p.lengths.count == kept.count && p.lengths.total == kept.map { $0.unicodeScalars.count }.reduce(0, +))
      #expect(p.lengths.min == 1 && p.lengths.max == 19)
      let numbers = kept.filter { Int($0) != nil || Double($0) != nil }.map { Double($0)! }
      #expect(p.numbers.count == numbers.count && p.numbers.min == -3 && p.numbers.max == 1_000)
      #expect(abs(p.numbers.mean - numbers.reduce(0, +) / Double(numbers.count)) < 1e-9)
      #expect(String(decoding: p.temporal.minText, as: UTF8.self) == "1999-12-31")
      #expect(String(decoding: p.temporal.maxText, as: UTF8.self) == "2024-02-29")
      #expect(p.stringExamples.map { String(decoding: $0, as: UTF8.self) } == ["zürich", "ok", "日本"])
      #expect(!p.rowIndex.consistent)
    }
    for cap in [65_536, 9] {   // 9: the pool's 14 values pass the cap early
      var merged = columnProfiler(Array(values[..<3_000]), cap: cap)
      merged.merge(columnProfiler(Array(values[3_000..<6_000]), cap: cap))
      expectTwin(columnProfiler(values, cap: cap), values)
      expectTwin(merged, Array(values[..<6_000]))
      // Observed after the merge: the merged-in entries have no digest yet.
      for v in values[6_000...] { Array(v.utf8).withUnsafeBytes { _ = merged.observe($0, hash: ValueHash.hash($0)) } }
      expectTwin(merged, values)
      #expect(merged.counter.isExact == (cap > 14))
    }
  }

  /// A column profiler fed `values` in batches of 1,000 rows, as the pipeline feeds it.
  private func columnProfiler(_ values: [String], cap: Int) -> ColumnProfiler {
    var profiler = ColumnProfiler(name: "x", index: 0, missingTokens: MissingTokens(), maxExactDistinct: cap)
    for start in stride(from: 0, to: values.count, by: 1_000) {
      var batch = RecordBatch(columns: 1, capacity: 1_000)
      for (r, v) in values[start..<min(start + 1_000, values.count)].enumerated() {
        Array(v.utf8).withUnsafeBytes { batch.append($0, toColumn: 0) }
        batch.endRecord(line: start + r + 1, fieldCount: 1)
      }
      var hashes = [UInt64](repeating: 0, count: batch.count)
      profiler.observe(batch.column(0), rows: batch.count, rowHashes: &hashes)
    }
    return profiler
  }

  /// While a column's value counts are exact its quantiles are read from them, exactly (the
  /// twin: sorting every number); once counted by sketches, from a KLL sketch that holds every
  /// number once: the table's at the switch, weighted, and each one after, also through merges.
  @Test mutating func columnQuantilesExactThenSketched() {
    let qs = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]
    // 30,000 values of 700 distinct numbers and a few words: far past KLL's k of 200.
    let values = (0..<30_000).map { i in i % 97 == 0 ? "n/a\(i % 3)" : "\(Double(rng.next() % 700) / 4)" }
    let numbers = values.compactMap(Double.init).sorted()
    let exact = qs.map { numbers[max(1, Int((Double(numbers.count) * $0).rounded(.up))) - 1] }
    let (a, b) = halves(values)
    var merged = columnProfiler(a, cap: 65_536)
    merged.merge(columnProfiler(b, cap: 65_536))
    for p in [columnProfiler(values, cap: 65_536), merged] {
      #expect(p.counter.isExact && p.quantiles.isExact)
      #expect(p.quantiles.count == numbers.count)
      #expect(p.quantiles.quantiles(qs) == exact)
    }
    // A cap of 500 distinct values: switched while observing (mid-batch), in one half or the
    // other, or only by their merge (each half under the cap, their union over).
    func withinRankError(_ p: ColumnProfiler, _ numbers: [Double]) {
      #expect(p.quantiles.count == numbers.count)
      for (q, x) in zip(qs, p.quantiles.quantiles(qs)) {
        let below = numbers.filter { $0 < x! }.count, atOrBelow = numbers.filter { $0 <= x! }.count
        let target = q * Double(numbers.count)
        let error = Double(below) > target ? Double(below) - target : max(0, target - Double(atOrBelow))
        #expect(error / Double(numbers.count) <= 0.0165, "q \(q): \(x!)")
      }
    }
    let pairs = [(a, b), (Array(values[..<500]), Array(values[500...])), (Array(values[500...]), Array(values[..<500]))]
    var profilers = [columnProfiler(values, cap: 500)]
    for (left, right) in pairs {
      var m = columnProfiler(left, cap: 500)
      m.merge(columnProfiler(right, cap: 500))
      profilers.append(m)
    }
    #expect(columnProfiler(Array(values[..<500]), cap: 500).counter.isExact)
    for p in profilers {
      #expect(!p.counter.isExact && !p.quantiles.isExact)
      withinRankError(p, numbers)
    }
    // Halves of 203 distinct values each: exact under a cap of 500 together, not under 300.
    let low = values.filter { Double($0).map { $0 < 50 } ?? true }
    let high = values.filter { Double($0).map { $0 >= 50 && $0 < 100 } ?? true }
    let both = (low + high).compactMap(Double.init).sorted()
    var union = columnProfiler(low, cap: 500)
    union.merge(columnProfiler(high, cap: 500))
    #expect(union.counter.isExact && union.quantiles.isExact)
    #expect(union.quantiles.quantiles(qs) == qs.map { both[max(1, Int((Double(both.count) * $0).rounded(.up))) - 1] })
    var overCap = columnProfiler(low, cap: 300)
    #expect(overCap.counter.isExact)
    overCap.merge(columnProfiler(high, cap: 300))
    #expect(!overCap.counter.isExact)
    withinRankError(overCap, both)
  }

  @Test mutating func duplicateTrackerExact() {
    let rows = (0..<20_000).map { _ in rng.next() % 12_000 }
    let (a, b) = halves(rows)
    var merged = tracker(a), sequential = tracker(rows)
    merged.merge(tracker(b))
    #expect(merged.isExact && merged.duplicates == sequential.duplicates)
    #expect(sequential.duplicates == rows.count - Set(rows).count)   // the twin: a Set
  }

  /// Past its memory budget the table samples by hash and estimates; the estimate stays near the truth.
  @Test mutating func duplicateTrackerSampled() {
    let rows = (0..<400_000).map { _ in XXH64Mix.mix(rng.next() % 250_000) }
    let truth = rows.count - Set(rows).count
    var sequential = DuplicateTracker(budgetBytes: 1 << 20)
    rows.forEach { sequential.observe($0) }
    let (a, b) = halves(rows)
    var merged = DuplicateTracker(budgetBytes: 1 << 20), right = DuplicateTracker(budgetBytes: 1 << 20)
    a.forEach { merged.observe($0) }
    b.forEach { right.observe($0) }
    merged.merge(right)
    for t in [sequential, merged] {
      #expect(!t.isExact)
      #expect(abs(Double(t.duplicates - truth)) < 0.1 * Double(truth), "estimate \(t.duplicates), truth \(truth)")
    }
  }

  /// Segments list their row hashes, sort them and the merge inserts them in one sweep: the
  /// counts are those of one pass in file order, sampled or not (they do not depend on order).
  @Test(arguments: [1 << 20, 64 << 20])
  mutating func deferredRowsCountLikeOnePass(budget: Int) {
    let rows = (0..<300_000).map { _ in XXH64Mix.mix(rng.next() % 200_000) }
    let labels = rows.indices.map { UInt64(($0 * 7919) % 3) << 17 }
    var duplicates = DuplicateTracker(budgetBytes: budget), conflicts = ConflictTracker(budgetBytes: budget)
    for r in rows.indices {
      duplicates.observe(rows[r])
      conflicts.observe(features: rows[r], label: labels[r])
    }
    var mergedDuplicates = DuplicateTracker(budgetBytes: budget), mergedConflicts = ConflictTracker(budgetBytes: budget)
    for (i, part) in [0..<70_000, 70_000..<70_001, 70_001..<300_000].enumerated() {
      var d = DuplicateTracker(budgetBytes: budget), c = ConflictTracker(budgetBytes: budget)
      d.deferInserts()
      c.deferInserts()
      for r in part {
        d.observe(rows[r])
        c.observe(features: rows[r], label: labels[r])
      }
      d.sortDeferred()
      c.sortDeferred()
      if i == 0 {
        (mergedDuplicates, mergedConflicts) = (d, c)
        mergedDuplicates.insertDeferred()
        mergedConflicts.insertDeferred()
      } else {
        mergedDuplicates.merge(d)
        mergedConflicts.merge(c)
      }
    }
    #expect(duplicates.isExact == (budget > 1 << 20) && mergedDuplicates.level == duplicates.level)
    #expect(mergedDuplicates.duplicates == duplicates.duplicates)
    #expect(mergedConflicts.summary == conflicts.summary && mergedConflicts.isExact == conflicts.isExact)
    if budget > 1 << 20 { #expect(duplicates.duplicates == rows.count - Set(rows).count) }
  }

  #if DEBUG
  /// A listed run of more groups than the table at its budget has slots, added in top-bit
  /// order, overflowed each 1/256th of the table into the next: one probe run growing across
  /// the table (quadratic). Taken in a scattered order, an insert steps past a few slots.
  @Test mutating func aRunThatFillsTheTableTakesFewProbes() {
    var table = RowHashTable<DuplicateTracker.Repeats>(budgetBytes: 1 << 20)   // 59,049 slots at most
    let hashes = (0..<65_536).map { _ in rng.next() }
    table.deferAdds(withRows: false)
    for hash in hashes { table.record(hash, row: 0) }
    table.sortDeferred()
    table.addDeferred()
    #expect(table.level > 0)   // it filled up and sampled
    #expect(table.probeSteps < 4 * hashes.count, "\(table.probeSteps) slots stepped past for \(hashes.count) rows")
  }
  #endif

  /// A stream lists its rows and adds them a run at a time, grouped (`addListed`): the counts
  /// are those of adding each row as it comes, sampled or not.
  @Test(arguments: [1 << 20, 64 << 20])
  mutating func listedRunsCountLikeOneByOne(budget: Int) {
    let rows = (0..<300_000).map { _ in XXH64Mix.mix(rng.next() % 200_000) }
    let labels = rows.indices.map { UInt64(($0 * 7919) % 3) << 17 }
    var duplicates = DuplicateTracker(budgetBytes: budget), conflicts = ConflictTracker(budgetBytes: budget)
    var listedDuplicates = DuplicateTracker(budgetBytes: budget), listedConflicts = ConflictTracker(budgetBytes: budget)
    listedDuplicates.deferInserts()
    listedConflicts.deferInserts()
    for r in rows.indices {
      duplicates.observe(rows[r])
      conflicts.observe(features: rows[r], label: labels[r])
      listedDuplicates.observe(rows[r])
      listedConflicts.observe(features: rows[r], label: labels[r])
      if listedDuplicates.listed >= 7_000 {
        listedDuplicates.insertListed()
        listedConflicts.insertListed()
        #expect(listedDuplicates.listed == 0)
      }
    }
    for t in [listedDuplicates, duplicates] { #expect(t.isExact == (budget > 1 << 20)) }
    listedDuplicates.sortDeferred()
    listedDuplicates.insertDeferred()
    listedConflicts.sortDeferred()
    listedConflicts.insertDeferred()
    #expect(listedDuplicates.level == duplicates.level && listedDuplicates.duplicates == duplicates.duplicates)
    #expect(listedConflicts.summary == conflicts.summary && listedConflicts.isExact == conflicts.isExact)
    if budget > 1 << 20 { #expect(duplicates.duplicates == rows.count - Set(rows).count) }
  }

  @Test mutating func radixSortSortsAndCarries() {
    for n in [0, 1, 2, 17, 70_000, 70_001] {  // odd sizes: keys below 5,000 (many equal; high digits all zero)
      var keys = (0..<n).map { _ in rng.next() % (n % 2 == 0 ? UInt64.max : 5_000) }
      var values = keys.map { UInt32(truncatingIfNeeded: $0 &* 31) }
      let expected = keys.sorted()
      RadixSort.sort(&keys, carrying: &values)
      #expect(keys == expected)
      #expect(zip(keys, values).allSatisfy { UInt32(truncatingIfNeeded: $0 &* 31) == $1 })
      var alone = expected.shuffled(using: &rng)
      RadixSort.sort(&alone)
      #expect(alone == expected)
      // Grouped by the top 8 bits only: the same keys, each with its value, groups ascending.
      var grouped = expected.shuffled(using: &rng)
      // Stable: within a group, the keys keep their order (a sort by top 8 bits, then place).
      let stable = grouped.enumerated().sorted { ($0.element >> 56, $0.offset) < ($1.element >> 56, $1.offset) }.map(\.element)
      var carried: [UInt32]? = grouped.map { UInt32(truncatingIfNeeded: $0 &* 31) }
      RadixSort.group(&grouped, carrying: &carried)
      #expect(grouped == stable)
      #expect(grouped.sorted() == expected)
      #expect(zip(grouped, grouped.dropFirst()).allSatisfy { $0 >> 56 <= $1 >> 56 })
      #expect(zip(grouped, carried!).allSatisfy { UInt32(truncatingIfNeeded: $0 &* 31) == $1 })
      var none: [UInt32]? = nil
      RadixSort.group(&grouped, carrying: &none)
      #expect(none == nil && zip(grouped, grouped.dropFirst()).allSatisfy { $0 >> 56 <= $1 >> 56 })
    }
  }

  @Test func problemLog() {
    var a = ProblemLog(), b = ProblemLog(), whole = ProblemLog()
    for line in 1...8 {
      let location = Location(path: "x.csv", line: line)
      if line <= 3 { a.record(.raggedRow, at: location) } else { b.record(.raggedRow, at: location) }
      whole.record(.raggedRow, at: location)
    }
    b.record(.blankLine, at: Location(path: "x.csv", line: 9))
    whole.record(.blankLine, at: Location(path: "x.csv", line: 9))
    a.merge(b)
    #expect(a == whole)
    #expect(a.problems.first?.first.map(\.line) == [1, 2, 3, 4, 5])
  }

  /// The whole column and dataset profilers: a file's profile equals the merge of its halves'.
  @Test func datasetProfiler() throws {
    let path = Fixtures.path("churn.csv")
    let reader = try DatasetReader(paths: [path])
    var sequential = DatasetProfiler(columnNames: reader.columnNames)
    var first = DatasetProfiler(columnNames: reader.columnNames)
    var second = DatasetProfiler(columnNames: reader.columnNames)
    var opts = ReadOptions()
    opts.batchRows = 10
    opts.chunkSize = 40
    let batched = try DatasetReader(paths: [path], options: opts)
    var n = 0
    try batched.forEachBatch { batch in
      sequential.observe(batch)
      if n < 2 { first.observe(batch) } else { second.observe(batch) }
      n += 1
    }
    first.merge(second)
    let render = { (p: DatasetProfiler) in ProfileJSON.render(p.summary(sources: [], problems: ProblemLog())) }
    #expect(n >= 3)
    // Counts and texts equal exactly; mean and std differ in the last bits (merge rounds differently).
    #expect(JSONCompare.differences(render(sequential), render(first), tolerance: 1e-12) == [])
  }

  // MARK: - helpers

  private func counter(_ values: [String], cap: Int = ValueCounter.defaultMaxExact) -> ValueCounter {
    var c = ValueCounter(maxExact: cap)
    for v in values { Array(v.utf8).withUnsafeBytes { c.observe($0, hash: XXH64.hash($0)) } }
    return c
  }

  private func tracker(_ rows: [UInt64]) -> DuplicateTracker {
    var t = DuplicateTracker()
    for r in rows { t.observe(XXH64Mix.mix(r)) }
    return t
  }

  private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
  }
}
