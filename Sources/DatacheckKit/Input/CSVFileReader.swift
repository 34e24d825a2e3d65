/// How to read delimited text.
public struct ReadOptions: Sendable {
  /// The field delimiter; nil sniffs it (a `.tsv` file is read with TAB).
  public var delimiter: UInt8?
  /// Whether the first record names the columns; without it they are `column_1`, `column_2`, ….
  public var hasHeader = true
  /// The largest field accepted, in bytes; a larger one is an input error before it is buffered whole.
  public var maxFieldSize = 16 * 1024 * 1024
  /// The most fields a record may have (the header included); a wider one is an input error.
  public var maxColumns = 16_384
  /// Bytes read from the file at a time.
  public var chunkSize = 1024 * 1024
  /// Records gathered before a batch goes to the profiler.
  public var batchRows = 8192
  /// Threads that read and profile one file: a plain file's segments in parallel, or a gzip
  /// file's decompression beside its parsing. The result does not depend on it.
  public var threads = 1
  /// A plain file is profiled in segments of about this many bytes, cut at record boundaries and
  /// merged in file order, whatever `threads` is (so every thread count gives the same profile).
  public var segmentBytes = 32 << 20
  /// When set, segments are also made short enough to hold about this many records, as the
  /// file's first MiB shows its lines' length (a segment lists 20 bytes a record for the
  /// duplicate and conflict tables until it is merged: 2.6M records of a narrow file's 32 MiB
  /// took 240 MiB). nil: `segmentBytes` exactly (the tests that place cuts).
  public var segmentRecords: Int? = 1 << 19
  /// Whether simple lines (quote-free, or quoted fields closed on their line) are split without
  /// libcsv (`CSVParser.parseSimpleLine`); the tests that compare both ways turn it off.
  var simpleLineFastPath = true

  public init() {}
}

/// What was read: one entry per input file, as the profile reports it.
public struct SourceInfo: Sendable, Equatable {
  public var path: String
  public var format: String
  public var compression: String
  public var bytes: Int
  public var fingerprint: String
  public var delimiter: String
}

/// One delimited-text file (plain or gzip), read into `RecordBatch`es.
///
/// Opening the file detects gzip by its magic bytes, strips a UTF-8 BOM, picks the delimiter and
/// reads the header. `next()` then fills `batch` with the following records; memory is one read
/// chunk, one batch and libcsv's buffer for the longest field.
final class CSVFileReader: TableReader {
  let path: String
  let options: ReadOptions
  private let file: FileSource
  private let source: PeekableSource
  /// The thread decompressing a gzip file ahead of the parser, when there is one.
  private let readAhead: ReadAheadSource?
  private let parser: CSVParser
  private let compression: String
  private var buffer: UnsafeMutableRawBufferPointer
  /// The file offset of the parser's first byte (past a BOM, or a segment's start).
  let origin: Int
  /// What the segments of this file added up to, once they are merged (see `absorb`).
  private var whole: (problems: ProblemLog, records: Int, fingerprint: String)?
  private var atEnd = false
  /// Whether `batch` was handed out (and may be cleared); records read with the header are not.
  private var delivered = false

  init(path: String, options: ReadOptions) throws {
    self.path = path
    self.options = options
    file = try FileSource(path: path)
    let (source, gzip, readAhead) = try CSVFileReader.decompressing(file, path: path, threads: options.threads)
    self.source = source
    self.readAhead = readAhead
    compression = gzip ? "gzip" : "none"
    var problems = ProblemLog()
    let bom = try source.peek(3) == [0xEF, 0xBB, 0xBF]
    if bom {
      var bytes = [UInt8](repeating: 0, count: 3)
      _ = try bytes.withUnsafeMutableBytes { try source.read(into: $0) }
      problems.record(.bom, at: Location(path: path, line: 1))
    }
    origin = bom ? 3 : 0
    let delimiter = try options.delimiter ?? CSVFileReader.delimiter(for: path, sample: source.peek(64 * 1024))
    parser = CSVParser(path: path, delimiter: delimiter, maxFieldSize: options.maxFieldSize, maxColumns: options.maxColumns,
                       hasHeader: options.hasHeader, batchCapacity: options.batchRows)
    parser.problems = problems
    parser.simpleLineFastPath = options.simpleLineFastPath
    buffer = .allocate(byteCount: max(1, options.chunkSize), alignment: 16)
    try readHeader()
  }

