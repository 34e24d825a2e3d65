/// How to profile: what counts as missing, and the memory caps of the exact structures.
public struct ProfileOptions: Sendable {
  public var missingTokens = MissingTokens()
  /// Distinct values per column counted exactly before switching to sketches.
  public var maxExactDistinct = ValueCounter.defaultMaxExact
  /// Memory for the duplicate-row table before it samples.
  public var duplicateBudgetBytes = DuplicateTracker.defaultBudget
  /// The label to analyse (`--label`), or nil for a profile without label.
  public var label: LabelOptions?
  /// Keep the values of the label's identifier columns, to compare another split against.
  public var keepIdentifierValues = false
  /// The split to compare against, row by row (needs `label`).
  public var reference: SplitReference?

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
  private var idValues: [(index: Int, name: String, values: RowHashTable<DuplicateTracker.Repeats>)] = []
  private let reference: SplitReference?
  private(set) var overlap: SplitOverlap?
  private var timeIndex: Int?

  /// One profiler per column; `declaredTypes` (from a typed format) overrides inference where set.
  public init(columnNames: [String], declaredTypes: [ColumnType?] = [], options: ProfileOptions = ProfileOptions()) {
    columns = columnNames.enumerated().map { index, name in
      ColumnProfiler(name: name, index: index, missingTokens: options.missingTokens,
                     maxExactDistinct: options.maxExactDistinct,
                     declaredType: index < declaredTypes.count ? declaredTypes[index] : nil)
    }
    duplicates = DuplicateTracker(budgetBytes: options.duplicateBudgetBytes)
    reference = options.reference
    guard let labelOptions = options.label, let index = columnNames.firstIndex(of: labelOptions.column) else { return }
    label = LabelProfiler(options: labelOptions, labelIndex: index, columnNames: columnNames)
    scratch = Array(repeating: ColumnScratch(), count: columnNames.count)
    timeIndex = labelOptions.timeColumn.flatMap { columnNames.firstIndex(of: $0) }
    if options.keepIdentifierValues {
      idValues = labelOptions.idColumns.compactMap { name in
        columnNames.firstIndex(of: name).map { ($0, name, RowHashTable(budgetBytes: options.duplicateBudgetBytes / 2)) }
      }
    }
    if reference != nil { overlap = SplitOverlap() }
  }

  /// What another split is compared against: this split's row, feature and ID hashes, last time.
  public func splitReference() -> SplitReference {
    let time = timeIndex.map { columns[$0] }
    return SplitReference(
      rows: duplicates.table, features: label?.conflicts.table,
      ids: Dictionary(idValues.map { ($0.name, $0.values) }, uniquingKeysWith: { a, _ in a }),
      timeColumn: time?.name, timeMax: time.flatMap { $0.temporal.max.isFinite ? $0.temporal.max : nil })
  }

  /// Compares each row of the batch with the reference split.
  private mutating func compare(_ rows: Int, with ref: SplitReference) {
    guard var o = overlap, let label else { return }
    for r in 0..<rows {
      ref.rows.count(rowHashes[r], into: &o.rowsWithLabel, exact: &o.exact)
      ref.features?.count(label.featureHashes[r], into: &o.rowsWithoutLabel, exact: &o.exact)
    }
    for (name, values) in ref.ids {
      guard let c = columns.firstIndex(where: { $0.name == name }) else { continue }
      var n = o.idRows[name] ?? 0
      for r in 0..<rows where !scratch[c].missing[r] { values.count(scratch[c].hashes[r], into: &n, exact: &o.exact) }
      o.idRows[name] = n
    }
    if let t = timeIndex, let end = ref.timeMax {
      for r in 0..<rows where !scratch[t].numbers[r].isNaN {
        o.timedRows += 1
        if scratch[t].numbers[r] < end { o.rowsBeforeTrainEnd += 1 }
      }
    }
    o.rows += rows
    overlap = o
  }

  /// Checks that the columns named in `options` exist; throws a usage error naming the columns.
  public static func validate(_ options: ProfileOptions, columnNames: [String], path: String) throws {
    guard let label = options.label else { return }
    let named = [label.column] + label.idColumns + (label.timeColumn.map { [$0] } ?? [])
    for name in named where !columnNames.contains(name) {
      let known = columnNames.prefix(20).map { "`\($0)`" }.joined(separator: ", ")
      throw InputError(.unknownColumn, at: Location(path: path), columnNames.isEmpty
                       ? "there is no column `\(name)`: the data has no columns (no header and no records)"
                       : "there is no column `\(name)`; the columns are \(known)\(columnNames.count > 20 ? ", …" : "")")
    }
  }

