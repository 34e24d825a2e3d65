/// The flow of datacheck, in order. Each stage is a folder of this library.
///
/// 1. **Input** opens the files (gzip by magic bytes, delimiter sniffed, BOM stripped), reads the
///    header and streams `RecordBatch`es (`Input/`).
/// 2. **Profile** folds every batch into a `DatasetProfiler` of mergeable accumulators (`Profile/`).
/// 3. **Summary** turns the accumulators into a `DatasetProfile` with the input's problems (`Model/`).
/// 4. **Checks** turn the profile into findings, each a pure function of it (`Checks/`).
/// 5. **Report** renders it as text, JSON or Markdown (`Report/`) — done by the caller.
///
/// The library never prints and never exits: errors are thrown as `InputError`.
public struct Pipeline {
  public var paths: [String]
  public var read = ReadOptions()
  public var profile = ProfileOptions()
  /// The rows to profile, when the data holds several splits; nil profiles every row.
  public var selection: RowSelection?
  /// Called between batches with (bytes read, total bytes when known), for a progress bar.
  public var progress: ((Int, Int?) -> Void)?

  public init(paths: [String]) { self.paths = paths }

  /// Rows of a stream listed before they go into the duplicate and conflict tables (12 bytes a row).
  static let listedRowRun = 1 << 16

  /// Reads every file once and returns the dataset's profile. Throws `InputError` on bad input.
  public func run() throws -> DatasetProfile { try runKeepingProfiler().profile }

  /// As `run()`, also returning the accumulators (to compare another split against them).
  public func runKeepingProfiler() throws -> (profile: DatasetProfile, profiler: DatasetProfiler) {
    // 1. Input
    let reader = try DatasetReader(paths: paths, options: read)
    // 2. Profile
    try DatasetProfiler.validate(profile, columnNames: reader.columnNames, path: paths[0])
    let (names, types, options, selection) = (reader.columnNames, reader.declaredTypes, profile, selection)
    let makeProfiler = { DatasetProfiler(columnNames: names, declaredTypes: types, options: options) }
    // `prepared`: the values' hashes, when the reader has them (for every row: a selection
    // of rows hashes its own).
    let observe = { (profiler: inout DatasetProfiler, batch: RecordBatch, prepared: [PreparedColumn]?) in
      if let selection {
        profiler.observe(batch.selecting(selection.mask(batch, columnNames: names)))
      } else {
        profiler.observe(batch, prepared: prepared)
      }
    }
    var profiler = makeProfiler()
    try reader.forEachFile { file in
      if let csv = file as? CSVFileReader, csv.isSegmentable,
         case let segmentBytes = try SegmentedProfile.segmentBytes(of: csv.path, read),
         SegmentedProfile.count(size: csv.fileSize, segmentBytes: segmentBytes) > 1 {
        let done = reader.progress.read - csv.bytesRead
        try SegmentedProfile(first: csv, threads: max(1, read.threads), segmentBytes: segmentBytes,
                             makeProfiler: makeProfiler, observe: observe)
          .run(into: &profiler) { progress?(done + $0, reader.progress.total) }
      } else if let parquet = file as? ParquetFileReader, parquet.rowGroupCount > 1 {
        let (done, groups) = (reader.progress.read, parquet.rowGroupCount)
        let size = reader.progress.total.map { $0 - done } ?? 0
        try RowGroupProfile(first: parquet, options: read, makeProfiler: makeProfiler, observe: observe)
          .run(into: &profiler) { progress?(done + size * $0 / groups, reader.progress.total) }
      } else {
        // Read in one stream. With more than one thread the next batches are parsed, and their
        // values hashed, on a thread of their own meanwhile (the profiling thread is the slower);
        // the reader is that thread's until the last batch is taken.
        let total = reader.progress.total
        typealias Read = (batch: RecordBatch, prepared: [PreparedColumn]?, bytesRead: Int)
        let ahead = read.threads > 1 ? ReadAhead(depth: 3) { () throws -> Read? in
          guard try file.next() else { return nil }
          return (file.batch, selection == nil ? file.prepared ?? PreparedColumn.prepare(file.batch) : nil, reader.progress.read)
        } : nil
        defer { ahead?.finish() }
        let next = { () throws -> Read? in
          if let ahead { return try ahead.next() }
          return try file.next() ? (file.batch, file.prepared, reader.progress.read) : nil
        }
        profiler.deferRowInserts()
        while let (batch, prepared, bytesRead) = try next() {
          observe(&profiler, batch, prepared)
          profiler.insertListedRows(ifAtLeast: Pipeline.listedRowRun)
          progress?(bytesRead, total)
        }
        profiler.stopListingRows()
      }
    }
    // 3. Summary (a split of a file keeps the file's problems, which are about all its rows)
    var result = profiler.summary(sources: reader.sources, problems: reader.problems)
    // 4. Checks
    result.findings = Checks.run(result)
    return (result, profiler)
  }
}