  /// A later segment of the plain file `first` has opened: the records from byte `start` (a
  /// record boundary, on line `firstLine`) to the first record boundary at or past `stop`.
  init(segmentOf first: CSVFileReader, start: Int, stop: Int?, firstLine: Int = 1) throws {
    path = first.path
    options = first.options
    file = try FileSource(path: path, offset: start)
    file.fingerprinting = false
    source = PeekableSource(file)
    readAhead = nil
    compression = "none"
    origin = start
    parser = CSVParser(path: path, delimiter: first.parser.delimiter, maxFieldSize: options.maxFieldSize,
                       maxColumns: options.maxColumns, hasHeader: false, batchCapacity: options.batchRows)
    parser.startInRecords(columnNames: first.columnNames, firstLine: firstLine)
    parser.simpleLineFastPath = options.simpleLineFastPath
    parser.stopOffset = stop.map { $0 - start }
    buffer = .allocate(byteCount: max(1, options.chunkSize), alignment: 16)
  }

  deinit { buffer.deallocate() }

  /// Whether the file can be read in segments: plain (not gzip) and a regular file.
  var isSegmentable: Bool { compression == "none" && file.totalBytes != nil }
  var fileSize: Int { file.totalBytes ?? 0 }
  /// Stops this reader at the first record boundary at or past file offset `offset`.
  func stop(at offset: Int) {
    parser.stopOffset = offset - origin
    file.fingerprinting = false   // the whole file's fingerprint is read on its own (`absorb`)
  }
  /// The file offset just past the last record read (the end of the file when it read to the end).
  var endOffset: Int { origin + (parser.stoppedAt ?? parser.consumed) }
  /// Line ends read so far.
  var linesEnded: Int { parser.linesEnded }

  /// Takes the problems, record count and fingerprint of the whole file, once its segments are merged.
  func absorb(problems: ProblemLog, records: Int, fingerprint: String) {
    whole = (problems, records, fingerprint)
  }

  /// The column names (from the header, or `column_N`).
  var columnNames: [String] { parser.columnNames }
  /// The header's raw fields, for comparing the headers of several files.
  var headerFields: [[UInt8]] { parser.headerFields }
  /// CSV declares no types: the values decide.
  var declaredTypes: [ColumnType?] { Array(repeating: nil, count: parser.columnCount) }
  /// The records read by the last `next()`; valid until the next call.
  var batch: RecordBatch { parser.batch }
  var problems: ProblemLog { whole?.problems ?? parser.problems }
  var recordsParsed: Int { whole?.records ?? parser.recordsParsed }
  var bytesRead: Int { whole != nil ? fileSize : readAhead?.position ?? file.bytesRead }
  var totalBytes: Int? { file.totalBytes }

  var info: SourceInfo {
    let delimiter = parser.delimiter == 9 ? "\t" : String(UnicodeScalar(parser.delimiter))
    return SourceInfo(path: path, format: parser.delimiter == 9 ? "tsv" : "csv", compression: compression,
                      bytes: bytesRead, fingerprint: whole?.fingerprint ?? file.fingerprint, delimiter: delimiter)
  }

  /// Reads the next batch of records. Returns false when the file has no more records.
  func next() throws -> Bool {
    if delivered { parser.batch.removeAll() }
    delivered = true
    while parser.batch.count < options.batchRows && !atEnd {
      try feedChunk()
    }
    return parser.batch.count > 0
  }

  /// Reads the header; a file that ends first (no bytes, or blank lines only) has no columns,
  /// and is recorded as an empty file (a profile of zero rows, not an error).
  private func readHeader() throws {
    while parser.mode == .header && !atEnd { try feedChunk() }
    if parser.mode == .header { parser.problems.record(.emptyFile, at: Location(path: path, line: 1)) }
  }

  private func feedChunk() throws {
    let n = try source.read(into: buffer)
    if n == 0 {
      atEnd = true
      parser.finish()
    } else {
      parser.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
      if parser.stoppedAt != nil { atEnd = true }
    }
    if let error = parser.error { throw error }
  }

  /// Wraps `file` in a gzip decompressor when it starts with the gzip magic bytes.
  /// With more than one thread, the decompression runs on a thread of its own (`readAhead`).
  private static func decompressing(_ file: FileSource, path: String, threads: Int)
    throws -> (source: PeekableSource, gzip: Bool, readAhead: ReadAheadSource?) {
    let raw = PeekableSource(file)
    guard GzipSource.isGzip(try raw.peek(2)) else { return (raw, false, nil) }
    let gzip = try GzipSource(raw, path: path)
    guard threads > 1 else { return (PeekableSource(gzip), true, nil) }
    let ahead = ReadAheadSource(gzip) { file.bytesRead }
    return (PeekableSource(ahead), true, ahead)
  }

  private static func delimiter(for path: String, sample: [UInt8]) -> UInt8 {
    let name = path.lowercased()
    if name.hasSuffix(".tsv") || name.hasSuffix(".tsv.gz") || name.hasSuffix(".tab") { return 9 }
    return DelimiterSniffer.sniff(sample)
  }
}