  /// Observes every record of `batch`, column by column; `prepared`, when given, is
  /// `PreparedColumn.prepare(batch)` (worked out on another thread). The columns' counts are
  /// whole after the public `observe`; the one with `prepared` leaves a coded column's repeated
  /// values pending (see `ColumnProfiler.observeCodes`) until `sortDeferredRows`.
  public mutating func observe(_ batch: RecordBatch) {
    observe(batch, prepared: nil)
    for c in columns.indices { columns[c].addRepeats() }
  }

  mutating func observe(_ batch: RecordBatch, prepared: [PreparedColumn]?) {
    rowHashes.removeAll(keepingCapacity: true)
    rowHashes.append(contentsOf: repeatElement(RowHash.seed, count: batch.count))
    let keep = label != nil
    var none = ColumnScratch()
    for c in columns.indices {
      let column = batch.column(c), preparedColumn = prepared?[c]
      if keep {
        columns[c].observe(column, rows: batch.count, rowHashes: &rowHashes, scratch: &scratch[c], keep: true, prepared: preparedColumn)
      } else {
        columns[c].observe(column, rows: batch.count, rowHashes: &rowHashes, scratch: &none, keep: false, prepared: preparedColumn)
      }
    }
    duplicates.observe(contentsOf: rowHashes)
    label?.observe(batch, scratch: scratch, rowHashes: rowHashes)
    for i in idValues.indices {
      let c = idValues[i].index
      for r in 0..<batch.count where !scratch[c].missing[r] { idValues[i].values.add(scratch[c].hashes[r], row: 0) }
    }
    if let reference { compare(batch.count, with: reference) }
    rows += batch.count
  }

  /// The columns whose value counts are sketched (past the exact cap).
  var sketchedColumns: [Int] { columns.indices.filter { !columns[$0].counter.isExact } }

  /// Starts `columns` counting with sketches (see `ColumnProfiler.startSketching`).
  mutating func startSketching(_ sketched: [Int]) {
    for c in sketched { columns[c].startSketching() }
  }

  /// A segment's profiler lists its rows' hashes (duplicates, conflicts) instead of building
  /// tables: 20 bytes a row, grouped by their top bits on its own thread, inserted into the
  /// dataset's tables at the merge in one sweep each.
  mutating func deferRowInserts() {
    duplicates.deferInserts()
    label?.deferRowInserts()
  }

  /// Groups what `deferRowInserts` listed by their top bits; done by the segment's thread
  /// before the merge, once the segment is read (so the columns also drop what they kept of the
  /// last dictionaries: a segment's profiler waits for its merge).
  mutating func sortDeferredRows() {
    for c in columns.indices { columns[c].forgetDictionary() }
    duplicates.sortDeferred()
    label?.sortDeferredRows()
  }

  /// Inserts what `deferRowInserts` listed into this profiler's own tables (a segment's profiler
  /// that becomes the dataset's).
  mutating func insertDeferredRows() {
    duplicates.insertDeferred()
    label?.insertDeferredRows()
  }

  /// The rows of one stream listed (`deferRowInserts`) go into the tables, grouped, once `run`
  /// of them are listed, and listing goes on. The duplicate and conflict tables of a large file
  /// do not fit the cache: a probe a row missed it (a tenth of a one-stream profile's time), a
  /// sweep a run does not.
  mutating func insertListedRows(ifAtLeast run: Int) {
    guard duplicates.listed >= run else { return }
    duplicates.insertListed()
    label?.insertListedRows()
  }

  /// Inserts the rows still listed, grouped, and stops listing.
  mutating func stopListingRows() {
    sortDeferredRows()
    insertDeferredRows()
  }

  public mutating func merge(_ other: DatasetProfiler) {
    rows += other.rows
    for c in columns.indices { columns[c].merge(other.columns[c]) }
    duplicates.merge(other.duplicates)
    if let theirs = other.label { label?.merge(theirs) }
    for i in idValues.indices where i < other.idValues.count { idValues[i].values.merge(other.idValues[i].values) }
    if let theirs = other.overlap { overlap?.merge(theirs) }
  }
}
