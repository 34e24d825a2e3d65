/// One Parquet file read into `RecordBatch`es: the `TableReader` for `.parquet` input.
///
/// Opening reads and checks the footer, the schema and every column chunk's byte range, so a
/// malformed or hostile file fails before any data is read. `next()` then decodes the flat
/// columns side by side, row group after row group, a batch of rows at a time. Memory: per
/// flat column one page, its dictionary and a batch of values; never the whole file or row group.
/// Nested columns are reported as `unsupported_column` problems and skipped.
final class ParquetFileReader: TableReader {
  let path: String
  private let options: ReadOptions
  private let file: ParquetFile
  private let metadata: ParquetFileMetaData
  private let schema: ParquetSchema
  private var readers: [ParquetColumnReader]
  private let compression: String
  private(set) var batch: RecordBatch
  /// The hash of each value of `batch`, column by column (see `TableReader.prepared`); none for
  /// a column with coded rows.
  private var hashes: [PreparedColumn]
  var prepared: [PreparedColumn]? { hashes }
  private var ownProblems = ProblemLog()
  private var ownRecords = 0
  var problems: ProblemLog { whole?.problems ?? ownProblems }
  var recordsParsed: Int { whole?.records ?? ownRecords }
  private var rowGroup = -1
  /// The row group after the last one this reader reads.
  private var endRowGroup: Int
  /// What the row groups of this file added up to, once merged (see `absorb`).
  private var whole: (problems: ProblemLog, records: Int)?
  private var rowGroupRemaining = 0
  private var fingerprint: String?
  private var invalidUTF8Reported: [Int]
  /// Where the column data ends and the footer's metadata starts.
  private let dataEnd: Int

  /// Opens the file to read its row groups `rowGroups` (every one when nil).
  init(path: String, options: ReadOptions, rowGroups: Range<Int>? = nil) throws {
    self.path = path
    self.options = options
    file = try ParquetFile(path: path)
    let (metadata, metadataStart) = try ParquetFooter.read(file)
    self.metadata = metadata
    dataEnd = metadataStart
    schema = try ParquetSchema(elements: metadata.schema, place: ParquetPlace(path: path))
    try ParquetFileReader.check(metadata, schema: schema, path: path, dataEnd: metadataStart)
    let file = self.file
    readers = schema.columns.map { ParquetColumnReader(column: $0, file: file, place: ParquetPlace(path: path, column: $0.name)) }
    compression = ParquetFileReader.codecNames(metadata, schema: schema)
    batch = RecordBatch(columns: schema.columns.count, capacity: options.batchRows)
    hashes = Array(repeating: PreparedColumn(hashes: []), count: schema.columns.count)
    invalidUTF8Reported = Array(repeating: 0, count: schema.columns.count)
    rowGroup = (rowGroups?.lowerBound ?? 0) - 1
    endRowGroup = min(rowGroups?.upperBound ?? Int.max, metadata.rowGroups.count)
    if rowGroup < 0 { recordProblems() }  // the file's problems go with its first row group
  }

  /// The file's row groups, each of which can be read on its own.
  var rowGroupCount: Int { metadata.rowGroups.count }

  /// Reads no row group from `end` on (this reader then reads the first part of the file).
  func stop(atRowGroup end: Int) { endRowGroup = min(endRowGroup, end) }

  /// Frees the column readers (pages, dictionaries) once this reader's row groups are read,
  /// while the reader itself stays to describe the file.
  func releaseColumnReaders() { readers = [] }

  /// Takes the problems and record count of the whole file, once its row groups are merged.
  func absorb(problems: ProblemLog, records: Int) { whole = (problems, records) }

  var columnNames: [String] { schema.columns.map(\.name) }
  /// The column names: what must be equal across the files of one dataset.
  var headerFields: [[UInt8]] { schema.columns.map { Array($0.name.utf8) } }
  /// Every column's type follows its storage type (see `ParquetValueFormat.columnType`).
  var declaredTypes: [ColumnType?] { schema.columns.map { $0.format.columnType } }
  var bytesRead: Int { whole != nil ? file.size : file.bytesRead }

