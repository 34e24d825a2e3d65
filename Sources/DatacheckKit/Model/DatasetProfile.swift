/// The profile of a dataset, as reported: SPEC's `datacheck.profile/1`.
///
/// A plain value built from a `DatasetProfiler` once the input is read; renderers format it and
/// compute nothing.
public struct DatasetProfile: Sendable {
  public static let schema = "datacheck.profile/1"

  public var sources: [SourceInfo]
  public var rows: Int
  public var columns: [ColumnProfile]
  public var duplicateRows: Int
  public var duplicateRowsExact: Bool
  public var problems: [Problem]
  /// The label section, with `--label`.
  public var label: LabelProfile?
  /// What the checks found, most severe first.
  public var findings: [Finding] = []
  /// How much of this split another (train) split already holds, when compared against one.
  public var overlap: SplitOverlap?

  public init(sources: [SourceInfo], rows: Int, columns: [ColumnProfile], duplicateRows: Int,
              duplicateRowsExact: Bool, problems: [Problem], label: LabelProfile? = nil) {
    self.label = label
    self.sources = sources
    self.rows = rows
    self.columns = columns
    self.duplicateRows = duplicateRows
    self.duplicateRowsExact = duplicateRowsExact
    self.problems = problems
  }
}

/// One column of the profile.
public struct ColumnProfile: Sendable {
  public struct Count: Sendable, Equatable {
    public var value: String
    public var count: Int
  }

  public var name: String
  public var index: Int
  public var type: ColumnType
  public var missing: Int
  public var missingRatio: Double
  /// Missing tokens that occurred, with their counts, in the order of the token set.
  public var missingTokens: [Count]
  /// Fields absent from short ragged rows (counted in `missing`, not in `missingTokens`).
  public var absent: Int
  public var distinct: Int
  public var distinctExact: Bool
  /// Counts of each kind of value seen (integer, float, …), for the type and the mixed-type check.
  public var kinds: [ValueKind: Int]
  /// Numeric summary, for integer and float columns.
  public var numeric: Numeric?
  /// Earliest and latest value as text, for date and datetime columns.
  public var temporalMin: String?
  public var temporalMax: String?
  public var topValues: [Count]
  public var topValuesExact: Bool
  public var length: Length?
  /// The first value when the column counts rows (`first`, `first + 1`, … in file order), else nil.
  public var rowIndexStart: Int64?
  /// Up to three values of the column that are text, for messages about mixed types.
  public var stringExamples: [String]

  /// Values present (not missing).
  public var present: Int { kinds.values.reduce(0, +) }

  public struct Numeric: Sendable {
    public var min: Double
    public var max: Double
    /// Exact bounds of an integer column.
    public var integerMin: Int64?
    public var integerMax: Int64?
    public var mean: Double
    public var std: Double?
    /// p01, p05, p25, p50, p75, p95, p99 (nearest rank), with whether they are exact.
    public var quantiles: [(name: String, value: Double)]
    public var quantilesExact: Bool
  }

  public struct Length: Sendable {
    public var min: Int
    public var max: Int
    public var mean: Double
  }
}
