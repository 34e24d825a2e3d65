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

    static func insert(_ s: inout SpaceSaving, _ value: String, hash: UInt64, count: Int = 1) {
      Array(value.utf8).withUnsafeBytes { s.insert(hash: hash, bytes: $0, count: count) }
    }

    /// Worked by hand with hashes chosen for their filter counters (64 of them at capacity 2:
    /// the hash's low six bits).
    @Test func replacementTakesFilterCountAsError() {
      var s = SpaceSaving(capacity: 2)
      Self.insert(&s, "a", hash: 1, count: 2)
      Self.insert(&s, "b", hash: 2)
      // Full, minimum 1. "c" (counter 3, at 0): 0 + 1 reaches 1, so it takes b's place with
      // count 1 and error 0; b's count 1 stays in counter 2.
      Self.insert(&s, "c", hash: 3)
      #expect(s.top(5) == [Self.item("a", 2, 0), Self.item("c", 1, 0)])
      // "d" shares counter 2 with b (66 = 64 + 2): 1 + 1 reaches the minimum 1 (c), count 2,
      // error 1 (d may be b's colleague and have occurred once before); c's 1 goes to counter 3.
      Self.insert(&s, "d", hash: 66)
      #expect(s.top(5) == [Self.item("a", 2, 0), Self.item("d", 2, 1)])
      // "e" (counter 4, at 0): 0 + 1 is below the minimum 2: only its counter grows.
      Self.insert(&s, "e", hash: 4)
      #expect(s.top(5) == [Self.item("a", 2, 0), Self.item("d", 2, 1)])
      #expect(s.replacements == 2)
      // Again: 1 + 1 reaches 2; a, the oldest item of count 2, leaves; e has count 2, error 1.
      Self.insert(&s, "e", hash: 4)
      #expect(s.top(5) == [Self.item("d", 2, 1), Self.item("e", 2, 1)])
      // "a" comes back to counter 1, which a's leaving raised to 2: 2 + 5 = 7, error 2.
      Self.insert(&s, "a", hash: 1, count: 5)
      #expect(s.top(1) == [Self.item("a", 7, 2)])
      #expect(s.total == 12)
      // Certain: a's guaranteed 5 exceeds the minimum 2; the other item's 1 does not.
      #expect(s.certain(5) == [Self.item("a", 7, 2)])
    }

    /// Every value distinct but one: the filter takes most values without a replacement, and
    /// only the repeated value is certain, with a count that brackets its true 2,000.
    @Test func nearUniqueStreamListsOnlyTheCertain() {
      var s = SpaceSaving(capacity: 1_024)
      for i in 0..<100_000 {
        Self.insert(&s, i % 50 == 0 ? "hot" : "row\(i)")
      }
      let certain = s.certain(10)
      #expect(certain.map(\.bytes) == [Array("hot".utf8)])
      #expect(certain.allSatisfy { $0.count - $0.error <= 2_000 && 2_000 <= $0.count })
      // Space-Saving without the filter replaces an item for every new value (98,000 here).
      #expect(s.replacements < 40_000, "\(s.replacements) replacements")
      print("SpaceSaving: \(s.replacements) replacements for 98,000 new values")
    }

    /// Certain items occurred more often than any value the summary does not hold, also after
    /// merging eight summaries of parts of a Zipf stream (filters added, left-out items in them).
    @Test func certainItemsBeatEveryValueLeftOut() {
      let zipf = ZipfStream(length: 160_000, distinct: 40_000, seed: 13)
      var exact: [[UInt8]: Int] = [:]
      for i in zipf.stream { exact[zipf.values[i], default: 0] += 1 }
      var merged = zipf.summary(zipf.stream[..<20_000], capacity: 200)
      for part in 1..<8 { merged.merge(zipf.summary(zipf.stream[(part * 20_000)..<((part + 1) * 20_000)], capacity: 200)) }
      Self.checkGuarantees(merged, exact: exact, total: 160_000, capacity: 200)
      let held = Set(merged.top(200).map(\.bytes))
      let bestLeftOut = exact.filter { !held.contains($0.key) }.values.max() ?? 0
      let certain = merged.certain(200)
      #expect(certain.count >= 10)
      for item in certain { #expect(exact[item.bytes, default: 0] > bestLeftOut) }
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
        let replaced = s.replacements
        Self.insert(&s, value, count: 1 + i % 3)
        inserted.insert(Array(value.utf8))
        let items = s.top(8)
        #expect(items.allSatisfy { inserted.contains($0.bytes) })
        if i < 8 || s.replacements > replaced {
          #expect(items.contains { $0.bytes == Array(value.utf8) }, "the value just inserted, \(i)")
        }
      }
      #expect(s.bucketsAreConsistent())
      #expect(s.replacements > 500)   // 927: the rest of the 6,000 went to the filter
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
