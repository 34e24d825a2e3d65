/// The 64-bit hash of one field's bytes that the profile counts values, rows and labels by.
///
/// Values of up to 16 bytes (numbers, dates, codes, most categories: nine of the ten columns of
/// the bench table) are read as two 8-byte words (or 4-byte, or three single bytes), which
/// together with the length cover every byte, and mixed by two 64 × 64 → 128-bit multiplies,
/// the second of both halves of the first, each folded high ^ low (the "mum" mix of wyhash).
/// XXH64 spent about 90 instructions on such a value, mostly in its byte-at-a-time tail: 7.7 %
/// of a profile. Values of 17–48 bytes (short free text, identifiers) are read as two or three
/// 16-byte blocks, the last ending at the value's end, each block's two words mixed by `mum`
/// into a seed carried to the next (XXH64's stripe, converge and tail came to about 180
/// instructions on the bench table's notes). Longer values take XXH64.
///
/// Within one run every value is hashed by this function, so counts, row hashes and split
/// comparisons agree; nothing stores these hashes across runs (the file fingerprint and
/// `data.test_fraction`'s row split use XXH64 itself).
enum ValueHash {
  private static let k0: UInt64 = 0xA076_1D64_78BD_642F
  private static let k1: UInt64 = 0xE703_7ED1_A0B4_28DB
  private static let k2: UInt64 = 0x8EBC_6AF0_9C88_C6E3

  @inline(__always)
  static func mum(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let (high, low) = a.multipliedFullWidth(by: b)
    return high ^ low
  }

  @inline(__always)
  static func hash(_ v: UnsafeRawBufferPointer) -> UInt64 {
    let n = v.count
    guard n <= 16 else { return n <= 48 ? medium(v, n) : XXH64.hash(v) }
    var a: UInt64 = 0, b: UInt64 = 0
    if n >= 8 {
      a = XXH64.load64(v, 0)
      b = XXH64.load64(v, n &- 8)
    } else if n >= 4 {
      a = XXH64.load32(v, 0)
      b = XXH64.load32(v, n &- 4)
    } else if n > 0 {
      a = UInt64(v[0]) << 16 | UInt64(v[n >> 1]) << 8 | UInt64(v[n &- 1])
    }
    let (high, low) = (a ^ k0).multipliedFullWidth(by: b ^ k1)
    return mum(low ^ k0 ^ UInt64(truncatingIfNeeded: n), high ^ k2)
  }

  /// 17–48 bytes: blocks at 0, at 16 (past 32 bytes) and ending at `n`, which cover every byte.
  @inline(__always)
  private static func medium(_ v: UnsafeRawBufferPointer, _ n: Int) -> UInt64 {
    var seed = mum(XXH64.load64(v, 0) ^ k1, XXH64.load64(v, 8) ^ k0 ^ UInt64(truncatingIfNeeded: n))
    if n > 32 { seed = mum(XXH64.load64(v, 16) ^ k2, XXH64.load64(v, 24) ^ seed) }
    let (high, low) = (XXH64.load64(v, n &- 16) ^ k1).multipliedFullWidth(by: XXH64.load64(v, n &- 8) ^ seed)
    return mum(low ^ k0, high ^ k2)
  }
}
