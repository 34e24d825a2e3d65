/// What a test split is compared against while it streams: the train split's row hashes,
/// feature hashes, identifier values and last time.
public struct SplitReference: Sendable {
  var rows: RowHashTable<DuplicateTracker.Repeats>
  var features: RowHashTable<ConflictTracker.LabelGroup>?
  /// Identifier column name → the train split's values (hashes).
  var ids: [String: RowHashTable<DuplicateTracker.Repeats>]
  var timeColumn: String?
  /// The train split's latest time, in seconds since 1970.
  var timeMax: Double?
}

/// How much of a test split the reference already holds, counted row by row.
public struct SplitOverlap: Sendable, Equatable {
  /// Test rows equal to a train row on every column (the label included).
  public var rowsWithLabel = 0
  /// Test rows equal to a train row on every feature (the label and ID-named columns left out).
  public var rowsWithoutLabel = 0
  /// Per identifier column: test rows whose value also occurs in train.
  public var idRows: [String: Int] = [:]
  /// Test rows earlier than the end of train on the time column.
  public var rowsBeforeTrainEnd = 0
  public var timedRows = 0
  /// Rows compared (scaled counts when the reference was sampled are estimates).
  public var rows = 0
  public var exact = true

  /// Adds the counts of a later part of the split.
  mutating func merge(_ other: SplitOverlap) {
    rowsWithLabel += other.rowsWithLabel
    rowsWithoutLabel += other.rowsWithoutLabel
    idRows.merge(other.idRows, uniquingKeysWith: +)
    rowsBeforeTrainEnd += other.rowsBeforeTrainEnd
    timedRows += other.timedRows
    rows += other.rows
    exact = exact && other.exact
  }
}

extension RowHashTable {
  /// Counts a hash: true and false as found, nil outside the sample.
  func count(_ hash: UInt64, into n: inout Int, exact: inout Bool) {
    switch contains(hash) {
    case true?: n += 1 << level
    case false?: break
    case nil: exact = false
    }
  }
}
