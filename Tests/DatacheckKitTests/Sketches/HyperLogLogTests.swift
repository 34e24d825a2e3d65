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

    /// XXH64 of `i` with seed `trial`: an independent set of hashes per trial.
    static func hash(_ i: Int, trial: Int) -> UInt64 {
      withUnsafeBytes(of: UInt64(i).littleEndian) { XXH64.hash($0, seed: UInt64(trial)) }
    }

    /// Relative errors `estimate / n - 1` of one seeded trial at each of the
    /// ascending `sizes`, read off a single sketch as it grows to the largest.
    static func trialErrors(trial: Int, sizes: [Int]) -> [Double] {
      var hll = HyperLogLog()
      var inserted = 0
      return sizes.map { n in
        while inserted < n {
          hll.insert(hash: hash(inserted, trial: trial))
          inserted += 1
        }
        return Double(hll.estimate) / Double(n) - 1
      }
    }

    /// Per size: every trial within 3 standard errors and the mean (signed)
    /// relative error, i.e. the bias, under 0.5%.
    static func checkTrials(sizes: [Int], trials: Range<Int>) {
      let standardError = 1.04 / Double(1 << 14).squareRoot()
      let errors = trials.map { trialErrors(trial: $0, sizes: sizes) }
      for (column, n) in sizes.enumerated() {
        let column = errors.map { $0[column] }
        let mean = column.reduce(0, +) / Double(column.count)
        let worst = column.map(abs).max()!
        print("HLL p=14 n=\(n) trials=\(column.count): mean \(mean), worst \(worst)")
        #expect(abs(mean) < 0.005, "n = \(n), mean relative error \(mean)")
        #expect(worst <= 3 * standardError, "n = \(n), worst relative error \(worst)")
      }
    }

    @Test func seededTrialsUpTo100k() {
      Self.checkTrials(sizes: [1_000, 10_000, 40_000, 50_000, 60_000, 100_000], trials: 0..<20)
    }

    @Test func seededTrialsAt1M() {
      Self.checkTrials(sizes: [1_000_000], trials: 100..<120)
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
  }
}
