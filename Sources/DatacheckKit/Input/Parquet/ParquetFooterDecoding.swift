/// Decodes `FileMetaData` from the footer's Thrift compact bytes.
///
/// Enum fields are validated where datacheck relies on them (physical types, repetition), and
/// the error names the field: `schema[3] (\`price\`): type 7777 is not a Parquet physical type`.
/// Fields datacheck does not use are skipped. Cost: one pass over the footer bytes.
extension ParquetFileMetaData {
  static func decode(_ r: inout ThriftCompactReader) throws -> ParquetFileMetaData {
    var m = ParquetFileMetaData()
    var index = 0
    try r.readStruct { r, f in
      switch (f.id, f.type) {
      case (1, .i32): m.version = try r.readI32()
      case (2, .list):
        m.schema = try r.readList(of: .structure) { r in
          defer { index += 1 }
          return try ParquetSchemaElement.decode(&r, index: index)
        }
      case (3, .i64): m.numRows = try r.readI64()
      case (4, .list):
        index = 0
        m.rowGroups = try r.readList(of: .structure) { r in
          defer { index += 1 }
          return try ParquetRowGroup.decode(&r, index: index)
        }
      case (6, .binary): m.createdBy = try r.readString()
      case (8, .structure): m.encrypted = true; try r.skip(f.type)
      default: return false
      }
      return true
    }
    return m
  }
}

extension ParquetSchemaElement {
  static func decode(_ r: inout ThriftCompactReader, index: Int) throws -> ParquetSchemaElement {
    var e = ParquetSchemaElement()
    var rawType: Int32?
    var rawRepetition: Int32?
    var sawName = false
    try r.readStruct { r, f in
      switch (f.id, f.type) {
      case (1, .i32): rawType = try r.readI32()
      case (2, .i32): e.typeLength = try r.readI32()
      case (3, .i32): rawRepetition = try r.readI32()
      case (4, .binary): e.name = try r.readString(); sawName = true
      case (5, .i32): e.numChildren = try r.readI32()
      case (6, .i32): e.convertedType = try r.readI32()
      case (7, .i32): e.scale = try r.readI32()
      case (8, .i32): e.precision = try r.readI32()
      case (10, .structure): e.logicalType = try ParquetLogicalType.decode(&r)
      default: return false
      }
      return true
    }
    let field = "schema[\(index)]" + (sawName ? " (`\(e.name)`)" : "")
    guard sawName else { throw ThriftError.invalid("\(field) has no name", at: r.position) }
    if let rawType {
      guard let type = ParquetPhysicalType(rawValue: rawType) else {
        throw ThriftError.invalid("\(field): type \(rawType) is not a Parquet physical type (0 BOOLEAN … 7 FIXED_LEN_BYTE_ARRAY)", at: r.position)
      }
      e.type = type
    }
    if let rawRepetition {
      guard let repetition = ParquetRepetition(rawValue: rawRepetition) else {
        throw ThriftError.invalid("\(field): repetition_type \(rawRepetition) is not REQUIRED, OPTIONAL or REPEATED", at: r.position)
      }
      e.repetition = repetition
    }
    return e
  }
}

extension ParquetLogicalType {
  static func decode(_ r: inout ThriftCompactReader) throws -> ParquetLogicalType? {
    var result: ParquetLogicalType?
    try r.readStruct { r, f in
      guard f.type == .structure else { return false }
      switch f.id {
      case 1: result = .string
      case 2: result = .map
      case 3: result = .list
      case 4: result = .enumeration
      case 5: result = try decodeDecimal(&r); return true
      case 6: result = .date
      case 7: let (utc, unit) = try decodeTime(&r); result = .time(utc: utc, unit: unit); return true
      case 8: let (utc, unit) = try decodeTime(&r); result = .timestamp(utc: utc, unit: unit); return true
      case 10: result = try decodeInteger(&r); return true
      case 11: result = .null
      case 12: result = .json
      case 13: result = .bson
      case 14: result = .uuid
      case 15: result = .float16
      default: result = .other(id: f.id)
      }
      try r.skip(f.type)
      return true
    }
    return result
  }

  private static func decodeDecimal(_ r: inout ThriftCompactReader) throws -> ParquetLogicalType {
    var scale: Int32 = 0, precision: Int32 = 0
    try r.readStruct { r, f in
      switch (f.id, f.type) {
      case (1, .i32): scale = try r.readI32()
      case (2, .i32): precision = try r.readI32()
      default: return false
      }
      return true
    }
    return .decimal(scale: scale, precision: precision)
  }

