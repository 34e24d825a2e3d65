/// How a flat column's values become the text that goes into a `RecordBatch`, chosen from the
/// physical type and the logical (or legacy converted) type.
///
/// The text forms, which the profile then reads like CSV values:
/// - integers in decimal (unsigned annotations read as unsigned); TIME stays its integer;
/// - FLOAT, DOUBLE and FLOAT16 in Swift's shortest round-trip form (`0.1`, `1.0`, `1e-05`,
///   `inf`); every NaN is `nan` (a missing token by default);
/// - booleans `true` / `false`; DATE `YYYY-MM-DD`;
/// - TIMESTAMP and INT96 `YYYY-MM-DDTHH:MM:SS`, with `.` and the unit's digits (3, 6 or 9)
///   when the fraction is not zero, and `Z` when the timestamp is adjusted to UTC;
/// - DECIMAL its exact decimal text with `scale` digits after the point (`-0.05`, `12.30`);
///   its profile type is `float`, or `integer` for a scale of 0 and at most 18 digits;
/// - STRING, ENUM and JSON their bytes; un-annotated BYTE_ARRAY (old writers store strings
///   that way) and BSON their bytes when they are valid UTF-8, else `0x` and lowercase hex;
///   un-annotated FIXED_LEN_BYTE_ARRAY `0x` and hex; UUID `8-4-4-4-12` hex.
enum ParquetValueFormat: Equatable {
  case boolean
  case int32, uint32, int64, uint64
  case date
  case timestamp(ParquetTimeUnit, utc: Bool)
  case int96
  case float, double, float16
  case decimal(scale: Int, precision: Int)
  case string, binary, hex, uuid

  /// The profile type: a column's type follows its storage type, never its values.
  var columnType: ColumnType {
    switch self {
    case .boolean: return .boolean
    case .int32, .uint32, .int64, .uint64: return .integer
    case .date: return .date
    case .timestamp, .int96: return .datetime
    // A whole-number DECIMAL of at most 18 digits always fits an Int64.
    case .decimal(0, let precision) where precision <= 18: return .integer
    case .float, .double, .float16, .decimal: return .float
    case .string, .binary, .hex, .uuid: return .string
    }
  }

  /// The format of a physical type with no annotation.
  static func plain(_ physical: ParquetPhysicalType) -> ParquetValueFormat {
    switch physical {
    case .boolean: return .boolean
    case .int32: return .int32
    case .int64: return .int64
    case .int96: return .int96
    case .float: return .float
    case .double: return .double
    case .byteArray: return .binary
    case .fixedLenByteArray: return .hex
    }
  }

  /// The format of `e`, and a warning when its annotation is unknown or does not fit its
  /// physical type (the column is then read as its physical type).
  static func of(_ e: ParquetSchemaElement, physical: ParquetPhysicalType, typeLength: Int) -> (ParquetValueFormat, String?) {
    let annotated = e.logicalType.map { fromLogical($0, e) } ?? e.convertedType.map { fromConverted($0, e) }
    guard let annotated else { return (plain(physical), nil) }
    guard let known = annotated else {
      return (plain(physical), "\(unknownName(e)) is not understood; read as \(physical.name)")
    }
    let (format, name) = known
    guard let format else { return (plain(physical), nil) }
    if fits(format, physical: physical, typeLength: typeLength) { return (format, nil) }
    return (plain(physical), "\(name) does not apply to \(physical.name); read as \(physical.name)")
  }

  /// nil: unknown; (nil, name): known, read as the physical type; else the format and its name.
  private static func fromLogical(_ t: ParquetLogicalType, _ e: ParquetSchemaElement) -> (ParquetValueFormat?, String)? {
    switch t {
    case .string, .enumeration, .json: return (.string, "STRING")
    case .decimal(let scale, let precision):
      return (scale >= 0 && scale <= 1000 ? .decimal(scale: Int(scale), precision: Int(precision)) : nil, "DECIMAL")
    case .date: return (.date, "DATE")
    case .timestamp(let utc, let unit): return (.timestamp(unit, utc: utc), "TIMESTAMP")
    case .integer(let bits, let signed):
      if signed { return (nil, "INTEGER") }
      return (bits == 64 ? .uint64 : .uint32, "INTEGER(\(bits), unsigned)")
    case .time, .null: return (nil, "TIME")
    case .bson: return (.binary, "BSON")
    case .uuid: return (.uuid, "UUID")
    case .float16: return (.float16, "FLOAT16")
    case .map, .list, .other: return nil
    }
  }

  private static func fromConverted(_ c: Int32, _ e: ParquetSchemaElement) -> (ParquetValueFormat?, String)? {
    switch c {
    case 0, 4, 19: return (.string, "UTF8")
    case 5:
      let scale = Int(e.scale ?? 0)
      return (scale >= 0 && scale <= 1000 ? .decimal(scale: scale, precision: Int(e.precision ?? 38)) : nil, "DECIMAL")
    case 6: return (.date, "DATE")
    case 7, 8, 15, 16, 17, 18: return (nil, "integer")
    // LogicalTypes.md: the legacy TIMESTAMP_MILLIS / _MICROS are adjusted to UTC.
    case 9: return (.timestamp(.millis, utc: true), "TIMESTAMP_MILLIS")
    case 10: return (.timestamp(.micros, utc: true), "TIMESTAMP_MICROS")
    case 11, 12, 13: return (.uint32, "UINT")
    case 14: return (.uint64, "UINT_64")
    case 20: return (.binary, "BSON")
    case 21: return (.hex, "INTERVAL")
    default: return nil
    }
  }

  private static func unknownName(_ e: ParquetSchemaElement) -> String {
    switch e.logicalType {
    case .other(let id)?: return "logical type \(id)"
    case .map?: return "logical type MAP on a primitive field"
    case .list?: return "logical type LIST on a primitive field"
    default: return "converted type \(e.convertedType ?? -1)"
    }
  }

  private static func fits(_ f: ParquetValueFormat, physical: ParquetPhysicalType, typeLength: Int) -> Bool {
    switch f {
    case .string, .binary: return physical == .byteArray
    case .decimal: return [.int32, .int64, .byteArray, .fixedLenByteArray].contains(physical)
    case .date, .uint32: return physical == .int32
    case .timestamp, .uint64: return physical == .int64
    case .uuid: return physical == .fixedLenByteArray && typeLength == 16
    case .float16: return physical == .fixedLenByteArray && typeLength == 2
    case .hex: return physical == .fixedLenByteArray
    default: return f == plain(physical)
    }
  }
}
