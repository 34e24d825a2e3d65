/// How a `RowHashTable` folds rows of one group into its 32-bit payload.
protocol RowGroupRule {
  /// The payload of a group's first row.
  static func first(_ row: UInt32) -> UInt32
  /// Folds one more row of the group into `payload`.
  static func add(_ row: UInt32, to payload: inout UInt32)
  /// Folds another part's payload for the same group into `payload` (theirs came later).
  static func merge(_ theirs: UInt32, into payload: inout UInt32)
}

/// An open-addressing table from 64-bit row hashes to a 32-bit payload, within a memory budget.
///
/// 12 bytes a slot; linear probing over any table size (a slot is the high half of hash × size),
/// grown by half again at 75 % load, so a table of n groups holds about 1.3n–2n slots. When the
/// next growth would pass `budgetBytes`, it keeps only hashes whose low `level` bits are zero —
/// a 1-in-2^level sample of groups, whole, since a group's rows share a hash — and callers scale
/// their counts by 2^level and say they are estimates. (The slot comes from the high bits and the
/// sample from the low bits, so a sample spreads over the whole table.)
struct RowHashTable<Rule: RowGroupRule>: Sendable {
  private(set) var keys: [UInt64]
  private(set) var payloads: [UInt32]
  private(set) var used = 0
  /// Sampling level: 0 while every group is kept.
  private(set) var level = 0
  let budgetBytes: Int
  /// A segment's rows, listed by `record` rather than added (see `deferAdds`); `rows` is nil
  /// when every row is 0.
  private var pending: (hashes: [UInt64], rows: [UInt32]?)?
  #if DEBUG
  /// Slots `add` stepped past, for the tests of insert order (debug builds only).
  private(set) var probeSteps = 0
  #endif

  init(budgetBytes: Int, initialSlots: Int = 1024) {
    self.budgetBytes = budgetBytes
    keys = Array(repeating: 0, count: initialSlots)
    payloads = Array(repeating: 0, count: initialSlots)
  }

