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
  /// A segment's row hashes, listed rather than inserted (see `deferInserts`).
  private var pending: [UInt64]?

  public init(budgetBytes: Int = DuplicateTracker.defaultBudget) {
    table = RowHashTable(budgetBytes: budgetBytes)
  }

  public var isExact: Bool { table.level == 0 }
  public var level: Int { table.level }

  /// Records equal to an earlier record: exact, or estimated from the sample.
  public var duplicates: Int { table.groups.reduce(0) { $0 + Int($1) } << table.level }

  @inline(__always)
  public mutating func observe(_ rowHash: UInt64) {
    if pending != nil { pending!.append(rowHash) } else { table.add(rowHash, row: 0) }
  }

  /// Adds the rows of a later part of the dataset.
  public mutating func merge(_ other: DuplicateTracker) {
    table.merge(other.table)
    if let hashes = other.pending { insert(hashes) }
  }

  /// Lists row hashes (8 bytes a row) instead of building a table: a segment's rows then go into
  /// the dataset's table when it is merged, sorted (one sweep over that table), and no segment
  /// holds a table of its own or copies one as it grows. A duplicate count does not depend on the
  /// order rows come in.
  mutating func deferInserts() { pending = pending ?? [] }

  /// Sorts the listed hashes (the segment's thread does it, before the merge).
  mutating func sortDeferred() {
    guard var hashes = pending else { return }
    pending = nil
    RadixSort.sort(&hashes)
    pending = hashes
  }

  /// Inserts the listed hashes into this tracker's own table and stops listing.
  mutating func insertDeferred() {
    guard let hashes = pending else { return }
    pending = nil
    insert(hashes)
  }

  private mutating func insert(_ hashes: [UInt64]) {
    table.add(sorted: hashes, rows: nil)
  }
}
