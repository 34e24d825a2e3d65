/// Values stored back to back in one byte buffer, with the end offset of each: the decoded
/// physical values of a page (fixed-width values need no ends) and their text forms.
///
/// Reused from page to page with `removeAll()`, so a steady-state read allocates nothing.
/// The `append…` methods write a value's text straight into `bytes`, without a `String`.
struct ValueBuffer: TextOutputStream {
  var bytes: [UInt8] = []
  var ends: [Int] = []

  var count: Int { ends.count }

  mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
  }

  /// Closes the value whose bytes were appended since the last call.
  @inline(__always)
  mutating func endValue() { ends.append(bytes.count) }

  /// The range of value `i` in `bytes`.
  @inline(__always)
  func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

  // MARK: TextOutputStream, so floats print their shortest form straight into `bytes`.

  mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }

  /// The standard library prints a float's digits through this hook (an underscored
  /// requirement of `TextOutputStream`), which spares a `String` per value; `write(_:)` above
  /// gives the same bytes if it is ever bypassed.
  mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
}

extension ValueBuffer {
  /// Appends `v` in decimal (the digits `DirectText` writes straight into a batch).
  mutating func appendUnsigned(_ v: UInt64) {
    appendWritten(room: DirectText.integerRoom) { DirectText.writeUnsigned(v, to: $0) }
  }

  mutating func appendSigned(_ v: Int64) {
    appendWritten(room: DirectText.integerRoom) { DirectText.writeSigned(v, to: $0) }
  }

  /// Appends what `write` puts at a pointer with `room` bytes (it returns how many it wrote).
  private mutating func appendWritten(room: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: room) { out in
      bytes.append(contentsOf: UnsafeBufferPointer(start: out.baseAddress, count: write(out.baseAddress!)))
    }
  }

  /// Appends `v` (≥ 0) with at least `width` digits, zero-padded.
  mutating func appendPadded(_ v: Int64, width: Int) {
    var digits = 1
    var rest = v / 10
    while rest > 0 { digits += 1; rest /= 10 }
    if digits < width { bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits)) }
    appendUnsigned(UInt64(v))
  }

  mutating func appendASCII(_ s: StaticString) {
    s.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Appends `d` in Swift's shortest form, `nan` for every NaN (as `DirectText.writeDouble`).
  mutating func appendDouble(_ d: Double) {
    appendWritten(room: DirectText.doubleRoom) { DirectText.writeDouble(d, to: $0) }
  }

  mutating func appendFloat(_ f: Float) {
    if f.isNaN { appendASCII("nan") } else { f.write(to: &self) }
  }

  /// A FLOAT16 (IEEE half) from its bit pattern, in its own shortest form where Swift has
  /// `Float16`, else through `Float`.
  mutating func appendFloat16(_ bits: UInt16) {
    #if (os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64)
    appendFloat(ValueBuffer.halfToFloat(bits))
    #else
    let h = Float16(bitPattern: bits)
    if h.isNaN { appendASCII("nan") } else { h.write(to: &self) }
    #endif
  }

  /// IEEE half → single, exactly (subnormals, infinities and NaN included).
  static func halfToFloat(_ h: UInt16) -> Float {
    let sign = UInt32(h >> 15) << 31
    let exponent = Int(h >> 10) & 0x1F
    let mantissa = UInt32(h & 0x3FF)
    if exponent == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }
    if exponent == 0 {
      let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
      return sign == 0 ? magnitude : -magnitude
    }
    return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
  }

  /// Lowercase hex with a `0x` prefix.
  mutating func appendHex(_ value: UnsafeRawBufferPointer) {
    appendASCII("0x")
    appendHexDigits(value)
  }

  mutating func appendHexDigits(_ value: UnsafeRawBufferPointer) {
    let digits: StaticString = "0123456789abcdef"
    digits.withUTF8Buffer { table in
      for byte in value {
        bytes.append(table[Int(byte >> 4)])
        bytes.append(table[Int(byte & 0x0F)])
      }
    }
  }

  /// A 16-byte UUID as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
  mutating func appendUUID(_ value: UnsafeRawBufferPointer) {
    var start = 0
    for (i, length) in [4, 2, 2, 2, 6].enumerated() {
      if i > 0 { bytes.append(UInt8(ascii: "-")) }
      appendHexDigits(UnsafeRawBufferPointer(rebasing: value[start..<start + length]))
      start += length
    }
  }
}
