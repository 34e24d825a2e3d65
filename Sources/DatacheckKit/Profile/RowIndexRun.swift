/// Whether a column's values are `first`, `first + 1`, … in row order: a row number.
public struct RowIndexRun: Sendable, Equatable {
  public private(set) var first: Int64?
  public private(set) var rows = 0
  public private(set) var consistent = true

  /// Observes the value (nil when missing or not an integer) of local row `row`.
  @inline(__always)
  mutating func observe(_ value: Int64?, row: Int) {
    rows += 1
    guard consistent else { return }
    guard let value else { consistent = false; return }
    if first == nil { first = value }
    if value != first! &+ Int64(row) { consistent = false }
  }

  /// Observes `n` rows whose values were seen before (no row index has a value twice).
  mutating func observeRepeats(_ n: Int) {
    rows += n
    consistent = false
  }

  /// Appends a later part of the file: its values must continue the count.
  mutating func merge(_ other: RowIndexRun) {
    defer { rows += other.rows }
    guard other.rows > 0 else { return }
    guard rows > 0 else { self = other; rows = 0; return }
    consistent = consistent && other.consistent && other.first == first.map { $0 &+ Int64(rows) }
  }
}

/// Folds field hashes, in column order, into one 64-bit hash per row.
enum RowHash {
  static let seed: UInt64 = 0x27D4_EB2F_1656_67C5
  /// Stands for a field a short ragged row does not have (differs from an empty field).
  static let absent: UInt64 = 0x9E37_79B9_7F4A_7C15

  @inline(__always)
  static func combine(_ h: UInt64, _ field: UInt64) -> UInt64 {
    let x = (h ^ field) &* 0x9FB2_1C65_1E98_DF25
    return x ^ (x >> 28) &+ 0x1656_67B1_9E37_79F9
  }
}
