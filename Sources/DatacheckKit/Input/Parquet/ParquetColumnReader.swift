/// Reads one flat column, row group after row group, into a `RecordBatch` column.
///
/// It keeps the column chunk's dictionary (as text, formatted and hashed once) and the current
/// page's level and value decoders; `read` decodes just the rows asked for, and hashes them.
/// Memory: one page, the dictionary and a batch of scratch values, reused throughout.
final class ParquetColumnReader {
  let column: ParquetSchema.Column
  let pages: ColumnChunkPages
  var place: ParquetPlace
  var formatter: ParquetTextFormatter
  var dictionary = ValueBuffer()
  /// `ValueHash` of each dictionary value.
  var dictionaryHashes: [UInt64] = []
  /// The dictionary as the batch's coded columns share it (nil when its text is too large).
  var codes: ValueDictionary?
  var hasDictionary = false
  var levels = LevelSource.none
  var values = PageValueSource.none
  var pageRemaining = 0
  var levelScratch: [UInt32] = []
  var indexScratch: [UInt32] = []
  var integerScratch: [Int64] = []
  var raw = ValueBuffer()
  var text = ValueBuffer()
  /// Whether rows went to the batch as codes since the caller last cleared it: their places in
  /// the hashes `read` appends hold no hash.
  var codedInBatch = false
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
    dictionaryHashes.removeAll(keepingCapacity: true)
    codes = nil
    hasDictionary = false
    levels = .none
    values = .none
    pageRemaining = 0
    nullsInChunk = 0
  }

  /// Appends the next `count` values of the column to column `index` of `batch`, and their
  /// hashes (`ValueHash`; `RowHash.absent` for a null) to `hashes`.
  /// Throws `InputError` when the chunk ends early or a page cannot be decoded.
  func read(_ count: Int, into batch: inout RecordBatch, column index: Int, hashes: inout [UInt64]) throws {
    var remaining = count
    while remaining > 0 {
      if pageRemaining == 0 { try loadDataPage() }
      let n = min(remaining, pageRemaining)
      do {
        let first = hashes.count
        hashes.append(contentsOf: repeatElement(RowHash.absent, count: n))
        try hashes.withUnsafeMutableBufferPointer { try readPiece(n, into: &batch, column: index, hashes: $0.baseAddress! + first) }
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

  private func readPiece(_ n: Int, into batch: inout RecordBatch, column index: Int, hashes: UnsafeMutablePointer<UInt64>) throws {
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
    batch.prepareToAppend()
    // Asked once a piece: asked of the enum once a value, it copied the decoder each time
    // (5.6 % of a Parquet profile's samples).
    if hasDictionary && values.isDictionary {
      try decodeIndices(defined)
      indexScratch.withUnsafeBufferPointer { indices in
        dictionaryHashes.withUnsafeBufferPointer { valueHashes in
          if let codes {
            appendCodes(indices.baseAddress!, n, dictionary: codes, into: &batch, column: index)
          } else {
            appendText(of: dictionary, indices: indices.baseAddress, valueHashes: valueHashes.baseAddress, n,
                       into: &batch, column: index, hashes: hashes)
          }
        }
      }
      return
    }
    batch.prepareTextAppends(toColumn: index)
    if try !appendPlainDirectly(n, defined: defined, into: &batch, column: index, hashes: hashes) {
      raw.removeAll()
      try decodeRaw(defined)
      text.removeAll()
      formatter.format(raw, count: defined, into: &text)
      appendText(of: text, indices: nil, valueHashes: nil, n, into: &batch, column: index, hashes: hashes)
    }
  }

  /// Calls `body` with the current piece's definition levels (nil for a REQUIRED column, every
  /// value present): 0 marks a null.
  @inline(__always)
  private func withLevels<R>(_ body: (UnsafePointer<UInt32>?) throws -> R) rethrows -> R {
    guard column.maxDefinitionLevel > 0 else { return try body(nil) }
    return try levelScratch.withUnsafeBufferPointer { try body($0.baseAddress) }
  }

  /// Appends `n` rows to the batch: each null absent, each value the next value of `source`
  /// (its `indices`' next entry for a dictionary, whose `valueHashes` are known; else each is
  /// hashed). Each present value's hash goes to `hashes`.
  private func appendText(of source: ValueBuffer, indices: UnsafePointer<UInt32>?, valueHashes: UnsafePointer<UInt64>?,
                          _ n: Int, into batch: inout RecordBatch, column index: Int, hashes: UnsafeMutablePointer<UInt64>) {
    withLevels { levels in
      source.bytes.withUnsafeBytes { bytes in
        source.ends.withUnsafeBufferPointer { ends in
          var v = 0
          for i in 0..<n {
            if let levels, levels[i] == 0 { batch.appendAbsentPrepared(toColumn: index); continue }
            let value = indices.map { Int($0[v]) } ?? v
            let start = value == 0 ? 0 : ends[value - 1]
            let text = UnsafeRawBufferPointer(rebasing: bytes[start..<ends[value]])
            batch.appendPrepared(text, toColumn: index)
            hashes[i] = valueHashes?[value] ?? ValueHash.hash(text)
            v += 1
          }
        }
      }
    }
  }

  /// Appends `n` rows to the batch as codes into `dictionary`: a dictionary value's text is
  /// copied only where a batch mixes pages of two kinds. Their hashes are not written (the
  /// dictionary has them): see `codedInBatch`.
  private func appendCodes(_ indices: UnsafePointer<UInt32>, _ n: Int, dictionary: ValueDictionary,
                           into batch: inout RecordBatch, column index: Int) {
    codedInBatch = true
    withLevels { levels in
      batch.appendCodesPrepared(indices, levels: levels, count: n, dictionary: dictionary, toColumn: index)
    }
  }

  /// Appends `n` rows of PLAIN integers, doubles or strings, formatted straight into the batch
  /// (the text `ParquetTextFormatter` gives them, with no copy between); false, having read
  /// nothing, for other values.
  private func appendPlainDirectly(_ n: Int, defined: Int, into batch: inout RecordBatch, column index: Int,
                                   hashes: UnsafeMutablePointer<UInt64>) throws -> Bool {
    guard case .plain(var decoder) = values else { return false }
    let format = formatter.format
    switch format {
    case .int32, .int64, .double, .string: break
    default: return false
    }
    values = .none
    defer { values = .plain(decoder) }
    if format == .string {
      try withLevels { levels in
        for i in 0..<n {
          if let levels, levels[i] == 0 { batch.appendAbsentPrepared(toColumn: index); continue }
          let value = try decoder.nextByteArray()
          formatter.checkUTF8(value)
          batch.appendPrepared(value, toColumn: index)
          hashes[i] = ValueHash.hash(value)
        }
      }
      return true
    }
    let width = format == .int32 ? 4 : 8
    let data = try decoder.takeFixed(defined, width: width).baseAddress
    let room = format == .double ? DirectText.doubleRoom : DirectText.integerRoom
    withLevels { levels in
      var at = data
      for i in 0..<n {
        if let levels, levels[i] == 0 { batch.appendAbsentPrepared(toColumn: index); continue }
        let bits = width == 4 ? UInt64(UInt32(littleEndian: at!.loadUnaligned(as: UInt32.self)))
                              : UInt64(littleEndian: at!.loadUnaligned(as: UInt64.self))
        batch.appendPreparedWriting(toColumn: index, maxBytes: room) { out in
          let count: Int
          switch format {
          case .int32: count = DirectText.writeSigned(Int64(Int32(truncatingIfNeeded: bits)), to: out)
          case .int64: count = DirectText.writeSigned(Int64(bitPattern: bits), to: out)
          default: count = DirectText.writeDouble(Double(bitPattern: bits), to: out)
          }
          hashes[i] = ValueHash.hash(UnsafeRawBufferPointer(start: out, count: count))
          return count
        }
        at = at! + width
      }
    }
    return true
  }

  /// Decodes `count` dictionary indices into `indexScratch`, each checked against the dictionary.
  private func decodeIndices(_ count: Int) throws {
    guard case .dictionary(var decoder) = values else { throw PageDataError("no dictionary indices to decode") }
    values = .none
    defer { values = .dictionary(decoder) }
    if indexScratch.count < Swift.max(count, 1) { indexScratch = Array(repeating: 0, count: Swift.max(count, 1)) }   // never without a base address
    try indexScratch.withUnsafeMutableBufferPointer { try decoder.read(count, into: $0.baseAddress!) }
    for i in 0..<count where Int(indexScratch[i]) >= dictionary.count {
      throw PageDataError("dictionary index \(indexScratch[i]) is past the dictionary's \(dictionary.count) values")
    }
  }
}
