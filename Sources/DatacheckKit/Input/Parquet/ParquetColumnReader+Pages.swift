/// Page set-up for `ParquetColumnReader`: dictionary pages, v1 and v2 data pages, and the
/// decoding of non-dictionary values into physical form.
extension ParquetColumnReader {
  /// Reads pages until a data page with values; a dictionary page on the way is loaded.
  func loadDataPage() throws {
    while pageRemaining == 0 {
      guard let page = try pages.next() else {
        throw place.error(.parquetBadPage, "the column chunk ends before the row group's last row: its pages hold too few values")
      }
      let here = place.with(page: page.index)
      do {
        switch page.type {
        case .dictionaryPage: try loadDictionary(page, at: here)
        case .dataPage: try startDataPageV1(page, at: here)
        case .dataPageV2: try startDataPageV2(page, at: here)
        case .indexPage: continue
        }
      } catch let error as PageDataError {
        throw here.error(.parquetBadPage, error.message)
      }
    }
  }

  private func loadDictionary(_ page: ColumnChunkPages.Page, at here: ParquetPlace) throws {
    let header = page.header.dictionaryPage!  // present and valid: checked by ColumnChunkPages
    guard !hasDictionary else { throw here.error(.parquetBadPage, "a second dictionary page in one column chunk") }
    guard header.encoding == .plain || header.encoding == .plainDictionary else {
      throw here.error(.parquetUnsupportedEncoding, "the dictionary page is \(header.encoding.name)-encoded; dictionaries are PLAIN")
    }
    values = .plain(PlainDecoder(page.data))
    raw.removeAll()
    try decodeRaw(Int(header.numValues))
    dictionary.removeAll()
    formatter.format(raw, count: Int(header.numValues), into: &dictionary)
    dictionaryHashes = dictionary.bytes.withUnsafeBytes { bytes in
      (0..<dictionary.count).map { ValueHash.hash(UnsafeRawBufferPointer(rebasing: bytes[dictionary.range($0)])) }
    }
    codes = ValueDictionary(bytes: dictionary.bytes, ends: dictionary.ends, hashes: dictionaryHashes)
    values = .none
    hasDictionary = true
  }

