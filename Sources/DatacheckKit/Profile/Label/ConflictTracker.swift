/// Counts rows whose features are identical but whose labels differ.
///
/// An open-addressing table from a row's feature hash (label and ID columns left out) to the
/// first label hash seen and the rows seen; a group becomes conflicting when another label
/// arrives. Past `budgetBytes` it keeps a 1-in-2^level sample of feature hashes (rows of one group
/// share a hash, so groups are kept or dropped whole) and scales the counts, flagged inexact.
struct ConflictTracker: Sendable {
  static let defaultBudget = 64 << 20
  private static let conflicting: UInt64 = 0

  private var keys: [UInt64] = Array(repeating: 0, count: 1024)
  private var labels: [UInt64] = Array(repeating: 0, count: 1024)   // label hash, or 0 once conflicting
  private var rowCounts: [UInt32] = Array(repeating: 0, count: 1024)
  private var used = 0
  private(set) var level = 0
  let budgetBytes: Int

  init(budgetBytes: Int = ConflictTracker.defaultBudget) { self.budgetBytes = budgetBytes }

  var isExact: Bool { level == 0 }

  @inline(__always)
  mutating func observe(features: UInt64, label: UInt64) {
    add(features == 0 ? 1 : features, label: label == 0 ? 1 : label, rows: 1)
  }

  private mutating func add(_ key: UInt64, label: UInt64, rows: UInt32) {
    if level > 0 && key >> UInt64(64 - level) != 0 { return }
    let mask = keys.count - 1
    var slot = Int(truncatingIfNeeded: key) & mask
    while keys[slot] != 0 {
      if keys[slot] == key {
        if labels[slot] != label { labels[slot] = ConflictTracker.conflicting }
        rowCounts[slot] &+= rows
        return
      }
      slot = (slot + 1) & mask
    }
    keys[slot] = key
    labels[slot] = label
    rowCounts[slot] = rows
    used += 1
    if used * 10 > keys.count * 7 { makeRoom() }
  }

  mutating func merge(_ other: ConflictTracker) {
    if other.level > level { level = other.level; rebuild(size: keys.count) }
    for slot in other.keys.indices where other.keys[slot] != 0 {
      add(other.keys[slot], label: other.labels[slot] == ConflictTracker.conflicting ? 1 : other.labels[slot], rows: other.rowCounts[slot])
      if other.labels[slot] == ConflictTracker.conflicting { markConflicting(other.keys[slot]) }
    }
  }

  private mutating func markConflicting(_ key: UInt64) {
    let mask = keys.count - 1
    var slot = Int(truncatingIfNeeded: key) & mask
    while keys[slot] != 0 {
      if keys[slot] == key { labels[slot] = ConflictTracker.conflicting; return }
      slot = (slot + 1) & mask
    }
  }

  /// Conflicting groups and the rows in them (scaled when sampled).
  var summary: (groups: Int, rows: Int) {
    var groups = 0, rows = 0
    for slot in keys.indices where keys[slot] != 0 && labels[slot] == ConflictTracker.conflicting {
      groups += 1
      rows += Int(rowCounts[slot])
    }
    return (groups << level, rows << level)
  }

  private mutating func makeRoom() {
    if keys.count * 2 * 20 <= budgetBytes { rebuild(size: keys.count * 2) } else { level += 1; rebuild(size: keys.count) }
  }

  private mutating func rebuild(size: Int) {
    let (oldKeys, oldLabels, oldRows) = (keys, labels, rowCounts)
    keys = Array(repeating: 0, count: size)
    labels = Array(repeating: 0, count: size)
    rowCounts = Array(repeating: 0, count: size)
    used = 0
    for slot in oldKeys.indices where oldKeys[slot] != 0 {
      add(oldKeys[slot], label: oldLabels[slot] == ConflictTracker.conflicting ? 1 : oldLabels[slot], rows: oldRows[slot])
      if oldLabels[slot] == ConflictTracker.conflicting { markConflicting(oldKeys[slot]) }
    }
  }
}
