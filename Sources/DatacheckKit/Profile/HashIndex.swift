/// An open-addressing map from 64-bit keys to dense indexes `0, 1, 2, …` in insertion order.
///
/// The per-row lookups of the profile (value counts, label classes, the label's value and
/// bucket tables) went through `Dictionary`, which hashes every key with SipHash and showed in
/// profiles. Here a key is mixed by one multiplication (Fibonacci hashing: the top bits of
/// `key × 2^64/φ`), so keys that are already hashes and keys that are small or ordered (bucket
/// numbers) both spread; each slot holds its key and index side by side, one cache line a probe.
/// Linear probing, at most 70 % full, never shrinks. Each slot also holds a 32-bit tally in what
/// would be padding (`findOrInsert(_:adding:)`), so a count table touches one cache line a value.
struct HashIndex: Sendable {
  private struct Slot {
    var key: UInt64
    /// The key's index, or -1 for an empty slot.
    var index: Int32
    /// The key's tally (`findOrInsert(_:adding:)`; 0 for other uses).
    var tally: UInt32 = 0
  }

  private var slots: [Slot]
  private var shift: UInt64
  private(set) var count = 0

  /// An index with room for `capacity` keys before it grows.
  init(capacity: Int = 8) {
    var size = 16
    while size * 7 < capacity * 10 { size *= 2 }
    slots = Array(repeating: Slot(key: 0, index: -1), count: size)
    shift = UInt64(64 - size.trailingZeroBitCount)
  }

  @inline(__always)
  private static func home(_ key: UInt64, _ shift: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  /// The index of `key`, or nil when it was never inserted.
  @inline(__always)
  func find(_ key: UInt64) -> Int? {
    let shift = shift
    return slots.withUnsafeBufferPointer { slots in
      let mask = slots.count - 1
      var s = HashIndex.home(key, shift)
      while true {
        let slot = slots[s]
        if slot.index < 0 { return nil }
        if slot.key == key { return Int(slot.index) }
        s = (s + 1) & mask
      }
    }
  }

  /// The index of `key`, giving it the next index (`count`) when it is new.
  @inline(__always)
  mutating func findOrInsert(_ key: UInt64) -> (index: Int, inserted: Bool) {
    let found = findOrInsert(key, adding: 0)
    return (found.index, found.inserted)
  }

  /// The index of `key` (the next index, `count`, when it is new), adding `n` to the key's tally
  /// (which starts at `n`), unless that would pass `UInt32.max`: then the tally stays and
  /// `overflowed` is true (the caller keeps the excess).
  @inline(__always)
  mutating func findOrInsert(_ key: UInt64, adding n: UInt32) -> (index: Int, inserted: Bool, overflowed: Bool) {
    let shift = shift, count = count
    let found: (index: Int, inserted: Bool, overflowed: Bool) = slots.withUnsafeMutableBufferPointer { slots in
      let mask = slots.count - 1
      var s = HashIndex.home(key, shift)
      while true {
        let slot = slots[s]
        if slot.index < 0 {
          slots[s] = Slot(key: key, index: Int32(truncatingIfNeeded: count), tally: n)
          return (count, true, false)
        }
        if slot.key == key {
          let (sum, overflowed) = slot.tally.addingReportingOverflow(n)
          if !overflowed { slots[s].tally = sum }
          return (Int(slot.index), false, overflowed)
        }
        s = (s + 1) & mask
      }
    }
    if found.inserted {
      self.count += 1
      if count * 10 > slots.count * 7 { grow() }
    }
    return found
  }

  /// Every key's tally, by index.
  func tallies() -> [UInt32] {
    var out = [UInt32](repeating: 0, count: count)
    for slot in slots where slot.index >= 0 { out[Int(slot.index)] = slot.tally }
    return out
  }

  private mutating func grow() {
    let old = slots
    slots = Array(repeating: Slot(key: 0, index: -1), count: old.count * 2)
    shift -= 1
    let shift = shift
    slots.withUnsafeMutableBufferPointer { slots in
      let mask = slots.count - 1
      for slot in old where slot.index >= 0 {
        var s = HashIndex.home(slot.key, shift)
        while slots[s].index >= 0 { s = (s + 1) & mask }
        slots[s] = slot
      }
    }
  }
}
