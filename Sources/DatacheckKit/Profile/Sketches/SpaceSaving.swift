// Space-Saving heavy hitters (Metwally, Agrawal, El Abbadi, "Efficient
// Computation of Frequent and Top-k Elements in Data Streams", 2005), with
// the filter of Homem and Carvalho, "Finding top-k elements in data streams"
// (Filtered Space-Saving, 2010) and the merge rule of Agarwal et al.,
// "Mergeable Summaries" (2012), written from the papers' definitions.

/// Approximate most-frequent values of a stream in bounded memory.
///
/// Contract:
/// - Values are identified by the caller-supplied 64-bit hash of their bytes
///   (distinct values with equal hashes are counted together; with a good
///   64-bit hash this is negligible). A value's bytes are copied only when it
///   enters the table.
/// - The table holds at most `capacity` items. A monitored value's count is
///   incremented; a new value is added while there is room. Once the table is
///   full, a value it does not hold is first counted in a filter: an array of
///   counters indexed by bits of the hash, where `alpha` bounds how often any
///   value of that counter occurred while not monitored. When `alpha + inserted
///   count` reaches the minimum count `min` of the table, the value replaces
///   the item with count `min` (which leaves its count in the filter: its
///   counter becomes at least `min`), taking `count = alpha + inserted count`
///   and `error = alpha`; otherwise the counter grows. Since `alpha <= min`
///   always, this is Space-Saving with tighter errors, and a stream of
///   near-unique values mostly only bumps a counter instead of evicting an
///   item on every value (three such columns' evictions were 12 % of a
///   profile). Items are kept in
///   buckets of equal count, the buckets in a list by count (Metwally et
///   al.'s stream-summary): an increment by one moves an item to the next
///   bucket, and the minimum is the first bucket's oldest item, both O(1).
/// - `merge` follows the mergeable-summaries rule: counts and errors of common
///   items add; an item present in only one summary gets the other summary's
///   minimum count added to its count and error when that other summary is
///   full (its missing items may each have occurred up to that minimum); then
///   the `capacity` largest counts are kept (ties: smaller bytes, then hash).
///   The filters add counter by counter, and an item left out raises its
///   counter to its count.
/// - `top(n)` lists items by count descending, ties by bytes ascending
///   (lexicographic), so the output is deterministic. `certain(n)` lists only
///   those whose guaranteed count (`count - error`) exceeds `min`, which is
///   more than any value not in the table can have occurred.
///
/// Error guarantee (N = `total`, also after merges):
/// - every value whose true frequency exceeds `N / capacity` is in the table;
/// - for each reported item, `count - error <= true count <= count`, and
///   `error <= N / capacity`.
///
/// Memory: O(capacity): per item about 40 bytes of bookkeeping (hash, count,
/// error, bucket links), a copy of the value's bytes in one arena (with the
/// room of values since replaced, at most twice the room in use plus 4 KiB),
/// 2-4 hash-index entries of 4 bytes and 16 filter counters of 4 bytes
/// (64 KiB for the profiler's 1,024 items); slot arrays and index are
/// reserved in `init`, the filter when the table first fills.
/// Updates of monitored values never allocate; a replacement writes over the
/// evicted item's bytes, or past the arena's end when the new value is longer
/// than the room that slot has.
public struct SpaceSaving: Sendable {
  /// One reported value with its estimated count and maximum overestimation.
  public struct Item: Equatable, Sendable {
    public var bytes: [UInt8]
    public var count: Int
    public var error: Int

    public init(bytes: [UInt8], count: Int, error: Int) {
      self.bytes = bytes
      self.count = count
      self.error = error
    }
  }

  /// Maximum number of monitored values.
  public let capacity: Int
  /// Sum of all inserted counts (including merged summaries).
  public private(set) var total: Int = 0
  /// How many times a value took the place of the item with the minimum count (tests).
  private(set) var replacements = 0

  /// Bookkeeping of one monitored value.
  private struct Slot: Sendable {
    var hash: UInt64
    var count: Int
    var error: Int
    /// The bucket holding the item, and its neighbours in that bucket's ring.
    var bucket: Int32
    var prev: Int32
    var next: Int32
  }

  /// Items of one count: a ring of slots (`first` the oldest), in a list of buckets by count.
  private struct Bucket: Sendable {
    var count: Int
    var first: Int32
    var prev: Int32
    var next: Int32
  }

