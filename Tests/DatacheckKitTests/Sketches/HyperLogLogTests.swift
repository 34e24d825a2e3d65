import Testing
@testable import DatacheckKit

extension Sketches {
  @Suite struct HyperLogLogTests {
    /// XXH64 of the 8 little-endian bytes of `i`: distinct, well-mixed hashes.
    static func hash(_ i: Int) -> UInt64 {
      withUnsafeBytes(of: UInt64(i).littleEndian) { XXH64.hash($0) }
    }

    static func sketch(_ range: Range<Int>, precision: Int = 14) -> HyperLogLog {
      var hll = HyperLogLog(precision: precision)
      for i in range { hll.insert(hash: hash(i)) }
      return hll
    }

    @Test func tinyCountsAreNearlyExact() {
      for n in [0, 1, 2, 10, 100] {
        let estimate = Self.sketch(0..<n).estimate
        #expect(abs(estimate - n) <= 1, "n = \(n), estimate = \(estimate)")
      }
    }

    @Test(arguments: [1_000, 100_000, 1_000_000])
    func estimateWithinThreeStandardErrors(n: Int) {
      let hll = Self.sketch(0..<n)
      let standardError = 1.04 / Double(1 << 14).squareRoot()  // 0.8125%
      let relativeError = abs(Double(hll.estimate) / Double(n) - 1)
      print("HLL p=14 n=\(n): estimate \(hll.estimate), relative error \(relativeError)")
      #expect(relativeError <= 3 * standardError)
    }

    @Test func lowerPrecisionWithinThreeStandardErrors() {
      let n = 50_000
      let hll = Self.sketch(0..<n, precision: 10)
      let standardError = 1.04 / Double(1 << 10).squareRoot()
      #expect(abs(Double(hll.estimate) / Double(n) - 1) <= 3 * standardError)
    }

    @Test func duplicatesDoNotCount() {
      var hll = HyperLogLog()
      for round in 0..<5 {
        for i in 0..<2_000 { hll.insert(hash: Self.hash(i)) }
        #expect(hll == Self.sketch(0..<2_000), "round \(round)")
      }
    }

    @Test func mergeEqualsSequentialInsertion() {
      var a = Self.sketch(0..<30_000)
      let b = Self.sketch(20_000..<60_000)
      var sequential = HyperLogLog()
      for i in 0..<30_000 { sequential.insert(hash: Self.hash(i)) }
      for i in 20_000..<60_000 { sequential.insert(hash: Self.hash(i)) }
      a.merge(b)
      #expect(a == sequential)
      #expect(a.registers == sequential.registers)
      let standardError = 1.04 / Double(1 << 14).squareRoot()
      #expect(abs(Double(a.estimate) / 60_000 - 1) <= 3 * standardError)
    }

    @Test func allZeroRestGetsMaximumRank() {
      var hll = HyperLogLog(precision: 4)
      hll.insert(hash: 0x3000_0000_0000_0000)  // index 3, remaining 60 bits zero
      hll.insert(hash: 0x5800_0000_0000_0000)  // index 5, rest starts with 1: rank 1
      hll.insert(hash: 0x7000_0000_0000_0001)  // index 7, 59 zeros then 1: rank 60
      #expect(hll.registers[3] == 61)
      #expect(hll.registers[5] == 1)
      #expect(hll.registers[7] == 60)
    }

    @Test func naturalLogMatchesKnownValues() {
      #expect(abs(HyperLogLog.naturalLog(1)) < 1e-15)
      #expect(abs(HyperLogLog.naturalLog(2) - 0.693_147_180_559_945_3) < 1e-15)
      #expect(abs(HyperLogLog.naturalLog(10) - 2.302_585_092_994_046) < 1e-14)
      #expect(abs(HyperLogLog.naturalLog(16384.0 / 16383.0) - 6.103_701_897_093_004e-5) < 1e-18)
    }
  }
}
