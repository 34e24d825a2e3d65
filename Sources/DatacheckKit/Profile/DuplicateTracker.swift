/// Counts records identical to an earlier record, from 64-bit row hashes, within a memory budget.
///
/// A `RowHashTable` of distinct row hashes, each with how many later rows repeated it. Past
/// `budgetBytes` it samples 1 in 2^level distinct rows (a row and its copies share a hash, so
/// they are kept or dropped together) and reports duplicates × 2^level, flagged inexact.
public struct DuplicateTracker: Sendable {
  public static let defaultBudget = 32 << 20

  /// The payload counts the rows that repeated the group's first row.
  enum Repeats: RowGroupRule {
    static func first(_ row: UInt32) -> UInt32 { 0 }
    static func add(_ row: UInt32, to payload: inout UInt32) { payload &+= 1 }
    static func merge(_ theirs: UInt32, into payload: inout UInt32) { payload &+= theirs &+ 1 }
  }

  private(set) var table: RowHashTable<Repeats>

  public init(budgetBytes: Int = DuplicateTracker.defaultBudget) {
    table = RowHashTable(budgetBytes: budgetBytes)
  }

  public var isExact: Bool { table.level == 0 }
  public var level: Int { table.level }

  /// Records equal to an earlier record: exact, or estimated from the sample.
  public var duplicates: Int { table.groups.reduce(0) { $0 + Int($1) } << table.level }

  @inline(__always)
  public mutating func observe(_ rowHash: UInt64) { table.record(rowHash, row: 0) }

  /// `observe` of each of a batch's row hashes.
  mutating func observe(contentsOf rowHashes: [UInt64]) {
    rowHashes.withUnsafeBufferPointer { table.record(contentsOf: $0) }
  }

  /// Adds the rows of a later part of the dataset.
  public mutating func merge(_ other: DuplicateTracker) { table.merge(other.table) }

  /// A segment's tracker lists its row hashes (see `RowHashTable.deferAdds`); a duplicate count
  /// does not depend on the order rows come in.
  mutating func deferInserts() { table.deferAdds(withRows: false) }
  /// Sorts the listed hashes (the segment's thread does it, before the merge).
  mutating func sortDeferred() { table.sortDeferred() }
  /// Inserts the listed hashes into this tracker's own table and stops listing.
  mutating func insertDeferred() { table.addDeferred() }
  /// Inserts the listed hashes and goes on listing; `listed` counts them.
  mutating func insertListed() { table.addListed() }
  var listed: Int { table.listedCount }
}
