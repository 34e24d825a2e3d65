/// Turns decoded physical values into the text forms `ParquetValueFormat` documents.
///
/// One `switch` per value on the column's format (the same branch every time), and no
/// allocation once the buffers have grown: digits are written straight into the text buffer.
struct ParquetTextFormatter {
  let format: ParquetValueFormat
  let physical: ParquetPhysicalType
  /// Bytes per decoded value, or 0 for BYTE_ARRAY (whose values carry their ends).
  let width: Int
  private var limbs: [UInt32] = []
  /// STRING values that are not valid UTF-8 (they are kept as they are), counted as formatted.
  private(set) var invalidUTF8 = 0

  init(column: ParquetSchema.Column) {
    format = column.format
    physical = column.physical
    width = ParquetTextFormatter.width(of: column.physical, typeLength: column.typeLength)
  }

  /// The width of a decoded value: booleans are decoded to one byte each.
  static func width(of physical: ParquetPhysicalType, typeLength: Int) -> Int {
    switch physical {
    case .boolean: return 1
    case .int32, .float: return 4
    case .int64, .double: return 8
    case .int96: return 12
    case .byteArray: return 0
    case .fixedLenByteArray: return typeLength
    }
  }

  /// Appends the text of the first `count` values of `raw` to `text`, one value each.
  mutating func format(_ raw: ValueBuffer, count: Int, into text: inout ValueBuffer) {
    raw.bytes.withUnsafeBytes { p in
      for i in 0..<count {
        let range = width > 0 ? i * width..<(i + 1) * width : raw.range(i)
        append(UnsafeRawBufferPointer(rebasing: p[range]), to: &text)
        text.endValue()
      }
    }
  }

  private mutating func append(_ v: UnsafeRawBufferPointer, to text: inout ValueBuffer) {
    switch format {
    case .boolean: text.appendASCII(v[0] != 0 ? "true" : "false")
    case .int32: text.appendSigned(Int64(v.int32))
    case .uint32: text.appendUnsigned(UInt64(UInt32(bitPattern: v.int32)))
    case .int64: text.appendSigned(v.int64)
    case .uint64: text.appendUnsigned(UInt64(bitPattern: v.int64))
    case .date: text.appendDate(days: Int64(v.int32))
    case .timestamp(let unit, let utc): text.appendTimestamp(v.int64, unit: unit, utc: utc)
    case .int96: text.appendInt96(nanosOfDay: v.int64, julianDay: v.loadLittleEndian(at: 8, as: Int32.self))
    case .float: text.appendFloat(Float(bitPattern: UInt32(bitPattern: v.int32)))
    case .double: text.appendDouble(Double(bitPattern: UInt64(bitPattern: v.int64)))
    case .float16: text.appendFloat16(v.loadLittleEndian(at: 0, as: UInt16.self))
    case .decimal(let scale, _): appendDecimal(v, scale: scale, to: &text)
    case .string:
      checkUTF8(v)
      text.bytes.append(contentsOf: v)
    case .binary:
      if UTF8Check.isValid(v) { text.bytes.append(contentsOf: v) } else { text.appendHex(v) }
    case .hex: text.appendHex(v)
    case .uuid: text.appendUUID(v)
    }
  }

  /// Counts a STRING value that is not valid UTF-8.
  @inline(__always)
  mutating func checkUTF8(_ v: UnsafeRawBufferPointer) {
    if !UTF8Check.isValid(v) { invalidUTF8 += 1 }
  }

  private mutating func appendDecimal(_ v: UnsafeRawBufferPointer, scale: Int, to text: inout ValueBuffer) {
    switch physical {
    case .int32: text.appendDecimal(Int64(v.int32), scale: scale)
    case .int64: text.appendDecimal(v.int64, scale: scale)
    default: text.appendDecimal(bigEndian: v, scale: scale, limbs: &limbs)
    }
  }
}

extension UnsafeRawBufferPointer {
  @inline(__always)
  func loadLittleEndian<T: FixedWidthInteger>(at offset: Int, as type: T.Type) -> T {
    T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
  }

  @inline(__always) var int32: Int32 { loadLittleEndian(at: 0, as: Int32.self) }
  @inline(__always) var int64: Int64 { loadLittleEndian(at: 0, as: Int64.self) }
}

