/// Distinct count and most frequent values of a column: exact up to a cap, then sketches.
///
/// Exact mode is an open-addressing table from each value's 64-bit hash to its count, with the
/// value's bytes kept in one arena. Past `maxExact` distinct values (or `maxArenaBytes` of text)
/// it switches, once, to a HyperLogLog (distinct, ±0.81 %) fed every hash the table held, and a
/// Space-Saving summary (top values) seeded with the table's largest counts. Memory per column:
/// at most about 32 × 2 × `maxExact` bytes (slots of hash, count and `ValueDigest`) plus the
/// arena, then 16 KiB + the summary.
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

  /// A counter, exact until its caps; `sketched` starts it on sketches (for a part of the data
  /// whose column is known to pass the caps).
  public init(maxExact: Int = ValueCounter.defaultMaxExact, maxArenaBytes: Int = 8 << 20, sketched: Bool = false) {
    self.maxExact = maxExact
    self.maxArenaBytes = maxArenaBytes
    if sketched { switchToSketches() }
  }

  /// True while counts are exact (no switch to sketches happened).
  /// Kept beside `sketch`, not read from it: a check of the optional there copied the sketches,
  /// and the copy made the next insert copy the summary's arrays (seen at 6× a profile's time).
  public private(set) var isExact = true

  @inline(__always)
  public mutating func observe(_ v: UnsafeRawBufferPointer, hash: UInt64, count: Int = 1) {
    observe(v, hash: hash, count: count, digest: .unknown)
  }

  /// `observe`, recording `digest` (when known) for a value the exact table has none for.
  @inline(__always)
  private mutating func observe(_ v: UnsafeRawBufferPointer, hash: UInt64, count: Int, digest: ValueDigest) {
    guard isExact else { return observeSketched(v, hash: hash, count: count) }
    let found = addExact(v, hash: hash, count: count)
    if digest.isKnown && !found.digest.isKnown { setDigest(digest, slot: found.slot) }
    if found.full { switchToSketches() }
  }

  /// Counts `count` occurrences of a value while the counter is exact: whether it is new, and
  /// whether the table has just passed its caps: then the caller must call `switchToSketches`
  /// (whose `visiting` hands it the exact values) before observing more. Also the value's
  /// digest, read with its count (`ValueDigest.unknown` until `setDigest(_:slot:)` with the
  /// `slot` given here).
  @inline(__always)
  mutating func addExact(_ v: UnsafeRawBufferPointer, hash: UInt64, count: Int = 1)
    -> (inserted: Bool, full: Bool, slot: Int, digest: ValueDigest) {
    let found = table.add(count, for: hash)
    guard found.inserted else { return (false, false, found.slot, found.digest) }
    offsets.append(Int32(truncatingIfNeeded: arena.count))
    lengths.append(Int32(truncatingIfNeeded: v.count))
    arena.append(contentsOf: v)
    return (true, table.count > maxExact || arena.count > maxArenaBytes, found.slot, found.digest)
  }

  /// Whether counting one more distinct value of `bytes` bytes could pass the exact caps.
  func mightFill(adding bytes: Int) -> Bool { table.count + 1 > maxExact || arena.count + bytes > maxArenaBytes }

  /// Records what the value `addExact` just counted is, by the `slot` it gave (no add since).
  @inline(__always)
  mutating func setDigest(_ digest: ValueDigest, slot: Int) { table.setDigest(digest, slot: slot) }

  /// Calls `body` with every value of the exact table, its count and digest, in insertion order
  /// (nothing once the counter has switched to sketches).
  func forEachExact(_ body: (UnsafeRawBufferPointer, Int, ValueDigest) -> Void) {
    guard isExact else { return }
    visit(table.entries(), body)
  }

  /// Calls `body` with each entry's value, count and digest, in the order of `entries`.
  private func visit(_ entries: [(hash: UInt64, count: Int, index: Int)], _ body: (UnsafeRawBufferPointer, Int, ValueDigest) -> Void) {
    let digests = table.digests()
    arena.withUnsafeBytes { bytes in
      for entry in entries { body(value(entry.index, in: bytes), entry.count, digests[entry.index]) }
    }
  }

  /// The bytes of exact entry `index`, within `arena`'s `bytes`.
  @inline(__always)
  private func value(_ index: Int, in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    let start = Int(offsets[index])
    return UnsafeRawBufferPointer(rebasing: bytes[start..<start + Int(lengths[index])])
  }

  /// Whether merging `other` into this counter leaves it exact: both are, and their union stays
  /// within the caps (as `merge` would find, value by value, without merging).
  func staysExact(mergedWith other: ValueCounter) -> Bool {
    guard isExact && other.isExact else { return false }
    var newValues = 0, newBytes = 0
    for (i, hash) in other.table.hashes.enumerated() where !table.contains(hash) {
      newValues += 1
      newBytes += Int(other.lengths[i])
    }
    return table.count + newValues <= maxExact && arena.count + newBytes <= maxArenaBytes
  }

  /// Counts `count` occurrences of a value once the counter has switched to sketches.
  @inline(__always)
  mutating func observeSketched(_ v: UnsafeRawBufferPointer, hash: UInt64, count: Int = 1) {
    sketch!.distinct.insert(hash: hash)
    sketch!.top.insert(hash: hash, bytes: v, count: count)
  }

  /// The number of distinct values: exact, or the HyperLogLog estimate.
  public var distinct: Int { sketch?.distinct.estimate ?? table.count }

  /// The `n` most frequent values, count descending, ties by bytes ascending. Once counts are
  /// estimates, only values certain to have occurred more often than any value left out of the
  /// summary: in a near-unique column, whose every value occurs about once, none (the summary's
  /// counts there are mostly its error, hundreds for a value seen once).
  public func top(_ n: Int) -> [(bytes: [UInt8], count: Int)] {
    if let sketch { return sketch.top.certain(n).map { ($0.bytes, $0.count) } }
    return exactEntries().sorted(by: ValueCounter.byCount).prefix(n).map { ($0.bytes, $0.count) }
  }

  /// Every value's hash and exact count, or nil once the counter has switched to sketches.
  func exactCounts() -> [UInt64: Int]? {
    guard isExact else { return nil }
    return Dictionary(table.entries().map { ($0.hash, $0.count) }, uniquingKeysWith: +)
  }

  public mutating func merge(_ other: ValueCounter) {
    if isExact && other.isExact {
      let digests = other.table.digests()
      for entry in other.exactEntries() {
        entry.bytes.withUnsafeBytes { observe($0, hash: entry.hash, count: entry.count, digest: digests[entry.index]) }
      }
      return
    }
    if isExact { switchToSketches() }
    var theirs = other
    if theirs.isExact { theirs.switchToSketches() }
    sketch!.distinct.merge(theirs.sketch!.distinct)
    sketch!.top.merge(theirs.sketch!.top)
  }

  private typealias Entry = (hash: UInt64, bytes: [UInt8], count: Int, index: Int)

  private static func byCount(_ a: Entry, _ b: Entry) -> Bool {
    a.count != b.count ? a.count > b.count : a.bytes.lexicographicallyPrecedes(b.bytes)
  }

  /// Every exact entry, in insertion order.
  private func exactEntries() -> [Entry] {
    arena.withUnsafeBytes { bytes in
      table.entries().map { ($0.hash, Array(value($0.index, in: bytes)), $0.count, $0.index) }
    }
  }

  /// The `n` entries that come first by count descending, then hash ascending, in that order:
  /// `entries.sorted(…).prefix(n)` without sorting them all (a near-unique column switches with
  /// 65,537 entries, every segment of the file; sorting them was 5 % of a profile).
  static func largest(_ n: Int, of entries: [(hash: UInt64, count: Int, index: Int)]) -> [(hash: UInt64, count: Int, index: Int)] {
    typealias Entry = (hash: UInt64, count: Int, index: Int)
    let before = { (a: Entry, b: Entry) in a.count != b.count ? a.count > b.count : a.hash < b.hash }
    guard entries.count > n else { return entries.sorted(by: before) }
    // A heap of the best n so far whose root is the worst of them.
    var heap = Array(entries.prefix(n))
    func siftDown(_ start: Int) {
      var i = start
      while true {
        let l = 2 * i + 1, r = l + 1
        var worst = i
        if l < heap.count && before(heap[worst], heap[l]) { worst = l }
        if r < heap.count && before(heap[worst], heap[r]) { worst = r }
        if worst == i { return }
        heap.swapAt(i, worst)
        i = worst
      }
    }
    for i in stride(from: n / 2 - 1, through: 0, by: -1) { siftDown(i) }
    for entry in entries[n...] where before(entry, heap[0]) {
      heap[0] = entry
      siftDown(0)
    }
    return heap.sorted(by: before)
  }

  /// Switches to sketches once; `visit`, when given, first sees every exact value and its count
  /// in insertion order (as `forEachExact` would, without reading the table twice).
  mutating func switchToSketches(visiting visit: ((UnsafeRawBufferPointer, Int, ValueDigest) -> Void)? = nil) {
    guard isExact else { return }
    var distinct = HyperLogLog()
    var top = SpaceSaving(capacity: ValueCounter.summaryCapacity)
    let entries = table.entries()
    for entry in entries { distinct.insert(hash: entry.hash) }
    if let visit { self.visit(entries, visit) }
    // Seed with the largest counts (ties by hash, cheaper than by bytes and as deterministic):
    // every value left out counted no more than those kept.
    let seeds = ValueCounter.largest(ValueCounter.summaryCapacity, of: entries)
    arena.withUnsafeBytes { bytes in
      for entry in seeds { top.insert(hash: entry.hash, bytes: value(entry.index, in: bytes), count: entry.count) }
    }
    sketch = (distinct, top)
    isExact = false
    table = HashCountTable()
    arena = []
    offsets = []
    lengths = []
  }
}