  /// Adds a row to the group of `hash`; returns whether the group existed (nil: not sampled).
  @inline(__always) @discardableResult
  mutating func add(_ hash: UInt64, row: UInt32) -> Bool? {
    let key = hash == 0 ? 1 : hash   // 0 marks an empty slot
    if !sampled(key) { return nil }
    var slot = Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(keys.count)).high)
    while keys[slot] != 0 {
      if keys[slot] == key { Rule.add(row, to: &payloads[slot]); return true }
      slot = slot + 1 == keys.count ? 0 : slot + 1
      #if DEBUG
      probeSteps += 1
      #endif
    }
    keys[slot] = key
    payloads[slot] = Rule.first(row)
    used += 1
    if used * 4 > keys.count * 3 { makeRoom() }
    return false
  }

  /// Adds a row as `add` does, or lists it while `deferAdds` is in force.
  @inline(__always)
  mutating func record(_ hash: UInt64, row: UInt32) {
    if pending != nil {
      pending!.hashes.append(hash)
      pending!.rows?.append(row)
    } else {
      add(hash, row: row)
    }
  }

  /// `record` of each of `hashes`, with row 0: listed in one append when rows are listed.
  mutating func record(contentsOf hashes: UnsafeBufferPointer<UInt64>) {
    if pending != nil && pending!.rows == nil {
      pending!.hashes.append(contentsOf: hashes)
    } else {
      for hash in hashes { record(hash, row: 0) }
    }
  }

  /// Makes `record` list rows (8 bytes a row, 12 `withRows`) instead of adding them: a segment's
  /// rows then go into the dataset's table when it is merged, grouped by their hash's top bits
  /// (one sweep over that table), and no segment holds a table of its own or copies one as it
  /// grows. For tables whose groups do not depend on the order their rows come in (duplicate
  /// counts, label conflicts).
  mutating func deferAdds(withRows: Bool) {
    if pending == nil { pending = ([], withRows ? [] : nil) }
  }

  /// Groups the listed rows by their hash's top 8 bits (the segment's thread does it, before
  /// the merge): each group goes into one 1/256th of the table.
  mutating func sortDeferred() {
    guard var rows = pending else { return }
    pending = nil   // so that the lists are not shared while grouped
    RadixSort.group(&rows.hashes, carrying: &rows.rows)
    pending = rows
  }

  /// How many rows are listed (see `deferAdds`).
  var listedCount: Int { pending?.hashes.count ?? 0 }

  /// Adds the listed rows, grouped, and goes on listing: a stream's rows go in a run at a time,
  /// each run's hashes in one sweep over the table instead of one scattered probe a row.
  mutating func addListed() {
    guard var rows = pending else { return }
    pending = nil   // so that the lists are not shared while grouped
    RadixSort.group(&rows.hashes, carrying: &rows.rows)
    add(grouped: rows.hashes, rows: rows.rows)
    rows.hashes.removeAll(keepingCapacity: true)
    rows.rows?.removeAll(keepingCapacity: true)
    pending = rows
  }

  /// Adds the listed rows to this table and stops listing.
  mutating func addDeferred() {
    guard let rows = pending else { return }
    pending = nil
    add(grouped: rows.hashes, rows: rows.rows)
  }

  /// Adds a later part's groups, and the rows it listed.
  ///
  /// `other`'s slots come in the order of their place here, so inserting them in slot order into
  /// a table that fills up on the way piles them into one ever longer run of probes (quadratic
  /// time). So the table first grows to hold both parts, and then takes them in slot order (which
  /// walks both tables from end to end); when the budget stops it short of that, it takes them in
  /// a scattered order (a stride prime to the slot count), which keeps probe runs short.
  mutating func merge(_ other: RowHashTable) {
    if other.level > level { level = other.level; rebuild(size: keys.count) }
    reserve(other.used)
    let n = other.keys.count
    let stride = (used + other.used) * 4 > keys.count * 3 ? RowHashTable.scatteringStride(n) : 1
    var slot = 0
    for _ in 0..<n {
      if other.keys[slot] != 0 { insert(other.keys[slot], merging: other.payloads[slot]) }
      slot += stride
      if slot >= n { slot -= n }
    }
    if let rows = other.pending { add(grouped: rows.hashes, rows: rows.rows) }
  }

  private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

  /// A step through `0..<n` that visits every index once (prime to `n`) and jumps far each time.
  private static func scatteringStride(_ n: Int) -> Int {
    var stride = Int(0x9E37_79B9 % UInt64(Swift.max(n, 1)))
    while RowHashTable.gcd(stride, n) != 1 { stride += 1 }
    return stride
  }

  /// Adds rows `rows[i]` (0 when nil) of groups `hashes[i]`, the hashes in ascending order of
  /// their top 8 bits, as `add` would one by one: after growing to hold them (as `merge` does),
  /// the hashes of a group go to one 1/256th of the slots, the groups in order: one sweep
  /// over the table.
  ///
  /// Unless they may all but fill it (the table is at its budget): then a 1/256th given about
  /// as many hashes as it has slots, or more, overflows into the next, whose hashes come next,
  /// and so on: one run of probes growing across the table, walked by every later insert (a
  /// Parquet row group of 1,048,576 rows, pyarrow's default, took 10^10 probes and 70 % of a
  /// profile's time). They are taken in a scattered order then, as `merge` takes another
  /// table's slots (below 90 % the sweep stays: its runs stay short, and a scattered order
  /// misses the cache at each row). Either order gives the same groups: the sampling level
  /// ends where the distinct hashes fit, whatever their order.
  mutating func add(grouped hashes: [UInt64], rows: [UInt32]?) {
    reserve(hashes.count >> level)
    let n = hashes.count
    let stride = (used + n >> level) * 10 > keys.count * 9 ? RowHashTable.scatteringStride(n) : 1
    var i = 0
    for _ in 0..<n {
      add(hashes[i], row: rows?[i] ?? 0)
      i += stride
      if i >= n { i -= n }
    }
  }

  /// Grows the table, within the budget, to hold `extra` more groups below 75 % load.
  private mutating func reserve(_ extra: Int) {
    var size = keys.count
    while (used + extra) * 4 > size * 3 && (size + size / 2) * 12 <= budgetBytes { size += size / 2 }
    if size > keys.count { rebuild(size: size) }
  }

  /// Whether `hash` is a group here; nil when the sample does not cover it.
  func contains(_ hash: UInt64) -> Bool? {
    let key = hash == 0 ? 1 : hash
    if !sampled(key) { return nil }
    var slot = Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(keys.count)).high)
    while keys[slot] != 0 {
      if keys[slot] == key { return true }
      slot = slot + 1 == keys.count ? 0 : slot + 1
    }
    return false
  }

  /// Every kept group's payload.
  var groups: some Sequence<UInt32> { zip(keys, payloads).lazy.filter { $0.0 != 0 }.map(\.1) }

  private mutating func insert(_ key: UInt64, merging payload: UInt32) {
    if !sampled(key) { return }
    var slot = Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(keys.count)).high)
    while keys[slot] != 0 {
      if keys[slot] == key { Rule.merge(payload, into: &payloads[slot]); return }
      slot = slot + 1 == keys.count ? 0 : slot + 1
    }
    keys[slot] = key
    payloads[slot] = payload
    used += 1
    if used * 4 > keys.count * 3 { makeRoom() }
  }

  @inline(__always)
  private func sampled(_ key: UInt64) -> Bool { key & ((1 << UInt64(level)) &- 1) == 0 }

  private mutating func makeRoom() {
    let grown = keys.count + keys.count / 2
    if grown * 12 <= budgetBytes { rebuild(size: grown) } else { level += 1; rebuild(size: keys.count) }
  }

  private mutating func rebuild(size: Int) {
    guard size != keys.count else { return resample() }
    let oldKeys = keys, oldPayloads = payloads
    keys = Array(repeating: 0, count: size)
    payloads = Array(repeating: 0, count: size)
    used = 0
    for slot in oldKeys.indices where oldKeys[slot] != 0 { insert(oldKeys[slot], merging: oldPayloads[slot]) }
  }

  /// Keeps only the groups the (raised) sampling level covers, in the same arrays: the survivors
  /// are set aside, the table cleared and refilled. At the budget a second table the size of this
  /// one would be the largest allocation of a profile; the survivors are half a full table or less.
  private mutating func resample() {
    var survivingKeys: [UInt64] = [], survivingPayloads: [UInt32] = []
    survivingKeys.reserveCapacity(used / 2 + used / 16)   // one more bit sampled: about half stay
    survivingPayloads.reserveCapacity(used / 2 + used / 16)
    for slot in keys.indices where keys[slot] != 0 && sampled(keys[slot]) {
      survivingKeys.append(keys[slot])
      survivingPayloads.append(payloads[slot])
    }
    keys.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    payloads.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    used = 0
    for i in survivingKeys.indices { insert(survivingKeys[i], merging: survivingPayloads[i]) }
  }
}
