import Foundation
import Testing
@testable import DatacheckKit

extension Sketches {
  @Suite struct KLLSketchTests {
    static let quantiles = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]
    /// Allowed normalised rank error for k = 200 (99% confidence bound).
    static let rankTolerance = 0.0165

    /// Deterministic test data (SplitMix64, independent of the sketch's own generator).
    struct Generator {
      var base: SplitMix
      init(state: UInt64) { base = SplitMix(seed: state) }
      mutating func next() -> UInt64 { base.next() }
      mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
      /// Log-normal(0, 1.5) via Box–Muller, rounded to 2 decimals so that
      /// values repeat (heavy ties near zero, long right tail).
      mutating func skewed() -> Double {
        let u1 = 1 - uniform(), u2 = uniform()
        let z = (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
        return (Foundation.exp(1.5 * z) * 100).rounded() / 100
      }
    }

    /// Exact nearest-rank quantile: `sorted[max(1, ceil(q n)) - 1]`.
    static func exactQuantile(_ sorted: [Double], _ q: Double) -> Double {
      let rank = Swift.max(1, Int((q * Double(sorted.count)).rounded(.up)))
      return sorted[Swift.min(rank, sorted.count) - 1]
    }

    /// Normalised rank error of `v` as the answer for `q`: the distance from
    /// `q` to the nearest rank/n that `v` occupies in `data` (with ties, `v`
    /// occupies every rank from #(x < v) + 1 to #(x <= v)); |rank(v)/n - q|
    /// for distinct values.
    static func rankError(_ v: Double, _ q: Double, in data: [Double]) -> Double {
      var below = 0, atOrBelow = 0
      for x in data {
        if x < v { below += 1 }
        if x <= v { atOrBelow += 1 }
      }
      let n = Double(data.count), target = q * n
      if target < Double(below + 1) { return (Double(below + 1) - target) / n }
      if target > Double(atOrBelow) { return (target - Double(atOrBelow)) / n }
      return 0
    }

    static func worstRankError(_ sketch: KLLSketch, _ data: [Double]) -> Double {
      quantiles.map { rankError(sketch.quantile($0)!, $0, in: data) }.max()!
    }

    // MARK: - Exact mode

    @Test func exactForSmallInputs() {
      var gen = Generator(state: 1)
      for n in [1, 2, 3, 7, 10, 57, 100, 149, 150, 200] {
        // Few distinct values, so ties are exercised too.
        let data = (0..<n).map { _ in Double(gen.next() % 40) - 10.5 }
        var sketch = KLLSketch()
        for x in data { sketch.insert(x) }
        let sorted = data.sorted()
        #expect(sketch.isExact)
        #expect(sketch.count == n)
        #expect(sketch.min == sorted.first && sketch.max == sorted.last)
        for q in Self.quantiles + [0, 0.1, 0.3333, 0.9, 1] {
          #expect(sketch.quantile(q) == Self.exactQuantile(sorted, q), "n \(n) q \(q)")
        }
      }
    }

    @Test func emptySketch() {
      let sketch = KLLSketch()
      #expect(sketch.count == 0 && sketch.isExact)
      #expect(sketch.min == nil && sketch.max == nil)
      #expect(sketch.quantile(0.5) == nil)
    }

    @Test func nanIsIgnored() {
      var sketch = KLLSketch()
      for x in [3.0, .nan, 1, 2, .nan, 5, 4] { sketch.insert(x) }
      #expect(sketch.count == 5)
      #expect(sketch.min == 1 && sketch.max == 5)
      #expect(sketch.quantile(0.5) == 3)
      #expect(sketch.quantile(0.2) == 1 && sketch.quantile(0.21) == 2)
    }

    @Test func mergeOfSmallSketchesStaysExact() {
      var a = KLLSketch(), b = KLLSketch()
      let left = (0..<60).map { Double($0 * 7 % 61) }, right = (0..<70).map { Double($0 % 13) }
      for x in left { a.insert(x) }
      for x in right { b.insert(x) }
      a.merge(b)
      let sorted = (left + right).sorted()
      #expect(a.isExact && a.count == 130)
      for q in Self.quantiles {
        #expect(a.quantile(q) == Self.exactQuantile(sorted, q), "q \(q)")
      }
    }

    // MARK: - Approximate mode

    @Test func millionUniformValues() {
      var gen = Generator(state: 2024)
      let data = (0..<1_000_000).map { _ in gen.uniform() }
      var sketch = KLLSketch()
      var maxRetained = 0
      for x in data {
        sketch.insert(x)
        maxRetained = Swift.max(maxRetained, sketch.retainedCount)
      }
      let worst = Self.worstRankError(sketch, data)
      print("KLL uniform 1M: worst rank error \(worst), max retained \(maxRetained)")
      #expect(!sketch.isExact && sketch.count == data.count)
      #expect(worst <= Self.rankTolerance)
      #expect(sketch.min == data.min() && sketch.max == data.max())
      #expect(maxRetained <= 3 * 200 + 64)
      #expect(sketch.quantile(0) == data.min() && sketch.quantile(1) == data.max())
    }