  private static func decodeTime(_ r: inout ThriftCompactReader) throws -> (Bool, ParquetTimeUnit) {
    var utc = false
    var unit = ParquetTimeUnit.millis
    try r.readStruct { r, f in
      switch (f.id, f.type) {
      case (1, .boolTrue), (1, .boolFalse): utc = r.bool(f)
      case (2, .structure):
        try r.readStruct { r, u in
          unit = u.id == 3 ? .nanos : u.id == 2 ? .micros : .millis
          return false
        }
      default: return false
      }
      return true
    }
    return (utc, unit)
  }

  private static func decodeInteger(_ r: inout ThriftCompactReader) throws -> ParquetLogicalType {
    var bits: Int8 = 64, signed = true
    try r.readStruct { r, f in
      switch (f.id, f.type) {
      case (1, .byte): bits = Int8(bitPattern: try r.readByte())
      case (2, .boolTrue), (2, .boolFalse): signed = r.bool(f)
      default: return false
      }
      return true
    }
    return .integer(bits: bits, signed: signed)
  }
}

extension ParquetRowGroup {
  static func decode(_ r: inout ThriftCompactReader, index: Int) throws -> ParquetRowGroup {
    var g = ParquetRowGroup()
    var column = 0
    try r.readStruct { r, f in
      switch (f.id, f.type) {
      case (1, .list):
        g.columns = try r.readList(of: .structure) { r in
          defer { column += 1 }
          return try ParquetColumnChunk.decode(&r, field: "row_groups[\(index)].columns[\(column)]")
        }
      case (3, .i64): g.numRows = try r.readI64()
      default: return false
      }
      return true
    }
    return g
  }
}

extension ParquetColumnChunk {
  static func decode(_ r: inout ThriftCompactReader, field: String) throws -> ParquetColumnChunk {
    var c = ParquetColumnChunk()
    try r.readStruct { r, f in
      switch (f.id, f.type) {
      case (1, .binary): c.filePath = try r.readString()
      case (3, .structure): c.metaData = try ParquetColumnMetaData.decode(&r, field: field + ".meta_data")
      case (8, _), (9, _): c.encrypted = true; return false
      default: return false
      }
      return true
    }
    return c
  }
}

extension ParquetColumnMetaData {
  static func decode(_ r: inout ThriftCompactReader, field: String) throws -> ParquetColumnMetaData {
    var m = ParquetColumnMetaData()
    var rawType: Int32 = -1
    try r.readStruct { r, f in
      switch (f.id, f.type) {
      case (1, .i32): rawType = try r.readI32()
      case (2, .list): m.encodings = try r.readList(of: .i32) { r in ParquetEncoding(try r.readI32()) }
      case (3, .list): m.path = try r.readList(of: .binary) { r in try r.readString() }
      case (4, .i32): m.codec = try r.readI32()
      case (5, .i64): m.numValues = try r.readI64()
      case (6, .i64): m.totalUncompressedSize = try r.readI64()
      case (7, .i64): m.totalCompressedSize = try r.readI64()
      case (9, .i64): m.dataPageOffset = try r.readI64()
      case (11, .i64): m.dictionaryPageOffset = try r.readI64()
      case (12, .structure): m.statistics = try ParquetStatisticsRecord.decode(&r)
      default: return false
      }
      return true
    }
    guard let type = ParquetPhysicalType(rawValue: rawType) else {
      throw ThriftError.invalid("\(field).type: \(rawType) is not a Parquet physical type", at: r.position)
    }
    m.type = type
    return m
  }
}

extension ParquetStatisticsRecord {
  static func decode(_ r: inout ThriftCompactReader) throws -> ParquetStatisticsRecord {
    var s = ParquetStatisticsRecord()
    try r.readStruct { r, f in
      switch (f.id, f.type) {
      case (1, .binary): s.max = try r.readBytes()
      case (2, .binary): s.min = try r.readBytes()
      case (3, .i64): s.nullCount = try r.readI64()
      case (5, .binary): s.maxValue = try r.readBytes()
      case (6, .binary): s.minValue = try r.readBytes()
      case (7, .boolTrue), (7, .boolFalse): s.isMaxValueExact = r.bool(f)
      case (8, .boolTrue), (8, .boolFalse): s.isMinValueExact = r.bool(f)
      default: return false
      }
      return true
    }
    return s
  }
}
