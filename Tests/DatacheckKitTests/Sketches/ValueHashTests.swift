import Testing
@testable import DatacheckKit

extension Sketches {
  /// The value hash: injective reads, well mixed, and XXH64 past 48 bytes.
  @Suite struct ValueHashTests {
    static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { ValueHash.hash($0) } }

    /// Every bit of every input of 0–48 bytes reaches the hash: flipping it changes the hash,
    /// and on average about half of the 64 output bits (a mix that dropped a byte or a length
    /// would give identical hashes; a weak one, few flipped bits).
    @Test func everyInputBitFlipsAboutHalfTheOutput() {
      var rng = SplitMix(seed: 21)
      var flipped = 0, trials = 0
      for n in 0...48 {
        for _ in 0..<(n <= 16 ? 40 : 12) {
          let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
          let h = Self.hash(bytes)
          for bit in 0..<(8 * n) {
            var other = bytes
            other[bit / 8] ^= 1 << UInt8(bit % 8)
            let diff = (h ^ Self.hash(other)).nonzeroBitCount
            #expect(diff > 0, "length \(n), bit \(bit)")
            flipped += diff
            trials += 1
          }
          // The length counts: a trailing zero byte is another value.
          if n < 48 { #expect(Self.hash(bytes + [0]) != h) }
        }
      }
      let mean = Double(flipped) / Double(trials)
      #expect(abs(mean - 32) < 1, "mean flipped bits \(mean)")
    }

    /// The values a profile meets most (numbers, dates, short text), each distinct: no two share a hash, and the hashes'
    /// top 14 bits (HyperLogLog's registers) and low 14 bits (the top-value filter) fill their
    /// 16,384 buckets evenly (chi-square well under the 99.9 % point, about 16,960).
    @Test func valuesSpreadEvenly() {
      var values: [[UInt8]] = (0..<500_000).map { Array(String($0).utf8) }
      values += (0..<200_000).map { Array("2020-\($0 % 12 + 1)-\($0 % 28 + 1)#\($0)".utf8) }
      // Free text of 17–48 bytes, the bench table's notes' shape.
      values += (0..<200_000).map { Array("maybe asked \(["refund", "about price", "again, later"][$0 % 3]) #\($0)".utf8) }
      values += (0..<65_536).map { [UInt8($0 >> 8), UInt8($0 & 255)] }
      values += (0..<256).map { [UInt8($0)] } + [[]]
      values = Array(Set(values))   // "7" and "42" are among the one- and two-byte values too
      var seen = Set<UInt64>()
      var high = [Int](repeating: 0, count: 1 << 14), low = high
      for v in values {
        let h = Self.hash(v)
        seen.insert(h)
        high[Int(h >> 50)] += 1
        low[Int(h & (1 << 14 - 1))] += 1
      }
      #expect(seen.count == values.count)
      let expected = Double(values.count) / Double(1 << 14)
      for counts in [high, low] {
        let chi = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chi < 16_960, "chi-square \(chi)")
      }
    }

    @Test func longValuesTakeXXH64() {
      for n in [49, 64, 100] {
        let bytes = (0..<n).map { UInt8(($0 * 7 + 1) & 255) }
        #expect(Self.hash(bytes) == XXH64Tests.hash(bytes))
      }
    }
  }
}
