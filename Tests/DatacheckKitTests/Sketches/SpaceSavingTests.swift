import Testing
@testable import DatacheckKit

extension Sketches {
  @Suite struct SpaceSavingTests {
    static func insert(_ s: inout SpaceSaving, _ value: String, count: Int = 1) {
      let bytes = Array(value.utf8)
      bytes.withUnsafeBytes { s.insert(hash: XXH64.hash($0), bytes: $0, count: count) }
    }

    static func item(_ value: String, _ count: Int, _ error: Int) -> SpaceSaving.Item {
      SpaceSaving.Item(bytes: Array(value.utf8), count: count, error: error)
    }

    /// A Zipf(s = 1) stream over `distinct` values "v1", "v2", ... drawn by
    /// inverse-CDF sampling with a fixed-seed SplitMix64.
    struct ZipfStream {
      let values: [[UInt8]]
      let hashes: [UInt64]
      let stream: [Int]

      init(length: Int, distinct: Int, seed: UInt64) {
        values = (1...distinct).map { Array("v\($0)".utf8) }
        hashes = values.map { v in v.withUnsafeBytes { XXH64.hash($0) } }
        var cumulative: [Double] = []
        var sum = 0.0
        for rank in 1...distinct {
          sum += 1 / Double(rank)
          cumulative.append(sum)
        }
        var gen = KLLSketchTests.Generator(state: seed)
        stream = (0..<length).map { _ in
          let target = gen.uniform() * sum
          var lo = 0, hi = distinct - 1
          while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] <= target { lo = mid + 1 } else { hi = mid }
          }
          return lo
        }
      }