  var info: SourceInfo {
    if fingerprint == nil { fingerprint = (try? file.fingerprint()) ?? "" }
    return SourceInfo(path: path, format: "parquet", compression: compression, bytes: file.size,
                      fingerprint: fingerprint ?? "", delimiter: "")
  }

  /// Reads the next batch of rows. Returns false when the file has no more rows; throws
  /// `InputError` (with row group, column and page) when the data cannot be decoded.
  func next() throws -> Bool {
    batch.removeAll()
    for c in hashes.indices { hashes[c].hashes.removeAll(keepingCapacity: true) }
    for reader in readers { reader.codedInBatch = false }
    var rows = 0
    while rows < options.batchRows {
      if rowGroupRemaining == 0 {
        guard try startNextRowGroup() else { break }
      }
      let n = min(options.batchRows - rows, rowGroupRemaining)
      for (index, reader) in readers.enumerated() { try reader.read(n, into: &batch, column: index, hashes: &hashes[index].hashes) }
      batch.endRecords(n, firstLine: ownRecords + rows + 1, fieldCount: readers.count)
      rows += n
      rowGroupRemaining -= n
      if rowGroupRemaining == 0 { try finishRowGroup() }
    }
    // A column with coded rows has no hashes to give: the profile reads a coded column's from
    // its dictionary, and hashes the text of one that mixed codes and text.
    for (c, reader) in readers.enumerated() where reader.codedInBatch { hashes[c].hashes.removeAll(keepingCapacity: true) }
    ownRecords += rows
    recordInvalidUTF8()
    return rows > 0
  }

  /// Counts STRING values that were not valid UTF-8 (kept as they are, like CSV's).
  private func recordInvalidUTF8() {
    for (index, reader) in readers.enumerated() where reader.invalidUTF8 > invalidUTF8Reported[index] {
      for _ in invalidUTF8Reported[index]..<reader.invalidUTF8 {
        ownProblems.record(.invalidUTF8, at: Location(path: path),
                        detail: "column `\(reader.column.name)`: a STRING value is not valid UTF-8")
      }
      invalidUTF8Reported[index] = reader.invalidUTF8
    }
  }

  /// Moves to the next row group with rows; returns false after the last.
  private func startNextRowGroup() throws -> Bool {
    while rowGroup + 1 < endRowGroup {
      rowGroup += 1
      let group = metadata.rowGroups[rowGroup]
      guard group.numRows > 0 else { continue }
      for reader in readers {
        let chunk = group.columns[reader.column.leafIndex].metaData!
        let place = ParquetPlace(path: path, rowGroup: rowGroup, column: reader.column.name)
        let range = Result { try ParquetFileReader.byteRange(chunk, dataEnd: dataEnd, place: place) }
        reader.start(range: range, codec: ParquetCodec(rawValue: chunk.codec)!, place: place)
      }
      rowGroupRemaining = Int(group.numRows)
      return true
    }
    return false
  }

  /// Checks that every chunk was read to its end, and its null count against the statistics.
  private func finishRowGroup() throws {
    let group = metadata.rowGroups[rowGroup]
    for reader in readers {
      try reader.finishChunk(rows: Int(group.numRows))
      let chunk = group.columns[reader.column.leafIndex].metaData!
      if let stated = ParquetStatistics(chunk.statistics, column: reader.column).nullCount, stated != Int64(reader.nullsInChunk) {
        ownProblems.record(.statisticsMismatch, at: Location(path: path),
                        detail: "row group \(rowGroup), column `\(reader.column.name)`: the footer counts \(stated) nulls, the pages hold \(reader.nullsInChunk)")
      }
    }
  }

  private func recordProblems() {
    if !schema.nested.isEmpty {
      let names = schema.nested.map { "`\($0)`" }.joined(separator: ", ")
      for _ in schema.nested {
        ownProblems.record(.unsupportedColumn, at: Location(path: path),
                        detail: "nested columns are not profiled: \(names)")
      }
    }
    for warning in schema.unknownLogicalTypes {
      ownProblems.record(.unknownLogicalType, at: Location(path: path), detail: warning)
    }
  }
}
