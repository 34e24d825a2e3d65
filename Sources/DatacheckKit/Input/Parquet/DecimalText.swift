/// The exact decimal text of Parquet DECIMAL values: an unscaled two's complement integer
/// (INT32, INT64, or big-endian bytes of any length) and a scale.
extension ValueBuffer {
  /// `unscaled × 10^-scale`, e.g. (-5, 2) → `-0.05`, (1230, 2) → `12.30`, (7, 0) → `7`.
  mutating func appendDecimal(_ unscaled: Int64, scale: Int) {
    if unscaled < 0 { bytes.append(UInt8(ascii: "-")) }
    let start = bytes.count
    appendUnsigned(unscaled.magnitude)
    placePoint(digitsFrom: start, scale: scale)
  }

  /// A big-endian two's complement unscaled value of any length; `limbs` is scratch space.
  mutating func appendDecimal(bigEndian value: UnsafeRawBufferPointer, scale: Int, limbs: inout [UInt32]) {
    if value.count <= 8 {
      var v: Int64 = value.isEmpty || value[0] < 0x80 ? 0 : -1
      for byte in value { v = v << 8 | Int64(byte) }
      appendDecimal(v, scale: scale)
      return
    }
    let negative = value[0] >= 0x80
    ValueBuffer.magnitudeLimbs(value, negative: negative, into: &limbs)
    if negative { bytes.append(UInt8(ascii: "-")) }
    let start = bytes.count
    appendLimbs(&limbs)
    placePoint(digitsFrom: start, scale: scale)
  }

  /// Inserts the decimal point `scale` digits from the end of the digits at `start...`,
  /// padding with zeros so that one digit stays before the point.
  private mutating func placePoint(digitsFrom start: Int, scale: Int) {
    guard scale > 0 else { return }
    let digits = bytes.count - start
    if digits <= scale {
      bytes.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: scale - digits + 1), at: start)
    }
    bytes.insert(UInt8(ascii: "."), at: bytes.count - scale)
  }

  /// The magnitude of a big-endian two's complement integer as little-endian 32-bit limbs.
  private static func magnitudeLimbs(_ value: UnsafeRawBufferPointer, negative: Bool, into limbs: inout [UInt32]) {
    limbs.removeAll(keepingCapacity: true)
    var carry: UInt64 = negative ? 1 : 0  // two's complement negation: invert, then add one
    var index = value.count
    while index > 0 {
      var limb: UInt32 = 0
      for shift in stride(from: 0, to: 32, by: 8) where index > 0 {
        index -= 1
        let byte = negative ? ~value[index] : value[index]
        limb |= UInt32(byte) << UInt32(shift)
      }
      if negative && index == 0 && value.count % 4 != 0 {
        limb &= UInt32.max >> UInt32(32 - 8 * (value.count % 4))  // drop the sign extension of a partial limb
      }
      let sum = UInt64(limb) + carry
      limbs.append(UInt32(truncatingIfNeeded: sum))
      carry = sum >> 32
    }
    while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
  }

  /// Appends the decimal digits of `limbs` (consumed), nine at a time by long division.
  private mutating func appendLimbs(_ limbs: inout [UInt32]) {
    let start = bytes.count
    repeat {
      var remainder: UInt64 = 0
      for i in stride(from: limbs.count - 1, through: 0, by: -1) {
        let current = remainder << 32 | UInt64(limbs[i])
        limbs[i] = UInt32(current / 1_000_000_000)
        remainder = current % 1_000_000_000
      }
      while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
      let done = limbs.count == 1 && limbs[0] == 0
      for _ in 0..<9 {
        bytes.append(UInt8(ascii: "0") + UInt8(remainder % 10))
        remainder /= 10
        if done && remainder == 0 { break }
      }
    } while !(limbs.count == 1 && limbs[0] == 0)
    bytes[start...].reverse()
  }
}