    @Test func skewedValuesWithTies() {
      var gen = Generator(state: 77)
      let data = (0..<300_000).map { _ in gen.skewed() }
      var sketch = KLLSketch()
      for x in data { sketch.insert(x) }
      let worst = Self.worstRankError(sketch, data)
      print("KLL log-normal 300k (ties): worst rank error \(worst), retained \(sketch.retainedCount)")
      #expect(worst <= Self.rankTolerance)
      #expect(sketch.min == data.min() && sketch.max == data.max())
    }

    @Test func sortedAndReversedInput() {
      for reversed in [false, true] {
        let data = (0..<200_000).map { Double(reversed ? 200_000 - $0 : $0) }
        var sketch = KLLSketch()
        for x in data { sketch.insert(x) }
        let worst = Self.worstRankError(sketch, data)
        print("KLL \(reversed ? "descending" : "ascending") 200k: worst rank error \(worst)")
        #expect(worst <= Self.rankTolerance)
      }
    }

    @Test func mergeOfTwoHalves() {
      var gen = Generator(state: 99)
      let a = (0..<300_000).map { _ in gen.skewed() }
      let b = (0..<300_000).map { _ in gen.uniform() * 10 }  // different distribution
      var left = KLLSketch(), right = KLLSketch(seed: 12345)
      for x in a { left.insert(x) }
      for x in b { right.insert(x) }
      left.merge(right)
      let union = a + b
      let worst = Self.worstRankError(left, union)
      print("KLL merge 300k+300k: worst rank error \(worst), retained \(left.retainedCount)")
      #expect(left.count == union.count)
      #expect(worst <= Self.rankTolerance)
      #expect(left.min == union.min() && left.max == union.max())
      #expect(left.retainedCount <= 3 * 200 + 64)
    }

    @Test func mergeOfManyParts() {
      var gen = Generator(state: 5)
      let data = (0..<200_000).map { _ in gen.uniform() }
      var total = KLLSketch()
      for part in 0..<20 {
        var sketch = KLLSketch()
        for x in data[(part * 10_000)..<((part + 1) * 10_000)] { sketch.insert(x) }
        total.merge(sketch)
      }
      let worst = Self.worstRankError(total, data)
      print("KLL merge of 20 parts (200k): worst rank error \(worst)")
      #expect(total.count == data.count && worst <= Self.rankTolerance)
      #expect(total.retainedCount <= 3 * 200 + 64)
    }

    @Test func sameInputSameSketch() {
      var gen = Generator(state: 3)
      let data = (0..<50_000).map { _ in gen.uniform() }
      var a = KLLSketch(), b = KLLSketch()
      for x in data { a.insert(x); b.insert(x) }
      #expect(a.levels == b.levels)
      var c = a, d = a
      c.merge(b)
      d.merge(b)
      #expect(c.count == 100_000 && c.levels == d.levels)
    }

    /// Inserting runs of values (random lengths, NaN among them) builds the very sketch that
    /// inserting them one by one does: same levels, count, min and max, through compactions.
    @Test func runsInsertLikeOneByOne() {
      var gen = Generator(state: 31)
      var runs = KLLSketch(), single = KLLSketch()
      var inserted = 0
      while inserted < 300_000 {
        let run = (0..<Int(gen.next() % 900)).map { _ in gen.next() % 97 == 0 ? Double.nan : gen.skewed() - 5 }
        run.withUnsafeBufferPointer { runs.insert(contentsOf: $0) }
        for x in run { single.insert(x) }
        inserted += run.count
        #expect(runs.levels == single.levels && runs.count == single.count)
      }
      #expect(!runs.isExact && runs.min == single.min && runs.max == single.max)
      #expect(runs.retainedCount == single.retainedCount)
    }

    /// A weight of w counts as w inserts: one item a set bit of w (level h weighs 2^h). Exact
    /// sketches of weighted values give the quantiles of the values repeated (the twin); past
    /// the capacity, weighted inserts compact and stay within the rank error.
    @Test func weightedInsertCountsAsRepeats() {
      var gen = Generator(state: 7)
      let items = (0..<300).map { _ in (value: gen.skewed(), count: Int(gen.next() % 40) + 1) }
      let repeated = items.flatMap { Array(repeating: $0.value, count: $0.count) }.sorted()
      let exact = KLLSketch.exact(items)
      #expect(exact.isExact && exact.count == repeated.count)
      #expect(exact.retainedCount == items.reduce(0) { $0 + $1.count.nonzeroBitCount })
      #expect(exact.min == repeated.first && exact.max == repeated.last)
      let qs = Self.quantiles + [0.1, 0.3333, 0.9]
      #expect(exact.quantiles(qs) == qs.map { Self.exactQuantile(repeated, $0) })
      #expect(qs.map { exact.quantile($0) } == exact.quantiles(qs))

      var few = KLLSketch()
      for item in items.prefix(20) { few.insert(item.value, weight: item.count) }
      let fewRepeated = items.prefix(20).flatMap { Array(repeating: $0.value, count: $0.count) }.sorted()
      #expect(few.isExact && few.quantiles(qs) == qs.map { Self.exactQuantile(fewRepeated, $0) })

      var compacted = KLLSketch()
      for item in items { compacted.insert(item.value, weight: item.count) }
      compacted.insert(.nan, weight: 3)
      compacted.insert(1, weight: 0)
      #expect(!compacted.isExact && compacted.count == repeated.count)
      #expect(compacted.retainedCount < compacted.totalCapacity)
      #expect(Self.worstRankError(compacted, repeated) <= Self.rankTolerance)
    }
  }
}
