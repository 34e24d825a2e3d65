/// Several files read as one dataset: shards of one table, with one header.
///
/// Files are opened one after another (so memory is one file's), and every file's header must
/// equal the first file's; a different header is an input error naming both files.
public final class DatasetReader {
  public let paths: [String]
  public let options: ReadOptions
  /// The column names of the dataset (the first file's header).
  public let columnNames: [String]
  /// The types the first file's format declares per column (nil: inferred from the values).
  public let declaredTypes: [ColumnType?]
  private var current: TableReader?
  private var currentIndex = 0
  private var firstHeader: [[UInt8]]
  private var finished: [SourceInfo] = []
  private var finishedProblems = ProblemLog()
  private var finishedBytes = 0

  /// Opens the first file and reads its header; checks that every other file can be opened.
  public init(paths: [String], options: ReadOptions = ReadOptions()) throws {
    precondition(!paths.isEmpty, "DatasetReader needs at least one path")
    self.paths = paths
    self.options = options
    for path in paths.dropFirst() where path != "-" { _ = try FileSource(path: path) }
    try DatasetReader.checkOneFormat(paths)
    let first = try TableReaders.open(path: paths[0], options: options)
    current = first
    columnNames = first.columnNames
    declaredTypes = first.declaredTypes
    firstHeader = first.headerFields
  }

  /// Calls `body` with each batch of records of every file, in order.
  public func forEachBatch(_ body: (RecordBatch) throws -> Void) throws {
    try forEachFile { reader in
      while try reader.next() { try body(reader.batch) }
    }
  }

  /// Calls `body` with the reader of each file, in order, header read and checked; `body`
  /// reads its records.
  func forEachFile(_ body: (TableReader) throws -> Void) throws {
    while let reader = current {
      try body(reader)
      try advance()
    }
  }

  /// One entry per file read so far (all of them once `forEachBatch` has returned).
  public var sources: [SourceInfo] { finished + (current.map { [$0.info] } ?? []) }

  /// The recoverable problems met in every file read so far.
  public var problems: ProblemLog {
    var log = finishedProblems
    if let current { log.merge(current.problems) }
    return log
  }

  /// Progress: bytes read from disk so far, and the total when every input is a regular file.
  public var progress: (read: Int, total: Int?) {
    (finishedBytes + (current?.bytesRead ?? 0), totalBytes)
  }

  private lazy var totalBytes: Int? = {
    var total = 0
    for path in paths {
      guard path != "-", let size = (try? FileSource(path: path))?.totalBytes else { return nil }
      total += size
    }
    return total
  }()

  private func advance() throws {
    guard let reader = current else { return }
    finished.append(reader.info)
    var problems = reader.problems
    if reader.recordsParsed == 0 && reader.problems.count(of: .emptyFile) == 0 {
      problems.record(.noDataRows, at: Location(path: reader.path, line: 1))
    }
    finishedProblems.merge(problems)
    finishedBytes += reader.bytesRead
    current = nil
    currentIndex += 1
    guard currentIndex < paths.count else { return }
    let next = try TableReaders.open(path: paths[currentIndex], options: options)
    try checkHeader(of: next)
    current = next
  }

  /// Parquet files form a dataset only with other Parquet files: their columns carry types that
  /// text cannot, so a mix is refused before anything is read.
  private static func checkOneFormat(_ paths: [String]) throws {
    let parquet = paths.map(TableReaders.isParquet)
    guard let other = parquet.firstIndex(where: { $0 != parquet[0] }) else { return }
    let (p, t) = parquet[0] ? (paths[0], paths[other]) : (paths[other], paths[0])
    throw InputError(.mixedFormats, at: Location(path: paths[other]),
                     "\(p) is Parquet and \(t) is not: the files of one dataset must all be Parquet or all be delimited text")
  }

  private func checkHeader(of reader: TableReader) throws {
    let ours = reader.headerFields
    guard options.hasHeader ? ours != firstHeader : ours.count != firstHeader.count else { return }
    let other = reader.columnNames
    var detail = "it has \(other.count) columns and \(paths[0]) has \(columnNames.count)"
    if other.count == columnNames.count, let i = other.indices.first(where: { other[$0] != columnNames[$0] }) {
      detail = "column \(i + 1) is `\(other[i])` here and `\(columnNames[i])` in \(paths[0])"
    }
    throw InputError(.headerMismatch, at: Location(path: reader.path, line: 1),
                     "the header differs from \(paths[0])'s: \(detail); files of one dataset must share one header")
  }
}
