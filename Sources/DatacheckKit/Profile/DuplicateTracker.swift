/// Counts records identical to an earlier record, from 64-bit row hashes, within a memory budget.
///
/// An open-addressing table holds each distinct row hash and how many later rows repeated it
/// (12 bytes a slot). When the table would outgrow `budgetBytes`, it keeps only the hashes whose
/// top `level` bits are zero (a 1-in-2^level sample of distinct rows: a row and its copies share a
/// hash, so they are kept or dropped together) and reports duplicates × 2^level, flagged inexact.
public struct DuplicateTracker: Sendable {
  public static let defaultBudget = 128 << 20

  private var keys: [UInt64]
  private var repeats: [UInt32]
  private var used = 0
  private var duplicatesKept = 0
  /// Sampling level: 0 while exact.
  public private(set) var level = 0
  let budgetBytes: Int

  public init(budgetBytes: Int = DuplicateTracker.defaultBudget) {
    self.budgetBytes = budgetBytes
    keys = Array(repeating: 0, count: 1024)
    repeats = Array(repeating: 0, count: 1024)
  }

  public var isExact: Bool { level == 0 }
  /// Records equal to an earlier record: exact, or estimated from the sample.
  public var duplicates: Int { duplicatesKept << level }

  @inline(__always)
  public mutating func observe(_ rowHash: UInt64) { add(rowHash, repeats: 0) }

  /// Adds the rows of a later part of the dataset.
  public mutating func merge(_ other: DuplicateTracker) {
    if other.level > level { raiseLevel(to: other.level) }
    for slot in other.keys.indices where other.keys[slot] != 0 {
      add(other.keys[slot], repeats: other.repeats[slot])
    }
  }

  /// Inserts a hash seen once plus `repeats` more times; if it was already here, all of them repeat it.
  @inline(__always)
  private mutating func add(_ rowHash: UInt64, repeats extra: UInt32) {
    let hash = rowHash == 0 ? 1 : rowHash   // 0 marks an empty slot
    if level > 0 && hash >> UInt64(64 - level) != 0 { return }
    let mask = keys.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while keys[slot] != 0 {
      if keys[slot] == hash {
        repeats[slot] &+= extra + 1
        duplicatesKept += Int(extra) + 1
        return
      }
      slot = (slot + 1) & mask
    }
    keys[slot] = hash
    repeats[slot] = extra
    duplicatesKept += Int(extra)
    used += 1
    if used * 10 > keys.count * 7 { makeRoom() }
  }

  private mutating func makeRoom() {
    if keys.count * 2 * 12 <= budgetBytes {
      rebuild(size: keys.count * 2)
    } else {
      raiseLevel(to: level + 1)
    }
  }

  private mutating func raiseLevel(to newLevel: Int) {
    level = newLevel
    rebuild(size: keys.count)
  }

  private mutating func rebuild(size: Int) {
    let oldKeys = keys
    let oldRepeats = repeats
    keys = Array(repeating: 0, count: size)
    repeats = Array(repeating: 0, count: size)
    used = 0
    duplicatesKept = 0
    for slot in oldKeys.indices where oldKeys[slot] != 0 {
      add(oldKeys[slot], repeats: oldRepeats[slot])
    }
  }
}
