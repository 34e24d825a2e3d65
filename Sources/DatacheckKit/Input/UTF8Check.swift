/// UTF-8 validation of one value, with an ASCII fast path and no allocation.
enum UTF8Check {
  /// Returns true when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
  @inline(__always)
  static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var i = 0
    let n = bytes.count
    while i + 8 <= n {
      if bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
      i += 8
    }
    while i < n {
      let lead = bytes[i]
      if lead < 0x80 { i += 1; continue }
      guard let width = sequenceWidth(bytes, at: i) else { return false }
      i += width
    }
    return true
  }

  /// The length of the well-formed multi-byte sequence starting at `i`, or nil (RFC 3629 table).
  private static func sequenceWidth(_ b: UnsafeRawBufferPointer, at i: Int) -> Int? {
    let lead = b[i]
    let (width, low, high): (Int, UInt8, UInt8)
    switch lead {
    case 0xC2...0xDF: (width, low, high) = (2, 0x80, 0xBF)
    case 0xE0: (width, low, high) = (3, 0xA0, 0xBF)         // no overlongs
    case 0xED: (width, low, high) = (3, 0x80, 0x9F)         // no surrogates
    case 0xE1...0xEC, 0xEE...0xEF: (width, low, high) = (3, 0x80, 0xBF)
    case 0xF0: (width, low, high) = (4, 0x90, 0xBF)
    case 0xF1...0xF3: (width, low, high) = (4, 0x80, 0xBF)
    case 0xF4: (width, low, high) = (4, 0x80, 0x8F)         // nothing past U+10FFFF
    default: return nil
    }
    guard i + width <= b.count, (low...high).contains(b[i + 1]) else { return nil }
    for k in 2..<width where b[i + k] & 0xC0 != 0x80 { return nil }
    return width
  }
}