/// A table from 64-bit hashes to counts and digests, remembering insertion order.
///
/// A count lives in its hash's slot of the index (32 bits, one cache line a value with the key
/// and the value's digest); the rare count past `UInt32.max` keeps its excess in `excess`.
struct HashCountTable: Sendable {
  private var index = HashIndex(capacity: 64, empty: ValueDigest.unknown)
  private var order: [UInt64] = []
  private var excess: [Int: Int] = [:]

  var count: Int { order.count }

  func contains(_ hash: UInt64) -> Bool { index.find(hash) != nil }

  /// Every hash, in insertion order (an entry's index is its place here).
  var hashes: [UInt64] { order }

  /// Adds `n` occurrences of `hash`; its index, whether the hash is new, its digest
  /// (`ValueDigest.unknown` until set) and its slot, for `setDigest` before the next add.
  @inline(__always)
  mutating func add(_ n: Int, for hash: UInt64) -> (index: Int, inserted: Bool, slot: Int, digest: ValueDigest) {
    let small = n <= Int(UInt32.max)
    let found = index.findOrInsert(hash, adding: small ? UInt32(truncatingIfNeeded: n) : 0)
    if found.inserted { order.append(hash) }
    if !small || found.overflowed { excess[found.index, default: 0] += n }
    return (found.index, found.inserted, found.slot, found.payload)
  }

  /// Sets the digest of the hash `add` just gave `slot`.
  @inline(__always)
  mutating func setDigest(_ digest: ValueDigest, slot: Int) { index.setPayload(digest, slot: slot) }

  /// Every entry's digest, by index.
  func digests() -> [ValueDigest] { index.payloads() }

  func entries() -> [(hash: UInt64, count: Int, index: Int)] {
    let tallies = index.tallies()
    return order.indices.map { (order[$0], Int(tallies[$0]) + (excess[$0] ?? 0), $0) }
  }
}
