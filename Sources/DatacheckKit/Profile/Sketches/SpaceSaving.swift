// Space-Saving heavy hitters (Metwally, Agrawal, El Abbadi, "Efficient
// Computation of Frequent and Top-k Elements in Data Streams", 2005), with
// the merge rule of Agarwal et al., "Mergeable Summaries" (2012), written
// from the papers' definitions.

/// Approximate most-frequent values of a stream in bounded memory.
///
/// Contract:
/// - Values are identified by the caller-supplied 64-bit hash of their bytes
///   (distinct values with equal hashes are counted together; with a good
///   64-bit hash this is negligible). A value's bytes are copied only when it
///   enters the table.
/// - The table holds at most `capacity` items. A monitored value's count is
///   incremented; a new value is added while there is room; otherwise it
///   replaces the item with the minimum count `min`, taking
///   `count = min + inserted count` and `error = min`. The minimum is found
///   with an indexed binary min-heap (O(log capacity) per update, no scan).
/// - `merge` follows the mergeable-summaries rule: counts and errors of common
///   items add; an item present in only one summary gets the other summary's
///   minimum count added to its count and error when that other summary is
///   full (its missing items may each have occurred up to that minimum); then
///   the `capacity` largest counts are kept (ties: smaller bytes, then hash).
/// - `top(n)` lists items by count descending, ties by bytes ascending
///   (lexicographic), so the output is deterministic.
///
/// Error guarantee (N = `total`, also after merges):
/// - every value whose true frequency exceeds `N / capacity` is in the table;
/// - for each reported item, `count - error <= true count <= count`, and
///   `error <= N / capacity`.
///
/// Memory: O(capacity): per item about 40 bytes of bookkeeping (hash, count,
/// error, heap links), a copy of the value's bytes (plus an array header),
/// and 2-4 hash-index entries of 4 bytes; slot arrays and index are reserved
/// in `init`.
/// Updates of monitored values never allocate; a replacement reuses the
/// evicted item's byte buffer, allocating only when the new value is longer
/// than any value that slot held before.
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

  /// Bookkeeping of one monitored value.
  private struct Slot: Sendable {
    var hash: UInt64
    var count: Int
    var error: Int
    var heapIndex: Int32
  }

  /// Monitored values by slot number, and their bytes (kept apart so slot
  /// moves never touch reference counts).
  private var slots: [Slot] = []
  private var values: [[UInt8]] = []
  /// Min-heap of slot numbers ordered by count.
  private var heap: [Int32] = []
  /// Open-addressing index (linear probing): slot number + 1, 0 = empty.
  private var table: [Int32]
  private let tableShift: UInt64

  /// Creates an empty summary monitoring at most `capacity` values.
  public init(capacity: Int) {
    precondition(capacity >= 1 && capacity < Int(Int32.max) / 4, "SpaceSaving capacity out of range")
    self.capacity = capacity
    // A power of two in [2 capacity, 4 capacity): load factor at most 1/2.
    let bits = UInt64((2 * capacity - 1).bitWidth - (2 * capacity - 1).leadingZeroBitCount)
    self.table = [Int32](repeating: 0, count: 1 << bits)
    self.tableShift = 64 - bits
    slots.reserveCapacity(capacity)
    values.reserveCapacity(capacity)
    heap.reserveCapacity(capacity)
  }

  private var isFull: Bool { slots.count == capacity }
  private var minimumCount: Int { heap.isEmpty ? 0 : slots[Int(heap[0])].count }

  /// Counts `count` occurrences of the value with this `hash` and `bytes`.
  public mutating func insert(hash: UInt64, bytes: UnsafeRawBufferPointer, count: Int = 1) {
    precondition(count > 0, "SpaceSaving counts must be positive")
    total &+= count
    if let slot = find(hash) {
      slots[slot].count &+= count
      siftDown(Int(slots[slot].heapIndex))
    } else if !isFull {
      addSlot(hash: hash, bytes: bytes, count: count, error: 0)
    } else {
      replaceMinimum(hash: hash, bytes: bytes, count: count)
    }
  }

  private mutating func addSlot<C: Collection>(hash: UInt64, bytes: C, count: Int, error: Int)
  where C.Element == UInt8 {
    let slot = slots.count
    slots.append(Slot(hash: hash, count: count, error: error, heapIndex: Int32(slot)))
    values.append(Array(bytes))
    heap.append(Int32(slot))
    tableInsert(hash, slot: slot)
    siftUp(slot)
  }

  private mutating func replaceMinimum(hash: UInt64, bytes: UnsafeRawBufferPointer, count: Int) {
    let slot = Int(heap[0])
    let minimum = slots[slot].count
    tableRemove(slots[slot].hash)
    slots[slot] = Slot(hash: hash, count: minimum &+ count, error: minimum, heapIndex: 0)
    values[slot].removeAll(keepingCapacity: true)
    values[slot].append(contentsOf: bytes)
    tableInsert(hash, slot: slot)
    siftDown(0)
  }

  /// The `n` items with the largest counts, by count descending, then bytes ascending.
  public func top(_ n: Int) -> [Item] {
    var items = slots.indices.map {
      Item(bytes: values[$0], count: slots[$0].count, error: slots[$0].error)
    }
    items.sort { a, b in
      a.count != b.count ? a.count > b.count : a.bytes.lexicographicallyPrecedes(b.bytes)
    }
    return Array(items.prefix(Swift.max(0, n)))
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
    self = SpaceSaving(capacity: capacity)
    total = mergedTotal
    // Ascending counts form a valid min-heap, so adding in reverse sorted
    // order needs no sifting.
    for entry in combined.prefix(capacity).reversed() {
      addSlot(hash: entry.hash, bytes: entry.bytes, count: entry.count, error: entry.error)
    }
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
      combined.append((mine.hash, values[i],
                       mine.count + (theirs?.count ?? otherMissing),
                       mine.error + (theirs?.error ?? otherMissing)))
    }
    for (i, theirs) in other.slots.enumerated() where find(theirs.hash) == nil {
      combined.append((theirs.hash, other.values[i],
                       theirs.count + ownMissing, theirs.error + ownMissing))
    }
    return combined
  }

  // MARK: - Hash index (linear probing, backward-shift deletion)

  private func home(_ hash: UInt64) -> Int {
    Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) &>> tableShift)
  }

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

  // MARK: - Indexed min-heap on counts

  /// Restores heap order after the count at heap position `start` decreased
  /// or was newly added.
  private mutating func siftUp(_ start: Int) {
    slots.withUnsafeMutableBufferPointer { slots in
      heap.withUnsafeMutableBufferPointer { heap in
        let moving = heap[start]
        let count = slots[Int(moving)].count
        var i = start
        while i > 0 {
          let parent = (i &- 1) >> 1
          if slots[Int(heap[parent])].count <= count { break }
          heap[i] = heap[parent]
          slots[Int(heap[i])].heapIndex = Int32(truncatingIfNeeded: i)
          i = parent
        }
        heap[i] = moving
        slots[Int(moving)].heapIndex = Int32(truncatingIfNeeded: i)
      }
    }
  }

  /// Restores heap order after the count at heap position `start` increased.
  private mutating func siftDown(_ start: Int) {
    slots.withUnsafeMutableBufferPointer { slots in
      heap.withUnsafeMutableBufferPointer { heap in
        let n = heap.count
        let moving = heap[start]
        let count = slots[Int(moving)].count
        var i = start
        while true {
          var child = 2 &* i &+ 1
          if child >= n { break }
          if child &+ 1 < n && slots[Int(heap[child &+ 1])].count < slots[Int(heap[child])].count {
            child &+= 1
          }
          if count <= slots[Int(heap[child])].count { break }
          heap[i] = heap[child]
          slots[Int(heap[i])].heapIndex = Int32(truncatingIfNeeded: i)
          i = child
        }
        heap[i] = moving
        slots[Int(moving)].heapIndex = Int32(truncatingIfNeeded: i)
      }
    }
  }
}