  /// Monitored values by slot number.
  private var slots: [Slot] = []
  /// Their bytes: `arena[start..<start + count]`, in `room` bytes of the arena
  /// (one array, not one per value: replacing an array's contents cost several
  /// uniqueness checks and a generic copy, a few percent of a profile).
  private struct ValueSpan: Sendable {
    var start: Int
    var count: Int
    var room: Int
  }
  private var spans: [ValueSpan] = []
  private var arena: [UInt8] = []
  /// Arena bytes no span uses any more.
  private var abandoned = 0
  /// Buckets by number; `minBucket` and `maxBucket` are the ends of their list (-1: none).
  private var buckets: [Bucket] = []
  private var freeBuckets: [Int32] = []
  private var minBucket: Int32 = -1
  private var maxBucket: Int32 = -1
  /// Open-addressing index (linear probing): slot number + 1, 0 = empty.
  private var table: [Int32]
  private let tableShift: UInt64
  /// The filter's counters (empty until the table is first full), indexed by a hash's low bits:
  /// each bounds the occurrences, while not monitored, of every value with those bits. Counts
  /// past `UInt32.max` (4 × 10⁹ occurrences of a filter counter) are held at it.
  private var filter: [UInt32] = []
  /// The filter's size less one: 16 × capacity (at least 64) rounded up to a power of two.
  private let filterMask: Int

  /// Creates an empty summary monitoring at most `capacity` values.
  public init(capacity: Int) {
    precondition(capacity >= 1 && capacity < Int(Int32.max) / 4, "SpaceSaving capacity out of range")
    self.capacity = capacity
    // A power of two in [2 capacity, 4 capacity): load factor at most 1/2.
    let bits = UInt64((2 * capacity - 1).bitWidth - (2 * capacity - 1).leadingZeroBitCount)
    self.table = [Int32](repeating: 0, count: 1 << bits)
    self.tableShift = 64 - bits
    let filterCount = Swift.max(64, 16 * capacity)
    self.filterMask = (1 << (Int.bitWidth - (filterCount - 1).leadingZeroBitCount)) - 1
    slots.reserveCapacity(capacity)
    spans.reserveCapacity(capacity)
  }

  private var isFull: Bool { slots.count == capacity }
  private var minimumCount: Int { minBucket < 0 ? 0 : buckets[Int(minBucket)].count }

  /// Counts `count` occurrences of the value with this `hash` and `bytes`.
  public mutating func insert(hash: UInt64, bytes: UnsafeRawBufferPointer, count: Int = 1) {
    precondition(count > 0, "SpaceSaving counts must be positive")
    total &+= count
    if let slot = find(hash) {
      let from = detach(slot)
      slots[slot].count &+= count
      attach(slot, after: from)
    } else if !isFull {
      addSlot(hash: hash, bytes: bytes, count: count, error: 0)
    } else {
      let f = filterIndex(hash)
      let alpha = Int(filter[f])
      if alpha &+ count >= minimumCount {
        replaceMinimum(hash: hash, bytes: bytes, count: count, alpha: alpha)
      } else {
        filter[f] = UInt32(clamping: alpha &+ count)
      }
    }
  }