/// The text of the commonest formats written straight into a batch's buffer (as `ValueBuffer`'s
/// `append…` would write it): `ParquetColumnReader` formats PLAIN integers and doubles there
/// with no copy in between.
enum DirectText {
  /// Room enough for any Int64 or UInt64 in decimal, with its sign.
  static let integerRoom = 21
  /// Room enough for any Double's shortest form (`-2.2250738585072014e-308` is 24 bytes).
  static let doubleRoom = 32

  /// Writes `v` in decimal at `out`; returns the bytes written (at most 20).
  @inline(__always)
  static func writeUnsigned(_ v: UInt64, to out: UnsafeMutablePointer<UInt8>) -> Int {
    var digits = 1
    var limit: UInt64 = 10
    while digits < 20 && v >= limit {
      digits += 1
      limit &*= 10
    }
    var x = v
    var i = digits
    repeat {
      i -= 1
      let q = x / 10
      out[i] = UInt8(truncatingIfNeeded: x - q * 10) &+ 48
      x = q
    } while i > 0
    return digits
  }

  /// Writes `v` in decimal at `out`, `-` first when negative; returns the bytes written.
  @inline(__always)
  static func writeSigned(_ v: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
    guard v < 0 else { return writeUnsigned(UInt64(v), to: out) }
    out[0] = UInt8(ascii: "-")
    return 1 + writeUnsigned(v.magnitude, to: out + 1)
  }

  /// Writes `d` in Swift's shortest round-trip form (`nan` for every NaN) at `out`.
  @inline(__always)
  static func writeDouble(_ d: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
    if let n = writeShortDecimal(d, to: out) { return n }
    var stream = PointerStream(out: out)
    if d.isNaN { stream.write("nan") } else { d.write(to: &stream) }
    return stream.count
  }

  /// Powers of ten a short decimal's digits are scaled by (exact in a Double).
  private static let scales: (Double, Double, Double, Double, Double, Double, Double) = (1, 10, 100, 1e3, 1e4, 1e5, 1e6)

  /// The shortest form of a double that is a decimal of at most 6 fraction digits between 10⁻⁴
  /// and 10¹⁵ (prices, scores, measurements: what most float columns hold), without the general
  /// algorithm: the fewest digits k such that m, the double times 10^k rounded to a whole
  /// number below 2⁵⁰, gives the double back as m / 10^k. Only the whole number nearest the
  /// exact product can give it back (the product's rounding error is under 1/16, and a decimal
  /// of k digits that reads back lies within 1/16 of it), so m with k fraction digits is the
  /// shortest string that reads back as the double, and the only one of that length: Swift's
  /// form, which in this range is positional (`0.0001`, `42596.8`, `100.0`). nil for any other.
  @inline(__always)
  static func writeShortDecimal(_ d: Double, to out: UnsafeMutablePointer<UInt8>) -> Int? {
    let a = d.magnitude
    guard a >= 1e-4 && a < 1e15 else { return nil }
    return withUnsafeBytes(of: scales) { raw -> Int? in
      let scales = raw.bindMemory(to: Double.self)
      for k in 0..<scales.count {
        let scaled = (a * scales[k]).rounded()
        guard scaled < 1_125_899_906_842_624 else { return nil }   // 2⁵⁰
        guard scaled / scales[k] == a else { continue }
        var m = UInt64(scaled)
        var n = 0
        if d < 0 { out[0] = UInt8(ascii: "-"); n = 1 }
        var divisor: UInt64 = 1
        for _ in 0..<k { divisor &*= 10 }
        n += writeUnsigned(m / divisor, to: out + n)
        out[n] = UInt8(ascii: ".")
        n += 1
        guard k > 0 else { out[n] = UInt8(ascii: "0"); return n + 1 }
        m %= divisor
        for i in stride(from: k - 1, through: 0, by: -1) {
          out[n + i] = UInt8(truncatingIfNeeded: m % 10) &+ 48
          m /= 10
        }
        return n + k
      }
      return nil
    }
  }

  /// Text written at a pointer with room enough (`doubleRoom`).
  private struct PointerStream: TextOutputStream {
    let out: UnsafeMutablePointer<UInt8>
    var count = 0

    mutating func write(_ string: String) {
      for byte in string.utf8 {
        out[count] = byte
        count += 1
      }
    }

    /// The hook the standard library prints a float's digits through (see `ValueBuffer`).
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
      guard let base = buffer.baseAddress else { return }
      (out + count).update(from: base, count: buffer.count)
      count += buffer.count
    }
  }
}
