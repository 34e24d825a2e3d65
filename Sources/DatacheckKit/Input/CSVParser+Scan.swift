/// The word-at-a-time scan of the CSV fast path (`parseSimpleLine`), apart from the parser's
/// state: it reads bytes and nothing else.
extension CSVParser {
  /// The first offset in `from..<limit` holding a quote, CR, LF or `byte`, or `limit`, eight
  /// bytes a step; ORs every word it reads into `seen` (a line whose words have no high bit is
  /// ASCII, and needs no UTF-8 check of its own).
  ///
  /// A byte equal to a pattern byte is a zero byte of their XOR, flagged by
  /// `(x - 0x01…) & ~x & 0x80…`; CR and LF are flagged with every byte below 14 by
  /// `(x - 0x0E…) & ~x & 0x80…` (one test for both). Each flag's byte is read to confirm it: a
  /// tab or another control byte below 14, or a byte that a borrow flagged above a true one,
  /// is passed over.
  @inline(__always)
  static func firstSpecial(_ base: UnsafePointer<UInt8>, from: Int, limit: Int, or byte: UInt8, seen: inout UInt64) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
    let pattern = UInt64(byte) &* ones, quotes = 34 &* ones, controls = 14 &* ones
    @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
    @inline(__always) func isSpecial(_ c: UInt8) -> Bool { c == byte || c == 34 || c == 10 || c == 13 }
    var i = from
    while i + 8 <= limit {
      let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
      seen |= w
      var found = zeroBytes(w ^ pattern) | zeroBytes(w ^ quotes) | ((w &- controls) & ~w & highs)
      while found != 0 {
        let p = i + found.trailingZeroBitCount >> 3
        if isSpecial(base[p]) { return p }
        found &= found &- 1
      }
      i += 8
    }
    while i < limit {
      let c = base[i]
      if isSpecial(c) { return i }
      seen |= UInt64(c)
      i += 1
    }
    return limit
  }
}
