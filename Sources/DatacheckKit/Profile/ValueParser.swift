#if canImport(Glibc)
import Glibc
#endif

/// Classifies a value's bytes and parses numbers, dates and datetimes straight from them.
///
/// No `String` is made: each function reads an `UnsafeRawBufferPointer` and returns stack values.
enum ValueParser {
  /// A parsed value: its kind, and its number (or seconds since 1970 for dates and datetimes).
  struct Parsed {
    var kind: ValueKind
    var number: Double = 0
    /// Exact value of an integer.
    var integer: Int64 = 0
  }

  @inline(__always)
  static func parse(_ v: UnsafeRawBufferPointer) -> Parsed {
    guard let first = v.first else { return Parsed(kind: .string) }
    if isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".") {
      // One scan tells integers from decimals (no decimal is also a date or a datetime).
      if let shape = DecimalShape(v) {
        if let integer = shape.integer { return Parsed(kind: .integer, number: Double(integer), integer: integer) }
        return Parsed(kind: .float, number: shape.fastValue ?? slowFloat(v))
      }
      let n = v.count
      if n >= 10, let seconds = Temporal.parseDate(v) {
        return Parsed(kind: v.load(fromByteOffset: 4, as: UInt8.self) == UInt8(ascii: "/") ? .slashDate : .date, number: seconds)
      }
      if n >= 16, let seconds = Temporal.parseDatetime(v) { return Parsed(kind: .datetime, number: seconds) }
      return Parsed(kind: .string)
    }
    if isBoolean(v) { return Parsed(kind: .boolean) }
    return Parsed(kind: .string)
  }

  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }

  /// `[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?`, correctly rounded, else nil.
  ///
  /// Short decimals (≤ 15 significant digits, power of ten ≤ 22) take Clinger's exact fast path;
  /// anything longer goes to `strtod` on a stack copy.
  static func parseFloat(_ v: UnsafeRawBufferPointer) -> Double? {
    guard let shape = DecimalShape(v) else { return nil }
    return shape.fastValue ?? slowFloat(v)
  }

  /// `strtod` of a decimal the fast path cannot round exactly.
  private static func slowFloat(_ v: UnsafeRawBufferPointer) -> Double {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: v.count + 1) { buffer in
      for i in 0..<v.count { buffer[i] = CChar(bitPattern: v[i]) }
      buffer[v.count] = 0
      return strtod(buffer.baseAddress!, nil)
    }
  }

  private static func isBoolean(_ v: UnsafeRawBufferPointer) -> Bool {
    func matches(_ word: StaticString) -> Bool {
      guard v.count == word.utf8CodeUnitCount else { return false }
      for i in 0..<v.count where v[i] | 0x20 != word.utf8Start[i] { return false }
      return true
    }
    return matches("true") || matches("false")
  }
}

/// The syntax check of a decimal number, gathering what the fast path needs.
struct DecimalShape {
  var negative = false
  var mantissa: UInt64 = 0
  var significantDigits = 0
  var exponent = 0
  /// Whether the text has a point or an exponent (`1.0` and `1e0` are decimals, not integers).
  var hasPointOrExponent = false

  private static let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

  /// Inlined into `ValueParser.parse`: returned through memory, the shape was read back
  /// across its stores' boundaries and stalled (15 % of the observe loop's cycles on one load).
  /// The bytes are read through a typed pointer with the count taken once: in the profile's
  /// large per-value loop the raw buffer's `count` and subscript were left as calls (36 of them).
  @inline(__always)
  init?(_ v: UnsafeRawBufferPointer) {
    let n = v.count
    guard n > 0 else { return nil }
    let p = v.baseAddress!.assumingMemoryBound(to: UInt8.self)
    var i = 0
    if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") { negative = p[0] == UInt8(ascii: "-"); i = 1 }
    let intDigits = digits(p, n, &i, fractional: false)
    var fracDigits = 0
    if i < n && p[i] == UInt8(ascii: ".") {
      hasPointOrExponent = true
      i += 1
      fracDigits = digits(p, n, &i, fractional: true)
    }
    guard intDigits + fracDigits > 0 else { return nil }
    if i < n && (p[i] | 0x20) == UInt8(ascii: "e") {
      hasPointOrExponent = true
      i += 1
      var expNegative = false
      if i < n && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) { expNegative = p[i] == UInt8(ascii: "-"); i += 1 }
      var e = 0
      let start = i
      while i < n, ValueParser.isDigit(p[i]) { e = min(e * 10 + Int(p[i] - 48), 100_000); i += 1 }
      guard i > start else { return nil }
      exponent += expNegative ? -e : e
    }
    guard i == n else { return nil }
  }

  /// Reads digits into the mantissa while it stays exact; later digits only shift the exponent.
  @inline(__always)
  private mutating func digits(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, fractional: Bool) -> Int {
    let start = i
    if mantissa == 0 {   // leading zeros: no significant digit yet
      while i < n && p[i] == UInt8(ascii: "0") { i += 1 }
      if fractional { exponent -= i - start }
    }
    // Up to 19 significant digits fit the mantissa exactly.
    let exactStart = i
    let exactEnd = Swift.min(n, i &+ (19 &- significantDigits))
    while i < exactEnd {
      let d = p[i] &- 48
      guard d < 10 else { break }
      mantissa = mantissa &* 10 &+ UInt64(d)
      i &+= 1
    }
    significantDigits &+= i &- exactStart
    if fractional { exponent -= i - exactStart }
    // Later digits only shift the exponent.
    let restStart = i
    while i < n && ValueParser.isDigit(p[i]) { i &+= 1 }
    significantDigits += i - restStart
    if !fractional { exponent += i - restStart }
    return i - start
  }

  /// The value of `[+-]?[0-9]+` text within Int64 (leading zeros allowed), else nil.
  var integer: Int64? {
    // Past 19 significant digits the integer digits only raise the exponent: out of range.
    guard !hasPointOrExponent, exponent == 0 else { return nil }
    if negative { return mantissa <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- mantissa) : nil }
    return mantissa <= UInt64(Int64.max) ? Int64(mantissa) : nil
  }

  /// The exact result when the mantissa and the power of ten are both exact doubles (Clinger).
  @inline(__always)
  var fastValue: Double? {
    guard significantDigits <= 15, abs(exponent) <= 22 else { return mantissa == 0 ? (negative ? -0.0 : 0) : nil }
    let m = Double(mantissa)
    let value = exponent >= 0 ? m * DecimalShape.powersOfTen[exponent] : m / DecimalShape.powersOfTen[-exponent]
    return negative ? -value : value
  }
}
