/// One input file read into `RecordBatch`es. Every input format implements it; `DatasetReader`
/// strings several of them into one dataset.
protocol TableReader: AnyObject {
  var path: String { get }
  /// The column names, known once the reader is open.
  var columnNames: [String] { get }
  /// What must be equal across the files of one dataset (CSV: the header's raw fields).
  var headerFields: [[UInt8]] { get }
  /// Types the format declares per column (Parquet's storage types); nil where the values decide.
  var declaredTypes: [ColumnType?] { get }
  /// The records read by the last `next()`; valid until the next call.
  var batch: RecordBatch { get }
  var problems: ProblemLog { get }
  /// Data records read so far.
  var recordsParsed: Int { get }
  /// Bytes read from disk so far, for progress.
  var bytesRead: Int { get }
  var info: SourceInfo { get }
  /// Reads the next batch of records. Returns false when the file has no more records.
  func next() throws -> Bool
  /// Each value's hash in the last batch, when the reader worked them out as it read (Parquet:
  /// a dictionary's values are hashed once); nil for the profile to hash them, and no hashes
  /// for a column the reader did not hash.
  var prepared: [PreparedColumn]? { get }
}

extension TableReader {
  var prepared: [PreparedColumn]? { nil }
}

/// Opens the right reader for a file.
enum TableReaders {
  /// Parquet by the `.parquet` extension or the `PAR1` / `PARE` magic bytes; else delimited
  /// text (plain or gzip, see `CSVFileReader`).
  static func open(path: String, options: ReadOptions) throws -> TableReader {
    if isParquet(path: path) { return try ParquetFileReader(path: path, options: options) }
    return try CSVFileReader(path: path, options: options)
  }

  /// Whether `path` is read as Parquet (standard input never is: Parquet is read from its end).
  static func isParquet(path: String) -> Bool { ParquetFile.looksLikeParquet(path: path) }
}
