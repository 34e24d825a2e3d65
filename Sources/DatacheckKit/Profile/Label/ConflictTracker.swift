/// Counts rows whose features are identical but whose labels differ.
///
/// A `RowHashTable` from a row's feature hash (the label and identifier-named columns left out)
/// to a 32-bit payload: a conflict flag, a 15-bit fingerprint of the group's first label, and
/// the group's row count (saturating at 65,535). Two different labels share a fingerprint with
/// probability 1/32,768, so a conflict is missed that rarely. Past `budgetBytes` the table
/// samples groups, and the counts are scaled and flagged inexact.
struct ConflictTracker: Sendable {
  static let defaultBudget = 16 << 20

  enum LabelGroup: RowGroupRule {
    static let conflict: UInt32 = 1 << 31
    static func first(_ label: UInt32) -> UInt32 { (label & 0x7FFF) << 16 | 1 }
    static func add(_ label: UInt32, to payload: inout UInt32) {
      if (payload >> 16) & 0x7FFF != label & 0x7FFF { payload |= conflict }
      if payload & 0xFFFF != 0xFFFF { payload &+= 1 }
    }
    static func merge(_ theirs: UInt32, into payload: inout UInt32) {
      if (payload >> 16) & 0x7FFF != (theirs >> 16) & 0x7FFF || theirs & conflict != 0 { payload |= conflict }
      payload = payload & 0xFFFF_0000 | min(0xFFFF, payload & 0xFFFF + theirs & 0xFFFF)
    }
  }

  private(set) var table: RowHashTable<LabelGroup>

  init(budgetBytes: Int = ConflictTracker.defaultBudget) { table = RowHashTable(budgetBytes: budgetBytes) }

  var isExact: Bool { table.level == 0 }

  @inline(__always)
  mutating func observe(features: UInt64, label: UInt64) {
    table.record(features, row: UInt32(truncatingIfNeeded: label >> 17))
  }

  mutating func merge(_ other: ConflictTracker) { table.merge(other.table) }

  /// A segment's tracker lists its rows (see `RowHashTable.deferAdds`): the conflict flag and
  /// the row count of a group do not depend on the order its rows come in.
  mutating func deferInserts() { table.deferAdds(withRows: true) }
  mutating func sortDeferred() { table.sortDeferred() }
  mutating func insertDeferred() { table.addDeferred() }
  mutating func insertListed() { table.addListed() }

  /// Conflicting groups and the rows in them (scaled when sampled).
  var summary: (groups: Int, rows: Int) {
    var groups = 0, rows = 0
    for payload in table.groups where payload & LabelGroup.conflict != 0 {
      groups += 1
      rows += Int(payload & 0xFFFF)
    }
    return (groups << table.level, rows << table.level)
  }
}