  @inline(__always)
  private func filterIndex(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash) & filterMask }

  /// Raises the filter counter of `hash` to at least `count` (an item with that count leaves a
  /// full table).
  private mutating func leaveInFilter(_ hash: UInt64, count: Int) {
    let f = filterIndex(hash)
    filter[f] = Swift.max(filter[f], UInt32(clamping: count))
  }

  private mutating func addSlot<C: Collection>(hash: UInt64, bytes: C, count: Int, error: Int)
  where C.Element == UInt8 {
    let slot = slots.count
    slots.append(Slot(hash: hash, count: count, error: error, bucket: -1, prev: -1, next: -1))
    if isFull && filter.isEmpty { filter = [UInt32](repeating: 0, count: filterMask + 1) }
    spans.append(ValueSpan(start: arena.count, count: bytes.count, room: bytes.count))
    arena.append(contentsOf: bytes)
    tableInsert(hash, slot: slot)
    // Counts often come in ascending order (a merge rebuilds that way): start from the largest.
    attach(slot, after: maxBucket >= 0 && buckets[Int(maxBucket)].count <= count ? maxBucket : -1)
  }

  private mutating func replaceMinimum(hash: UInt64, bytes: UnsafeRawBufferPointer, count: Int, alpha: Int) {
    replacements &+= 1
    let slot = Int(buckets[Int(minBucket)].first)
    let leaving = slots[slot].hash
    leaveInFilter(leaving, count: slots[slot].count)
    tableRemove(leaving)
    let from = detach(slot)
    slots[slot].hash = hash
    slots[slot].count = alpha &+ count
    slots[slot].error = alpha
    setValue(slot, bytes)
    tableInsert(hash, slot: slot)
    attach(slot, after: from)
  }

  /// The `n` items with the largest counts, by count descending, then bytes ascending.
  public func top(_ n: Int) -> [Item] {
    var items = slots.indices.map {
      Item(bytes: value($0), count: slots[$0].count, error: slots[$0].error)
    }
    items.sort { a, b in
      a.count != b.count ? a.count > b.count : a.bytes.lexicographicallyPrecedes(b.bytes)
    }
    return Array(items.prefix(Swift.max(0, n)))
  }

  /// The items of `top(n)` certain to have occurred more often than any value not in the table:
  /// guaranteed count (`count - error`) above the minimum count, when the table is full.
  public func certain(_ n: Int) -> [Item] {
    let bound = isFull ? minimumCount : 0
    return Array(top(capacity).lazy.filter { $0.count - $0.error > bound }.prefix(Swift.max(0, n)))
  }

  // MARK: - Merge

  /// Folds `other` into this summary (mergeable-summaries rule); the result
  /// satisfies the same guarantees for the combined stream. Both summaries
  /// must have the same capacity.
  public mutating func merge(_ other: SpaceSaving) {
    precondition(capacity == other.capacity, "SpaceSaving capacities differ")
    guard other.total > 0 else { return }
    var combined = combinedEntries(with: other)
    combined.sort { a, b in
      if a.count != b.count { return a.count > b.count }
      if a.bytes != b.bytes { return a.bytes.lexicographicallyPrecedes(b.bytes) }
      return a.hash < b.hash
    }
    let mergedTotal = total &+ other.total
    var filter = self.filter
    if filter.isEmpty { filter = other.filter } else if !other.filter.isEmpty {
      for i in filter.indices { filter[i] = UInt32(clamping: Int(filter[i]) + Int(other.filter[i])) }
    }
    self = SpaceSaving(capacity: capacity)
    total = mergedTotal
    self.filter = filter
    // Ascending counts form a valid min-heap, so adding in reverse sorted
    // order needs no sifting.
    for entry in combined.prefix(capacity).reversed() {
      addSlot(hash: entry.hash, bytes: entry.bytes, count: entry.count, error: entry.error)
    }
    for entry in combined.dropFirst(capacity) { leaveInFilter(entry.hash, count: entry.count) }
  }

  private typealias Entry = (hash: UInt64, bytes: [UInt8], count: Int, error: Int)

  /// The union of both summaries' items with summed counts and errors; an
  /// item missing from a full summary is charged that summary's minimum.
  private func combinedEntries(with other: SpaceSaving) -> [Entry] {
    let ownMissing = isFull ? minimumCount : 0
    let otherMissing = other.isFull ? other.minimumCount : 0
    var combined: [Entry] = []
    combined.reserveCapacity(slots.count + other.slots.count)
    for (i, mine) in slots.enumerated() {
      let theirs = other.find(mine.hash).map { other.slots[$0] }
      combined.append((mine.hash, value(i),
                       mine.count + (theirs?.count ?? otherMissing),
                       mine.error + (theirs?.error ?? otherMissing)))
    }
    for (i, theirs) in other.slots.enumerated() where find(theirs.hash) == nil {
      combined.append((theirs.hash, other.value(i),
                       theirs.count + ownMissing, theirs.error + ownMissing))
    }
    return combined
  }

  // MARK: - Value bytes

  private func value(_ slot: Int) -> [UInt8] {
    let span = spans[slot]
    return Array(arena[span.start..<span.start + span.count])
  }

  /// Makes `bytes` the value of `slot`: over its old bytes when they have the room, else at the
  /// arena's end (the arena is packed again once abandoned room passes twice the rest).
  private mutating func setValue(_ slot: Int, _ bytes: UnsafeRawBufferPointer) {
    var span = spans[slot]
    if bytes.count <= span.room {
      if bytes.count > 0 {
        arena.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: span.start).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
      }
      span.count = bytes.count
    } else {
      abandoned += span.room
      span = ValueSpan(start: arena.count, count: bytes.count, room: bytes.count)
      arena.append(contentsOf: bytes)
    }
    spans[slot] = span
    if abandoned > 2 * (arena.count - abandoned) + 4096 { packArena() }
  }

  private mutating func packArena() {
    var packed: [UInt8] = []
    packed.reserveCapacity(arena.count - abandoned)
    for i in spans.indices {
      let span = spans[i]
      spans[i] = ValueSpan(start: packed.count, count: span.count, room: span.count)
      packed.append(contentsOf: arena[span.start..<span.start + span.count])
    }
    arena = packed
    abandoned = 0
  }

  // MARK: - Hash index (linear probing, backward-shift deletion)

  @inline(__always)
  private func home(_ hash: UInt64) -> Int {
    Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) &>> tableShift)
  }

  /// Inlined: called, it was handed a copy of the whole summary, read back across the stores
  /// of the last insert (a third of `insert`'s time, in one load).
  @inline(__always)
  private func find(_ hash: UInt64) -> Int? {
    let mask = table.count &- 1
    var i = home(hash)
    while true {
      let entry = Int(table[i])
      if entry == 0 { return nil }
      if slots[entry &- 1].hash == hash { return entry &- 1 }
      i = (i &+ 1) & mask
    }
  }

  private mutating func tableInsert(_ hash: UInt64, slot: Int) {
    let mask = table.count &- 1
    var i = home(hash)
    while table[i] != 0 { i = (i &+ 1) & mask }
    table[i] = Int32(slot &+ 1)
  }

  /// Removes `hash` (which must be present) and shifts later entries of its
  /// probe run back so lookups never need tombstones.
  private mutating func tableRemove(_ hash: UInt64) {
    let mask = table.count &- 1
    var hole = home(hash)
    while slots[Int(table[hole]) &- 1].hash != hash { hole = (hole &+ 1) & mask }
    var j = hole
    while true {
      j = (j &+ 1) & mask
      let entry = table[j]
      if entry == 0 { break }
      let h = home(slots[Int(entry) &- 1].hash)
      // The entry may fill the hole unless its home lies cyclically in (hole, j].
      let staysPut = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j)
      if !staysPut {
        table[hole] = entry
        hole = j
      }
    }
    table[hole] = 0
  }

  // MARK: - Buckets of equal count (stream-summary)

  /// Takes `slot` out of its bucket; returns the bucket to search on from for its new place: the
  /// same one, or the one before it when it emptied (-1: the start of the list).
  private mutating func detach(_ slot: Int) -> Int32 {
    let b = Int(slots[slot].bucket)
    let (prev, next) = (slots[slot].prev, slots[slot].next)
    if next == Int32(slot) {  // the only item: the bucket goes
      let (before, after) = (buckets[b].prev, buckets[b].next)
      if before >= 0 { buckets[Int(before)].next = after } else { minBucket = after }
      if after >= 0 { buckets[Int(after)].prev = before } else { maxBucket = before }
      freeBuckets.append(Int32(b))
      return before
    }
    slots[Int(prev)].next = next
    slots[Int(next)].prev = prev
    if buckets[b].first == Int32(slot) { buckets[b].first = next }
    return Int32(b)
  }

  /// Puts `slot` (its count set) last in the bucket of its count, searching from bucket `from`
  /// (whose count is not above it; -1: from the smallest), making the bucket when there is none.
  private mutating func attach(_ slot: Int, after from: Int32) {
    let count = slots[slot].count
    var before = from
    var after = from >= 0 ? buckets[Int(from)].next : minBucket
    if from >= 0 && buckets[Int(from)].count == count {
      after = from
    } else {
      while after >= 0 && buckets[Int(after)].count < count {
        before = after
        after = buckets[Int(after)].next
      }
    }
    let b: Int32
    if after >= 0 && buckets[Int(after)].count == count {
      b = after
      let first = buckets[Int(b)].first, last = slots[Int(first)].prev
      slots[slot].prev = last
      slots[slot].next = first
      slots[Int(last)].next = Int32(slot)
      slots[Int(first)].prev = Int32(slot)
    } else {
      let bucket = Bucket(count: count, first: Int32(slot), prev: before, next: after)
      if let free = freeBuckets.popLast() {
        b = free
        buckets[Int(b)] = bucket
      } else {
        b = Int32(buckets.count)
        buckets.append(bucket)
      }
      if before >= 0 { buckets[Int(before)].next = b } else { minBucket = b }
      if after >= 0 { buckets[Int(after)].prev = b } else { maxBucket = b }
      slots[slot].prev = Int32(slot)
      slots[slot].next = Int32(slot)
    }
    slots[slot].bucket = b
  }

  /// Checks the buckets against the items (tests): every bucket non-empty, counts rising along
  /// the list, each item in the bucket of its count, every item in one bucket.
  func bucketsAreConsistent() -> Bool {
    var seen = 0
    var b = minBucket
    var previous = Int.min
    var last: Int32 = -1
    while b >= 0 {
      let bucket = buckets[Int(b)]
      guard bucket.count > previous, bucket.prev == last else { return false }
      var s = bucket.first
      repeat {
        guard slots[Int(s)].count == bucket.count, slots[Int(s)].bucket == b,
              slots[Int(slots[Int(s)].next)].prev == s else { return false }
        seen += 1
        s = slots[Int(s)].next
      } while s != bucket.first && seen <= slots.count
      (previous, last, b) = (bucket.count, b, bucket.next)
    }
    return seen == slots.count && last == maxBucket
  }
}
