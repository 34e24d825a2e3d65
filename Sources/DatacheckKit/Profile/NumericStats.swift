/// Count, min, max, mean and variance of a stream of numbers, numerically stable and mergeable.
///
/// Welford's update for each value and Chan et al.'s pairwise formula for `merge`, so that
/// observing A then B equals merging the stats of A and of B (up to floating-point rounding).
public struct NumericStats: Sendable, Equatable {
  public private(set) var count = 0
  public private(set) var mean = 0.0
  private var m2 = 0.0
  public private(set) var min = Double.infinity
  public private(set) var max = -Double.infinity

  public init() {}

  /// The step scales by `1 / count`, which does not wait for `mean`: a division there put its
  /// latency on the chain from one value's mean to the next (a tenth of the per-value loop).
  @inline(__always)
  public mutating func observe(_ x: Double) {
    count += 1
    let weight = 1 / Double(count)
    let delta = x - mean
    mean += delta * weight
    m2 += delta * (x - mean)
    if x < min { min = x }
    if x > max { max = x }
  }

  /// `n` observations of `x` at once: `merge` of a part whose values all equal `x`.
  mutating func observe(_ x: Double, count n: Int) {
    count += n
    let delta = x - mean
    mean += delta * Double(n) / Double(count)
    m2 += delta * (x - mean) * Double(n)
    if x < min { min = x }
    if x > max { max = x }
  }

  public mutating func merge(_ other: NumericStats) {
    guard other.count > 0 else { return }
    guard count > 0 else { self = other; return }
    let n = Double(count + other.count)
    let delta = other.mean - mean
    mean += delta * Double(other.count) / n
    m2 += other.m2 + delta * delta * Double(count) * Double(other.count) / n
    count += other.count
    min = Swift.min(min, other.min)
    max = Swift.max(max, other.max)
  }

  /// The sample standard deviation (n − 1), nil below two values.
  public var std: Double? { count < 2 ? nil : (Swift.max(0, m2) / Double(count - 1)).squareRoot() }
}

/// Exact min and max of the integers of a column (doubles lose exactness past 2^53).
public struct IntegerRange: Sendable, Equatable {
  public private(set) var min = Int64.max
  public private(set) var max = Int64.min

  public init() {}

  @inline(__always)
  public mutating func observe(_ x: Int64) {
    if x < min { min = x }
    if x > max { max = x }
  }

  public mutating func merge(_ other: IntegerRange) {
    min = Swift.min(min, other.min)
    max = Swift.max(max, other.max)
  }
}

/// Min, max and mean length of values, in Unicode scalars.
public struct LengthStats: Sendable, Equatable {
  public private(set) var count = 0
  public private(set) var total = 0
  public private(set) var min = Int.max
  public private(set) var max = 0

  public init() {}

  /// Observes one value: its length counts the bytes that do not continue a UTF-8 sequence.
  /// Returns that length.
  @discardableResult @inline(__always)
  public mutating func observe(_ v: UnsafeRawBufferPointer) -> Int {
    let length = LengthStats.scalars(v)
    count += 1
    total += length
    if length < min { min = length }
    if length > max { max = length }
    return length
  }

  /// Observes again a value of `scalars` scalars observed before (minimum and maximum stay).
  @inline(__always)
  mutating func observeRepeat(scalars: Int, count n: Int = 1) {
    count += n
    total += scalars * n
  }

  /// The bytes of `v` that do not continue a UTF-8 sequence (`10xxxxxx`), eight at a time: a
  /// value's last bytes are read as one word too (the last eight bytes, less those counted; or
  /// two overlapping 4-byte reads), and a word's marks are summed by one multiply (Swift's
  /// `nonzeroBitCount` is a dozen instructions on CPUs it may not assume POPCNT of). The
  /// lengths were 7.5 % of a profile's instructions, mostly the old byte loop over the tail.
  @inline(__always)
  static func scalars(_ v: UnsafeRawBufferPointer) -> Int {
    @inline(__always) func continuing(_ w: UInt64) -> Int {
      // Bit 7 set and bit 6 (moved up to bit 7) clear; one mark a byte, summed in the top byte.
      Int(truncatingIfNeeded: (((w & ~(w << 1) & 0x8080_8080_8080_8080) >> 7) &* 0x0101_0101_0101_0101) >> 56)
    }
    let n = v.count
    var marks = 0
    var i = 0
    while i + 8 <= n {
      marks += continuing(v.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      i += 8
    }
    let rest = n - i
    if rest == 0 { return n - marks }
    if n >= 8 {
      let last = v.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
      marks += continuing(last & (~0 << UInt64((8 - rest) * 8)))
    } else if n >= 4 {
      let low = UInt64(v.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
      let high = UInt64(v.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
      marks += continuing(low | high << UInt64((n - 4) * 8))
    } else {
      for j in 0..<n where v[j] & 0xC0 == 0x80 { marks += 1 }
    }
    return n - marks
  }

  public mutating func merge(_ other: LengthStats) {
    count += other.count
    total += other.total
    min = Swift.min(min, other.min)
    max = Swift.max(max, other.max)
  }

  public var mean: Double? { count == 0 ? nil : Double(total) / Double(count) }
}

/// The earliest and latest date or datetime of a column, kept with their original text.
public struct TemporalRange: Sendable, Equatable {
  public private(set) var min = Double.infinity
  public private(set) var max = -Double.infinity
  public private(set) var minText: [UInt8] = []
  public private(set) var maxText: [UInt8] = []

  public init() {}

  @inline(__always)
  public mutating func observe(_ seconds: Double, text: UnsafeRawBufferPointer) {
    if seconds < min { min = seconds; minText.replaceSubrange(minText.indices, with: text) }
    if seconds > max { max = seconds; maxText.replaceSubrange(maxText.indices, with: text) }
  }

  public mutating func merge(_ other: TemporalRange) {
    if other.min < min { min = other.min; minText = other.minText }
    if other.max > max { max = other.max; maxText = other.maxText }
  }
}
