/// Decodes a `PageHeader` from Thrift compact bytes. Page statistics are skipped (datacheck
/// reads every value), and so are index pages and unknown fields.
extension ParquetPageHeader {
  static func decode(_ r: inout ThriftCompactReader) throws -> ParquetPageHeader {
    var h = ParquetPageHeader()
    try r.readStruct { r, f in
      switch (f.id, f.type) {
      case (1, .i32): h.type = try r.readI32()
      case (2, .i32): h.uncompressedSize = try r.readI32()
      case (3, .i32): h.compressedSize = try r.readI32()
      case (4, .i32): h.crc = try r.readI32()
      case (5, .structure): h.dataPage = try decodeDataPage(&r)
      case (7, .structure): h.dictionaryPage = try decodeDictionaryPage(&r)
      case (8, .structure): h.dataPageV2 = try decodeDataPageV2(&r)
      default: return false
      }
      return true
    }
    return h
  }

  private static func decodeDataPage(_ r: inout ThriftCompactReader) throws -> DataPage {
    var p = DataPage()
    try r.readStruct { r, f in
      switch (f.id, f.type) {
      case (1, .i32): p.numValues = try r.readI32()
      case (2, .i32): p.encoding = ParquetEncoding(try r.readI32())
      case (3, .i32): p.definitionLevelEncoding = ParquetEncoding(try r.readI32())
      case (4, .i32): p.repetitionLevelEncoding = ParquetEncoding(try r.readI32())
      default: return false
      }
      return true
    }
    return p
  }

  private static func decodeDictionaryPage(_ r: inout ThriftCompactReader) throws -> DictionaryPage {
    var p = DictionaryPage()
    try r.readStruct { r, f in
      switch (f.id, f.type) {
      case (1, .i32): p.numValues = try r.readI32()
      case (2, .i32): p.encoding = ParquetEncoding(try r.readI32())
      default: return false
      }
      return true
    }
    return p
  }

  private static func decodeDataPageV2(_ r: inout ThriftCompactReader) throws -> DataPageV2 {
    var p = DataPageV2()
    try r.readStruct { r, f in
      switch (f.id, f.type) {
      case (1, .i32): p.numValues = try r.readI32()
      case (2, .i32): p.numNulls = try r.readI32()
      case (3, .i32): p.numRows = try r.readI32()
      case (4, .i32): p.encoding = ParquetEncoding(try r.readI32())
      case (5, .i32): p.definitionLevelsByteLength = try r.readI32()
      case (6, .i32): p.repetitionLevelsByteLength = try r.readI32()
      case (7, .boolTrue), (7, .boolFalse): p.isCompressed = r.bool(f)
      default: return false
      }
      return true
    }
    return p
  }
}
