/// An open-addressing map from 64-bit keys to dense indexes `0, 1, 2, …` in insertion order.
///
/// The per-row lookups of the profile (value counts, label classes, the label's value and
/// bucket tables) went through `Dictionary`, which hashes every key with SipHash and showed in
/// profiles. Here a key is mixed by one multiplication (Fibonacci hashing: the top bits of
/// `key × 2^64/φ`), so keys that are already hashes and keys that are small or ordered (bucket
/// numbers) both spread; each slot holds its key and index side by side, one cache line a probe.
/// Linear probing, at most 70 % full, never shrinks. Each slot also holds a 32-bit tally in what
/// would be padding (`findOrInsert(_:adding:)`), so a count table touches one cache line a value.
/// A `Payload` kept beside (the value table's `ValueDigest`) is read with the key, from the same
/// cache line; an index without one (`Void`) has 16-byte slots.
struct HashIndex<Payload: BitwiseCopyable & Sendable>: Sendable {
  private struct Slot {
    var key: UInt64
    /// The key's index, or -1 for an empty slot.
    var index: Int32
    /// The key's tally (`findOrInsert(_:adding:)`; 0 for other uses).
    var tally: UInt32 = 0
    var payload: Payload
  }

  private var slots: [Slot]
  private var shift: UInt64
  private(set) var count = 0
  /// The payload of a new key, until `setPayload`.
  private let empty: Payload

  /// An index with room for `capacity` keys before it grows.
  init(capacity: Int = 8, empty: Payload) {
    var size = 16
    while size * 7 < capacity * 10 { size *= 2 }
    self.empty = empty
    slots = Array(repeating: Slot(key: 0, index: -1, payload: empty), count: size)
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
  /// `overflowed` is true (the caller keeps the excess). Also the key's payload (`empty` for a
  /// new key) and its slot, for `setPayload` before the next insert.
  @inline(__always)
  mutating func findOrInsert(_ key: UInt64, adding n: UInt32)
    -> (index: Int, inserted: Bool, overflowed: Bool, slot: Int, payload: Payload) {
    let shift = shift, count = count, empty = empty
    var found: (index: Int, inserted: Bool, overflowed: Bool, slot: Int, payload: Payload) = slots.withUnsafeMutableBufferPointer { slots in
      let mask = slots.count - 1
      var s = HashIndex.home(key, shift)
      while true {
        let slot = slots[s]
        if slot.index < 0 {
          slots[s] = Slot(key: key, index: Int32(truncatingIfNeeded: count), tally: n, payload: empty)
          return (count, true, false, s, empty)
        }
        if slot.key == key {
          let (sum, overflowed) = slot.tally.addingReportingOverflow(n)
          if !overflowed { slots[s].tally = sum }
          return (Int(slot.index), false, overflowed, s, slot.payload)
        }
        s = (s + 1) & mask
      }
    }
    if found.inserted {
      self.count += 1
      if count * 10 > slots.count * 7 {
        grow()
        found.slot = slot(of: key)
      }
    }
    return found
  }

  /// Sets the payload of the key in slot `slot` (as `findOrInsert` gave it, no insert since).
  @inline(__always)
  mutating func setPayload(_ payload: Payload, slot: Int) {
    slots.withUnsafeMutableBufferPointer { $0[slot].payload = payload }
  }

  /// The slot holding `key`, which is in the index.
  private func slot(of key: UInt64) -> Int {
    var s = HashIndex.home(key, shift)
    while slots[s].key != key || slots[s].index < 0 { s = (s + 1) & (slots.count - 1) }
    return s
  }

  /// Every key's tally, by index.
  func tallies() -> [UInt32] {
    var out = [UInt32](repeating: 0, count: count)
    for slot in slots where slot.index >= 0 { out[Int(slot.index)] = slot.tally }
    return out
  }

  /// Every key's payload, by index.
  func payloads() -> [Payload] {
    var out = [Payload](repeating: empty, count: count)
    for slot in slots where slot.index >= 0 { out[Int(slot.index)] = slot.payload }
    return out
  }

  private mutating func grow() {
    let old = slots
    slots = Array(repeating: Slot(key: 0, index: -1, payload: empty), count: old.count * 2)
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

extension HashIndex where Payload == Void {
  /// An index of keys alone.
  init(capacity: Int = 8) { self.init(capacity: capacity, empty: ()) }
}
