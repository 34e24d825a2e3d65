/// Reads one flat column, row group after row group, into a `RecordBatch` column.
///
/// It keeps the column chunk's dictionary (as text, formatted once) and the current page's
/// level and value decoders; `read` decodes just the rows asked for. Memory: one page, the
/// dictionary and a batch of scratch values, reused throughout.
final class ParquetColumnReader {
  let column: ParquetSchema.Column
  let pages: ColumnChunkPages
  var place: ParquetPlace
  var formatter: ParquetTextFormatter
  var dictionary = ValueBuffer()
  var hasDictionary = false
  var levels = LevelSource.none
  var values = PageValueSource.none
  var pageRemaining = 0
  var levelScratch: [UInt32] = []
  var indexScratch: [UInt32] = []
  var integerScratch: [Int64] = []
  var raw = ValueBuffer()
  var text = ValueBuffer()
  /// Nulls read in the current chunk (checked against the footer's statistics).
  private(set) var nullsInChunk = 0

  /// STRING values that were not valid UTF-8 (counted once per stored value).
  var invalidUTF8: Int { formatter.invalidUTF8 }

  init(column: ParquetSchema.Column, file: ParquetFile, place: ParquetPlace) {
    self.column = column
    self.place = place
    pages = ColumnChunkPages(file: file, place: place)
    formatter = ParquetTextFormatter(column: column)
  }

  /// Starts reading a new column chunk (bytes `range`, or the error of a chunk outside the data).
  func start(range: Result<Range<Int>, Error>, codec: ParquetCodec, place: ParquetPlace) {
    self.place = place
    pages.start(range: range, codec: codec, place: place)
    dictionary.removeAll()
    hasDictionary = false
    levels = .none
    values = .none
    pageRemaining = 0
    nullsInChunk = 0
  }

  /// Appends the next `count` values of the column to column `index` of `batch`.
  /// Throws `InputError` when the chunk ends early or a page cannot be decoded.
  func read(_ count: Int, into batch: inout RecordBatch, column index: Int) throws {
    var remaining = count
    while remaining > 0 {
      if pageRemaining == 0 { try loadDataPage() }
      let n = min(remaining, pageRemaining)
      do {
        try readPiece(n, into: &batch, column: index)
      } catch let error as PageDataError {
        throw pages.pagePlace.error(.parquetBadPage, error.message)
      }
      pageRemaining -= n
      remaining -= n
    }
  }

  /// Checks that the chunk holds no values beyond the row group's rows.
  func finishChunk(rows: Int) throws {
    var extra = pageRemaining
    while extra == 0, let page = try pages.next() {
      if page.type == .dataPage { extra = Int(page.header.dataPage?.numValues ?? 0) }
      if page.type == .dataPageV2 { extra = Int(page.header.dataPageV2?.numValues ?? 0) }
    }
    if extra > 0 {
      throw place.error(.parquetBadPage, "the column chunk holds more values than the row group's \(rows) rows")
    }
  }

  private func readPiece(_ n: Int, into batch: inout RecordBatch, column index: Int) throws {
    if levelScratch.count < n { levelScratch = Array(repeating: 0, count: n) }
    var defined = n
    if column.maxDefinitionLevel > 0 {
      try levelScratch.withUnsafeMutableBufferPointer { try levels.read(n, into: $0.baseAddress!) }
      defined = 0
      for i in 0..<n {
        guard levelScratch[i] <= 1 else { throw PageDataError("a definition level is \(levelScratch[i]), above the column's maximum 1") }
        defined += Int(levelScratch[i])
      }
    }
    nullsInChunk += n - defined
    let source = try decodeValues(defined)
    let required = column.maxDefinitionLevel == 0
    // Asked once a piece: asked of the enum once a value, it copied the decoder each time
    // (5.6 % of a Parquet profile's samples).
    let fromDictionary = hasDictionary && values.isDictionary
    batch.prepareToAppend()
    source.bytes.withUnsafeBytes { p in
      var v = 0
      for i in 0..<n {
        if !required && levelScratch[i] == 0 { batch.appendAbsent(toColumn: index); continue }
        let value = fromDictionary ? Int(indexScratch[v]) : v
        batch.appendPrepared(UnsafeRawBufferPointer(rebasing: p[source.range(value)]), toColumn: index)
        v += 1
      }
    }
  }

  /// Decodes `count` values: their text (`text`), or their dictionary indices (`indexScratch`,
  /// checked against the dictionary) and the dictionary's text.
  private func decodeValues(_ count: Int) throws -> ValueBuffer {
    if case .dictionary(var decoder) = values {
      values = .none
      defer { values = .dictionary(decoder) }
      if indexScratch.count < count { indexScratch = Array(repeating: 0, count: count) }
      try indexScratch.withUnsafeMutableBufferPointer { try decoder.read(count, into: $0.baseAddress!) }
      for i in 0..<count where Int(indexScratch[i]) >= dictionary.count {
        throw PageDataError("dictionary index \(indexScratch[i]) is past the dictionary's \(dictionary.count) values")
      }
      return dictionary
    }
    raw.removeAll()
    try decodeRaw(count)
    text.removeAll()
    formatter.format(raw, count: count, into: &text)
    return text
  }
}
