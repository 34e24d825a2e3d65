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
      if let integer = parseInteger(v) { return Parsed(kind: .integer, number: Double(integer), integer: integer) }
      if v.count >= 10, let seconds = Temporal.parseDate(v) {
        return Parsed(kind: v[4] == UInt8(ascii: "/") ? .slashDate : .date, number: seconds)
      }
      if v.count >= 16, let seconds = Temporal.parseDatetime(v) { return Parsed(kind: .datetime, number: seconds) }
      if let number = parseFloat(v) { return Parsed(kind: .float, number: number) }
      return Parsed(kind: .string)
    }
    if isBoolean(v) { return Parsed(kind: .boolean) }
    return Parsed(kind: .string)
  }

  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }

  /// `[+-]?[0-9]+` within Int64, else nil.
  static func parseInteger(_ v: UnsafeRawBufferPointer) -> Int64? {
    var i = 0
    var negative = false
    if v[0] == UInt8(ascii: "-") || v[0] == UInt8(ascii: "+") { negative = v[0] == UInt8(ascii: "-"); i = 1 }
    guard i < v.count else { return nil }
    var magnitude: UInt64 = 0
    while i < v.count {
      let d = v[i] &- 48
      guard d < 10 else { return nil }
      let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times10.addingReportingOverflow(UInt64(d))
      guard !o1 && !o2 else { return nil }
      magnitude = sum
      i += 1
    }
    if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
    return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
  }

  /// `[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?`, correctly rounded, else nil.
  ///
  /// Short decimals (≤ 15 significant digits, power of ten ≤ 22) take Clinger's exact fast path;
  /// anything longer goes to `strtod` on a stack copy.
  static func parseFloat(_ v: UnsafeRawBufferPointer) -> Double? {
    guard let shape = DecimalShape(v) else { return nil }
    if let fast = shape.fastValue { return fast }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: v.count + 1) { buffer in
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

  private static let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

  init?(_ v: UnsafeRawBufferPointer) {
    var i = 0
    if i < v.count && (v[i] == UInt8(ascii: "-") || v[i] == UInt8(ascii: "+")) { negative = v[i] == UInt8(ascii: "-"); i += 1 }
    let intDigits = digits(v, &i, fractional: false)
    var fracDigits = 0
    if i < v.count && v[i] == UInt8(ascii: ".") {
      i += 1
      fracDigits = digits(v, &i, fractional: true)
    }
    guard intDigits + fracDigits > 0 else { return nil }
    if i < v.count && (v[i] | 0x20) == UInt8(ascii: "e") {
      i += 1
      var expNegative = false
      if i < v.count && (v[i] == UInt8(ascii: "-") || v[i] == UInt8(ascii: "+")) { expNegative = v[i] == UInt8(ascii: "-"); i += 1 }
      var e = 0
      let start = i
      while i < v.count, ValueParser.isDigit(v[i]) { e = min(e * 10 + Int(v[i] - 48), 100_000); i += 1 }
      guard i > start else { return nil }
      exponent += expNegative ? -e : e
    }
    guard i == v.count else { return nil }
  }

  /// Reads digits into the mantissa while it stays exact; later digits only shift the exponent.
  private mutating func digits(_ v: UnsafeRawBufferPointer, _ i: inout Int, fractional: Bool) -> Int {
    let start = i
    while i < v.count, ValueParser.isDigit(v[i]) {
      let d = UInt64(v[i] - 48)
      if mantissa == 0 && d == 0 {
        if fractional { exponent -= 1 }
      } else if significantDigits < 19 {
        mantissa = mantissa * 10 + d
        significantDigits += 1
        if fractional { exponent -= 1 }
      } else {
        significantDigits += 1
        if !fractional { exponent += 1 }
      }
      i += 1
    }
    return i - start
  }

  /// The exact result when the mantissa and the power of ten are both exact doubles (Clinger).
  var fastValue: Double? {
    guard significantDigits <= 15, abs(exponent) <= 22 else { return mantissa == 0 ? (negative ? -0.0 : 0) : nil }
    let m = Double(mantissa)
    let value = exponent >= 0 ? m * DecimalShape.powersOfTen[exponent] : m / DecimalShape.powersOfTen[-exponent]
    return negative ? -value : value
  }
}