  private func startDataPageV1(_ page: ColumnChunkPages.Page, at here: ParquetPlace) throws {
    let header = page.header.dataPage!  // present and valid: checked by ColumnChunkPages
    let data = page.data
    var valuesStart = 0
    levels = .none
    if column.maxDefinitionLevel > 0 {
      switch header.definitionLevelEncoding {
      case .rle:
        guard data.count >= 4 else { throw PageDataError("the page ends before its definition levels' length") }
        let length = Int(data.loadLittleEndian(at: 0, as: UInt32.self))
        guard length <= data.count - 4 else { throw PageDataError("the definition levels claim \(length) bytes, \(data.count - 4) remain") }
        levels = .rle(RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: data[4..<4 + length]), bitWidth: 1))
        valuesStart = 4 + length
      case .bitPacked:
        let length = (Int(header.numValues) + 7) / 8
        guard length <= data.count else { throw PageDataError("the BIT_PACKED definition levels run past the page") }
        levels = .bitPacked(UnsafeRawBufferPointer(rebasing: data[0..<length]), next: 0)
        valuesStart = length
      default:
        throw here.error(.parquetUnsupportedEncoding, "definition levels encoded as \(header.definitionLevelEncoding.name)")
      }
    }
    try startValues(header.encoding, UnsafeRawBufferPointer(rebasing: data[valuesStart...]),
                    maxValues: Int(header.numValues), at: here)
    pageRemaining = Int(header.numValues)
  }

  private func startDataPageV2(_ page: ColumnChunkPages.Page, at here: ParquetPlace) throws {
    let header = page.header.dataPageV2!  // present and valid: checked by ColumnChunkPages
    let repetition = Int(header.repetitionLevelsByteLength)
    let definition = Int(header.definitionLevelsByteLength)
    levels = .none
    if column.maxDefinitionLevel > 0 {
      levels = .rle(RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: page.data[repetition..<repetition + definition]), bitWidth: 1))
    } else if header.numNulls > 0 {
      throw PageDataError("the column is REQUIRED, but the page declares \(header.numNulls) nulls")
    }
    try startValues(header.encoding, UnsafeRawBufferPointer(rebasing: page.data[(repetition + definition)...]),
                    maxValues: Int(header.numValues - header.numNulls), at: here)
    pageRemaining = Int(header.numValues)
  }

  private func startValues(_ encoding: ParquetEncoding, _ data: UnsafeRawBufferPointer, maxValues: Int, at here: ParquetPlace) throws {
    let width = ParquetTextFormatter.width(of: column.physical, typeLength: column.typeLength)
    guard let source = try PageValueSource.make(encoding, data, physical: column.physical, width: width, maxValues: maxValues) else {
      throw here.error(.parquetUnsupportedEncoding, "\(encoding.name) is not an encoding datacheck reads for \(column.physical.name) values")
    }
    if source.isDictionary && !hasDictionary {
      throw here.error(.parquetBadPage, "the page is dictionary-encoded, but the column chunk has no dictionary page")
    }
    values = source
  }

  /// Decodes `count` values of the current (non-dictionary) source into `raw`: fixed-width
  /// values little-endian without ends, byte arrays with ends.
  func decodeRaw(_ count: Int) throws {
    let width = ParquetTextFormatter.width(of: column.physical, typeLength: column.typeLength)
    switch values {
    case .none, .dictionary:
      throw PageDataError("no values to decode")
    case .plain(var d):
      values = .none
      defer { values = .plain(d) }
      switch column.physical {
      case .boolean: try d.readBooleans(count, into: &raw)
      case .byteArray: try d.readByteArrays(count, into: &raw)
      default: try d.readFixed(count, width: width, into: &raw)
      }
    case .rleBoolean(var d):
      values = .none
      defer { values = .rleBoolean(d) }
      if indexScratch.count < count { indexScratch = Array(repeating: 0, count: count) }
      try indexScratch.withUnsafeMutableBufferPointer { try d.read(count, into: $0.baseAddress!) }
      for i in 0..<count { raw.bytes.append(UInt8(truncatingIfNeeded: indexScratch[i] & 1)) }
    case .deltaBinaryPacked(var d):
      values = .none
      defer { values = .deltaBinaryPacked(d) }
      if integerScratch.count < count { integerScratch = Array(repeating: 0, count: count) }
      try integerScratch.withUnsafeMutableBufferPointer { try d.read(count, into: $0.baseAddress!) }
      for i in 0..<count { appendInteger(integerScratch[i], width: width) }
    case .deltaLength(var d):
      values = .none
      defer { values = .deltaLength(d) }
      try d.read(count, into: &raw)
    case .deltaByteArray(var d):
      values = .none
      defer { values = .deltaByteArray(d) }
      try d.read(count, into: &raw)
      if column.physical == .fixedLenByteArray { try dropEnds(width: width) }
    case .byteStreamSplit(var d):
      values = .none
      defer { values = .byteStreamSplit(d) }
      try d.read(count, into: &raw)
    }
  }

  private func appendInteger(_ v: Int64, width: Int) {
    if width == 4 {
      withUnsafeBytes(of: Int32(truncatingIfNeeded: v).littleEndian) { raw.bytes.append(contentsOf: $0) }
    } else {
      withUnsafeBytes(of: v.littleEndian) { raw.bytes.append(contentsOf: $0) }
    }
  }

  /// FIXED_LEN_BYTE_ARRAY values decoded as byte arrays: each must have the column's width.
  private func dropEnds(width: Int) throws {
    for i in 0..<raw.count where raw.range(i).count != width {
      throw PageDataError("a FIXED_LEN_BYTE_ARRAY value has \(raw.range(i).count) bytes, the column's width is \(width)")
    }
    raw.ends.removeAll(keepingCapacity: true)
  }
}
