/// Distinct count and most frequent values of a column: exact up to a cap, then sketches.
///
/// Exact mode is an open-addressing table from each value's 64-bit hash to its count, with the
/// value's bytes kept in one arena. Past `maxExact` distinct values (or `maxArenaBytes` of text)
/// it switches, once, to a HyperLogLog (distinct, ±0.81 %) fed every hash the table held, and a
/// Space-Saving summary (top values) seeded with the table's largest counts. Memory per column:
/// at most about 16 × 2 × `maxExact` bytes plus the arena, then 16 KiB + the summary.
public struct ValueCounter: Sendable {
  public static let defaultMaxExact = 65_536
  public static let summaryCapacity = 1_024

  private var table = HashCountTable()
  private var arena: [UInt8] = []
  private var offsets: [Int32] = []   // per table entry: start of its bytes in `arena`
  private var lengths: [Int32] = []
  private var sketch: (distinct: HyperLogLog, top: SpaceSaving)?
  let maxExact: Int
  let maxArenaBytes: Int

  public init(maxExact: Int = ValueCounter.defaultMaxExact, maxArenaBytes: Int = 8 << 20) {
    self.maxExact = maxExact
    self.maxArenaBytes = maxArenaBytes
  }

  /// True while counts are exact (no switch to sketches happened).
  public var isExact: Bool { sketch == nil }

  @inline(__always)
  public mutating func observe(_ v: UnsafeRawBufferPointer, hash: UInt64, count: Int = 1) {
    if sketch != nil { return observeSketch(v, hash: hash, count: count) }
    let (slot, inserted) = table.findOrInsert(hash)
    if inserted {
      offsets.append(Int32(truncatingIfNeeded: arena.count))
      lengths.append(Int32(truncatingIfNeeded: v.count))
      arena.append(contentsOf: v)
    }
    table.add(count, at: slot)
    if inserted && (table.count > maxExact || arena.count > maxArenaBytes) { switchToSketches() }
  }

  private mutating func observeSketch(_ v: UnsafeRawBufferPointer, hash: UInt64, count: Int) {
    sketch!.distinct.insert(hash: hash)
    sketch!.top.insert(hash: hash, bytes: v, count: count)
  }

  /// The number of distinct values: exact, or the HyperLogLog estimate.
  public var distinct: Int { sketch?.distinct.estimate ?? table.count }

  /// The `n` most frequent values, count descending, ties by bytes ascending.
  public func top(_ n: Int) -> [(bytes: [UInt8], count: Int)] {
    if let sketch { return sketch.top.top(n).map { ($0.bytes, $0.count) } }
    return exactEntries().sorted(by: ValueCounter.byCount).prefix(n).map { ($0.bytes, $0.count) }
  }

  /// Every value's hash and exact count, or nil once the counter has switched to sketches.
  func exactCounts() -> [UInt64: Int]? {
    guard isExact else { return nil }
    return Dictionary(table.entries().map { ($0.hash, $0.count) }, uniquingKeysWith: +)
  }

  public mutating func merge(_ other: ValueCounter) {
    if isExact && other.isExact {
      for entry in other.exactEntries() {
        entry.bytes.withUnsafeBytes { observe($0, hash: entry.hash, count: entry.count) }
      }
      return
    }
    if isExact { switchToSketches() }
    var theirs = other
    if theirs.isExact { theirs.switchToSketches() }
    sketch!.distinct.merge(theirs.sketch!.distinct)
    sketch!.top.merge(theirs.sketch!.top)
  }

  private static func byCount(_ a: (hash: UInt64, bytes: [UInt8], count: Int), _ b: (hash: UInt64, bytes: [UInt8], count: Int)) -> Bool {
    a.count != b.count ? a.count > b.count : a.bytes.lexicographicallyPrecedes(b.bytes)
  }

  /// Every exact entry, in insertion order.
  private func exactEntries() -> [(hash: UInt64, bytes: [UInt8], count: Int)] {
    table.entries().map { hash, count, index in
      let start = Int(offsets[index])
      return (hash, Array(arena[start..<start + Int(lengths[index])]), count)
    }
  }

  private mutating func switchToSketches() {
    var distinct = HyperLogLog()
    var top = SpaceSaving(capacity: ValueCounter.summaryCapacity)
    let entries = table.entries()
    for entry in entries { distinct.insert(hash: entry.hash) }
    // Seed with the largest counts (ties by hash, cheaper than by bytes and as deterministic):
    // every value left out counted no more than those kept.
    let seeds = entries.sorted { $0.count != $1.count ? $0.count > $1.count : $0.hash < $1.hash }
    arena.withUnsafeBytes { bytes in
      for entry in seeds.prefix(ValueCounter.summaryCapacity) {
        let start = Int(offsets[entry.index])
        let value = UnsafeRawBufferPointer(rebasing: bytes[start..<start + Int(lengths[entry.index])])
        top.insert(hash: entry.hash, bytes: value, count: entry.count)
      }
    }
    sketch = (distinct, top)
    table = HashCountTable()
    arena = []
    offsets = []
    lengths = []
  }
}

/// An open-addressing (linear probing) table from 64-bit hashes to counts, remembering insertion order.
struct HashCountTable: Sendable {
  private var keys: [UInt64] = Array(repeating: 0, count: 64)
  private var slotsToIndex: [Int32] = Array(repeating: -1, count: 64)
  private var counts: [Int] = []
  private var order: [UInt64] = []
  private var mask = 63

  var count: Int { counts.count }

  /// The entry index for `hash`, inserting it with count 0 when new.
  @inline(__always)
  mutating func findOrInsert(_ hash: UInt64) -> (index: Int, inserted: Bool) {
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slotsToIndex[slot] >= 0 {
      if keys[slot] == hash { return (Int(slotsToIndex[slot]), false) }
      slot = (slot + 1) & mask
    }
    keys[slot] = hash
    slotsToIndex[slot] = Int32(counts.count)
    counts.append(0)
    order.append(hash)
    if counts.count * 10 > keys.count * 7 { grow() }
    return (counts.count - 1, true)
  }

  @inline(__always)
  mutating func add(_ n: Int, at index: Int) { counts[index] += n }

  func entries() -> [(hash: UInt64, count: Int, index: Int)] {
    order.indices.map { (order[$0], counts[$0], $0) }
  }

  private mutating func grow() {
    let size = keys.count * 2
    keys = Array(repeating: 0, count: size)
    slotsToIndex = Array(repeating: -1, count: size)
    mask = size - 1
    for (index, hash) in order.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slotsToIndex[slot] >= 0 { slot = (slot + 1) & mask }
      keys[slot] = hash
      slotsToIndex[slot] = Int32(index)
    }
  }
}