      func summary(_ part: ArraySlice<Int>, capacity: Int) -> SpaceSaving {
        var s = SpaceSaving(capacity: capacity)
        for i in part { values[i].withUnsafeBytes { s.insert(hash: hashes[i], bytes: $0) } }
        return s
      }
    }

    /// Checks the Space-Saving guarantees against exact counts.
    static func checkGuarantees(_ s: SpaceSaving, exact: [[UInt8]: Int], total: Int, capacity: Int) {
      let items = s.top(capacity)
      let reported = Set(items.map(\.bytes))
      #expect(s.total == total)
      #expect(items.count == capacity)
      var heavy = 0
      for (value, trueCount) in exact where trueCount * capacity > total {
        heavy += 1
        #expect(reported.contains(value), "missing heavy hitter \(String(decoding: value, as: UTF8.self))")
      }
      for item in items {
        let trueCount = exact[item.bytes] ?? 0
        #expect(item.count - item.error <= trueCount && trueCount <= item.count)
        #expect(item.error * capacity <= total)
      }
      let worstError = items.map(\.error).max() ?? 0
      print("SpaceSaving: \(heavy) values above N/capacity = \(total / capacity), all present; max error \(worstError)")
    }

    @Test func zipfStreamGuarantees() {
      let zipf = ZipfStream(length: 200_000, distinct: 50_000, seed: 11)
      var exact: [[UInt8]: Int] = [:]
      for i in zipf.stream { exact[zipf.values[i], default: 0] += 1 }
      let s = zipf.summary(zipf.stream[...], capacity: 1_000)
      Self.checkGuarantees(s, exact: exact, total: 200_000, capacity: 1_000)
      // The most frequent value leads by far more than N / capacity.
      #expect(s.top(1).first?.bytes == Array("v1".utf8))
    }

    @Test func zipfStreamGuaranteesAfterMerge() {
      let zipf = ZipfStream(length: 200_000, distinct: 50_000, seed: 12)
      var exact: [[UInt8]: Int] = [:]
      for i in zipf.stream { exact[zipf.values[i], default: 0] += 1 }
      var merged = zipf.summary(zipf.stream[..<100_000], capacity: 1_000)
      merged.merge(zipf.summary(zipf.stream[100_000...], capacity: 1_000))
      Self.checkGuarantees(merged, exact: exact, total: 200_000, capacity: 1_000)
    }

    @Test func exactWhileUnderCapacityWithDeterministicTies() {
      var s = SpaceSaving(capacity: 10)
      for v in ["b", "a", "c", "a", "b", "dd", "d", "a", "c", "d"] { Self.insert(&s, v) }
      Self.insert(&s, "e", count: 2)
      #expect(s.total == 12)
      #expect(s.top(10) == [
        Self.item("a", 3, 0), Self.item("b", 2, 0), Self.item("c", 2, 0),
        Self.item("d", 2, 0), Self.item("e", 2, 0), Self.item("dd", 1, 0),
      ])
      #expect(s.top(2) == [Self.item("a", 3, 0), Self.item("b", 2, 0)])
      #expect(s.top(0).isEmpty)
    }

    @Test func replacementTakesMinimumCountAsError() {
      var s = SpaceSaving(capacity: 2)
      for v in ["a", "a", "b", "c"] { Self.insert(&s, v) }
      // "c" evicts "b" (the minimum, count 1): count 1 + 1, error 1.
      #expect(s.top(5) == [Self.item("a", 2, 0), Self.item("c", 2, 1)])
      Self.insert(&s, "x", count: 5)
      // Minimum is now 2 (tie a/c; either may go), x gets 2 + 5 with error 2.
      #expect(s.top(1) == [Self.item("x", 7, 2)])
      #expect(s.total == 9)
    }

    @Test func mergeRuleByHand() {
      var s1 = SpaceSaving(capacity: 2), s2 = SpaceSaving(capacity: 2)
      Self.insert(&s1, "a", count: 3)
      Self.insert(&s1, "b")
      Self.insert(&s2, "a")
      Self.insert(&s2, "c", count: 2)
      s1.merge(s2)
      // a: 3 + 1; b: 1 + min(s2) = 2, error 1; c: 2 + min(s1) = 3, error 1.
      #expect(s1.top(3) == [Self.item("a", 4, 0), Self.item("c", 3, 1)])
      #expect(s1.total == 7)
    }

    @Test func mergeWithNonFullSummaryAddsNothingForMissing() {
      var s1 = SpaceSaving(capacity: 4), s2 = SpaceSaving(capacity: 4)
      Self.insert(&s1, "a", count: 2)
      Self.insert(&s2, "b", count: 3)
      Self.insert(&s2, "a")
      s1.merge(s2)
      #expect(s1.top(4) == [Self.item("a", 3, 0), Self.item("b", 3, 0)])
    }

    /// Random weights, many evictions and a merge: the buckets stay consistent with the items
    /// after every step, and the guarantees hold against exact counts.
    @Test func bucketsStayConsistent() {
      var rng = SplitMix(seed: 5)
      var s = SpaceSaving(capacity: 16), other = SpaceSaving(capacity: 16)
      var exact: [[UInt8]: Int] = [:]
      var consistent = true
      for step in 0..<20_000 {
        let value = "v\(Int(rng.next() % 60) * Int(rng.next() % 3))"
        let weight = rng.next() % 4 == 0 ? 1 + Int(rng.next() % 5) : 1
        if step % 2 == 0 { Self.insert(&s, value, count: weight) } else { Self.insert(&other, value, count: weight) }
        exact[Array(value.utf8), default: 0] += weight
        if step % 97 == 0 { consistent = consistent && s.bucketsAreConsistent() && other.bucketsAreConsistent() }
      }
      s.merge(other)
      #expect(consistent && s.bucketsAreConsistent())
      Self.checkGuarantees(s, exact: exact, total: exact.values.reduce(0, +), capacity: 16)
      for v in 0..<200 { Self.insert(&s, "after\(v)") }
      #expect(s.bucketsAreConsistent())
    }

    /// Replacements write values of every length over shorter and longer ones (the arena is
    /// packed again many times over): every reported item keeps the bytes it was inserted with.
    @Test func replacedValuesKeepTheirBytes() {
      var s = SpaceSaving(capacity: 8)
      var gen = KLLSketchTests.Generator(state: 5)
      var inserted = Set<[UInt8]>()
      for i in 0..<6_000 {
        let length = Int(gen.uniform() * 300)
        let value = "\(i)#" + String(repeating: Character(UnicodeScalar(UInt8(97 + i % 26))), count: length)
        Self.insert(&s, value, count: 1 + i % 3)
        inserted.insert(Array(value.utf8))
        let items = s.top(8)
        #expect(items.allSatisfy { inserted.contains($0.bytes) })
        #expect(items.contains { $0.bytes == Array(value.utf8) }, "the value just inserted, \(i)")
      }
      #expect(s.bucketsAreConsistent())
    }

    @Test func manyEvictionsKeepIndexConsistent() {
      // Round-robin over 300 values with capacity 16 forces constant
      // evictions; the hash index must keep finding monitored values.
      var s = SpaceSaving(capacity: 16)
      for round in 0..<20 {
        for v in 0..<300 { Self.insert(&s, "r\(v)") }
        Self.insert(&s, "hot", count: 1_000)
        #expect(s.top(1).first?.bytes == Array("hot".utf8), "round \(round)")
      }
      let hot = s.top(1)[0]
      // "hot" occurred 20 000 times; its count brackets the truth.
      #expect(hot.count - hot.error <= 20_000 && 20_000 <= hot.count)
      #expect(s.total == 20 * 1_300)
    }
  }
}
