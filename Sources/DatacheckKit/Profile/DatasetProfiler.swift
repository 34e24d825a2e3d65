/// How to profile: what counts as missing, and the memory caps of the exact structures.
public struct ProfileOptions: Sendable {
  public var missingTokens = MissingTokens()
  /// Distinct values per column counted exactly before switching to sketches.
  public var maxExactDistinct = ValueCounter.defaultMaxExact
  /// Memory for the duplicate-row table before it samples.
  public var duplicateBudgetBytes = DuplicateTracker.defaultBudget
  /// The label to analyse (`--label`), or nil for a profile without label.
  public var label: LabelOptions?

  public init() {}
}

/// Profiles a stream of `RecordBatch`es: one `ColumnProfiler` per column plus the row-level counts.
///
/// Mergeable like its parts: profiling A then B equals merging the profilers of A and of B.
public struct DatasetProfiler: Sendable {
  public private(set) var rows = 0
  public private(set) var columns: [ColumnProfiler]
  public private(set) var duplicates: DuplicateTracker
  private(set) var label: LabelProfiler?
  private var rowHashes: [UInt64] = []
  private var scratch: [ColumnScratch] = []

  /// One profiler per column; `declaredTypes` (from a typed format) overrides inference where set.
  public init(columnNames: [String], declaredTypes: [ColumnType?] = [], options: ProfileOptions = ProfileOptions()) {
    columns = columnNames.enumerated().map { index, name in
      ColumnProfiler(name: name, index: index, missingTokens: options.missingTokens,
                     maxExactDistinct: options.maxExactDistinct,
                     declaredType: index < declaredTypes.count ? declaredTypes[index] : nil)
    }
    duplicates = DuplicateTracker(budgetBytes: options.duplicateBudgetBytes)
    if let labelOptions = options.label, let index = columnNames.firstIndex(of: labelOptions.column) {
      label = LabelProfiler(options: labelOptions, labelIndex: index, columnNames: columnNames)
      scratch = Array(repeating: ColumnScratch(), count: columnNames.count)
    }
  }

  /// Checks that the columns named in `options` exist; throws a usage error naming the columns.
  public static func validate(_ options: ProfileOptions, columnNames: [String], path: String) throws {
    guard let label = options.label else { return }
    let named = [label.column] + label.idColumns + (label.timeColumn.map { [$0] } ?? [])
    for name in named where !columnNames.contains(name) {
      let known = columnNames.prefix(20).map { "`\($0)`" }.joined(separator: ", ")
      throw InputError(.unknownColumn, at: Location(path: path),
                       "there is no column `\(name)`; the columns are \(known)\(columnNames.count > 20 ? ", …" : "")")
    }
  }

  /// Observes every record of `batch`, column by column.
  public mutating func observe(_ batch: RecordBatch) {
    rowHashes.removeAll(keepingCapacity: true)
    rowHashes.append(contentsOf: repeatElement(RowHash.seed, count: batch.count))
    let keep = label != nil
    for c in columns.indices {
      if keep {
        columns[c].observe(batch.columns[c], rows: batch.count, rowHashes: &rowHashes, scratch: &scratch[c], keep: true)
      } else {
        columns[c].observe(batch.columns[c], rows: batch.count, rowHashes: &rowHashes)
      }
    }
    for hash in rowHashes { duplicates.observe(hash) }
    label?.observe(batch, scratch: scratch, rowHashes: rowHashes)
    rows += batch.count
  }

  public mutating func merge(_ other: DatasetProfiler) {
    rows += other.rows
    for c in columns.indices { columns[c].merge(other.columns[c]) }
    duplicates.merge(other.duplicates)
    if let theirs = other.label { label?.merge(theirs) }
  }
}
