/// How to profile: what counts as missing, and the memory caps of the exact structures.
public struct ProfileOptions: Sendable {
  public var missingTokens = MissingTokens()
  /// Distinct values per column counted exactly before switching to sketches.
  public var maxExactDistinct = ValueCounter.defaultMaxExact
  /// Memory for the duplicate-row table before it samples.
  public var duplicateBudgetBytes = DuplicateTracker.defaultBudget

  public init() {}
}

/// Profiles a stream of `RecordBatch`es: one `ColumnProfiler` per column plus the row-level counts.
///
/// Mergeable like its parts: profiling A then B equals merging the profilers of A and of B.
public struct DatasetProfiler: Sendable {
  public private(set) var rows = 0
  public private(set) var columns: [ColumnProfiler]
  public private(set) var duplicates: DuplicateTracker
  private var rowHashes: [UInt64] = []

  /// One profiler per column; `declaredTypes` (from a typed format) overrides inference where set.
  public init(columnNames: [String], declaredTypes: [ColumnType?] = [], options: ProfileOptions = ProfileOptions()) {
    columns = columnNames.enumerated().map { index, name in
      ColumnProfiler(name: name, index: index, missingTokens: options.missingTokens,
                     maxExactDistinct: options.maxExactDistinct,
                     declaredType: index < declaredTypes.count ? declaredTypes[index] : nil)
    }
    duplicates = DuplicateTracker(budgetBytes: options.duplicateBudgetBytes)
  }

  /// Observes every record of `batch`, column by column.
  public mutating func observe(_ batch: RecordBatch) {
    rowHashes.removeAll(keepingCapacity: true)
    rowHashes.append(contentsOf: repeatElement(RowHash.seed, count: batch.count))
    for c in columns.indices {
      columns[c].observe(batch.columns[c], rows: batch.count, rowHashes: &rowHashes)
    }
    for hash in rowHashes { duplicates.observe(hash) }
    rows += batch.count
  }

  public mutating func merge(_ other: DatasetProfiler) {
    rows += other.rows
    for c in columns.indices { columns[c].merge(other.columns[c]) }
    duplicates.merge(other.duplicates)
  }
}
