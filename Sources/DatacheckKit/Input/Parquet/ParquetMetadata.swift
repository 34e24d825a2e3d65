/// The parts of Parquet's footer (`FileMetaData`) and page headers that datacheck reads, as
/// plain values. Field names follow parquet.thrift from apache/parquet-format; fields datacheck
/// does not use are skipped while decoding (see `ParquetMetadataDecoding.swift`).
enum ParquetPhysicalType: Int32, CaseIterable {
  case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5, byteArray = 6, fixedLenByteArray = 7

  var name: String {
    ["BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"][Int(rawValue)]
  }
}

enum ParquetRepetition: Int32 {
  case required = 0, optional = 1, repeated = 2, vector = 3
}

/// Value and level encodings; an unknown value is kept as its number so the error can name it.
enum ParquetEncoding: Equatable {
  case plain, plainDictionary, rle, bitPacked, deltaBinaryPacked, deltaLengthByteArray, deltaByteArray
  case rleDictionary, byteStreamSplit, other(Int32)

  init(_ raw: Int32) {
    switch raw {
    case 0: self = .plain
    case 2: self = .plainDictionary
    case 3: self = .rle
    case 4: self = .bitPacked
    case 5: self = .deltaBinaryPacked
    case 6: self = .deltaLengthByteArray
    case 7: self = .deltaByteArray
    case 8: self = .rleDictionary
    case 9: self = .byteStreamSplit
    default: self = .other(raw)
    }
  }

  var name: String {
    switch self {
    case .plain: return "PLAIN"
    case .plainDictionary: return "PLAIN_DICTIONARY"
    case .rle: return "RLE"
    case .bitPacked: return "BIT_PACKED"
    case .deltaBinaryPacked: return "DELTA_BINARY_PACKED"
    case .deltaLengthByteArray: return "DELTA_LENGTH_BYTE_ARRAY"
    case .deltaByteArray: return "DELTA_BYTE_ARRAY"
    case .rleDictionary: return "RLE_DICTIONARY"
    case .byteStreamSplit: return "BYTE_STREAM_SPLIT"
    case .other(let n): return "encoding \(n)"
    }
  }
}

enum ParquetCodec: Int32 {
  case uncompressed = 0, snappy = 1, gzip = 2, lzo = 3, brotli = 4, lz4 = 5, zstd = 6, lz4Raw = 7

  var name: String { ["none", "snappy", "gzip", "lzo", "brotli", "lz4", "zstd", "lz4_raw"][Int(rawValue)] }
}

enum ParquetTimeUnit: Equatable {
  case millis, micros, nanos

  var perSecond: Int64 { self == .millis ? 1_000 : self == .micros ? 1_000_000 : 1_000_000_000 }
  var digits: Int { self == .millis ? 3 : self == .micros ? 6 : 9 }
}

/// The `LogicalType` union; `other` keeps the id of a member datacheck does not know.
enum ParquetLogicalType: Equatable {
  case string, map, list, enumeration, decimal(scale: Int32, precision: Int32), date
  case time(utc: Bool, unit: ParquetTimeUnit), timestamp(utc: Bool, unit: ParquetTimeUnit)
  case integer(bits: Int8, signed: Bool), null, json, bson, uuid, float16
  case other(id: Int16)
}

struct ParquetSchemaElement {
  var name = ""
  var type: ParquetPhysicalType?
  var typeLength: Int32?
  var repetition: ParquetRepetition?
  var numChildren: Int32?
  var convertedType: Int32?
  var scale: Int32?
  var precision: Int32?
  var logicalType: ParquetLogicalType?
}

/// Column chunk or page statistics, raw; `ParquetStatistics.swift` says which parts are exact.
struct ParquetStatisticsRecord: Equatable {
  var max: [UInt8]?
  var min: [UInt8]?
  var nullCount: Int64?
  var maxValue: [UInt8]?
  var minValue: [UInt8]?
  var isMaxValueExact: Bool?
  var isMinValueExact: Bool?
}

struct ParquetColumnMetaData {
  var type: ParquetPhysicalType = .boolean
  var encodings: [ParquetEncoding] = []
  var path: [String] = []
  var codec: Int32 = 0
  var numValues: Int64 = 0
  var totalUncompressedSize: Int64 = 0
  var totalCompressedSize: Int64 = 0
  var dataPageOffset: Int64 = 0
  var dictionaryPageOffset: Int64?
  var statistics: ParquetStatisticsRecord?
}

struct ParquetColumnChunk {
  var filePath: String?
  var metaData: ParquetColumnMetaData?
  /// Set when the chunk carries crypto metadata or encrypted column metadata.
  var encrypted = false
}

struct ParquetRowGroup {
  var columns: [ParquetColumnChunk] = []
  var numRows: Int64 = 0
}

struct ParquetFileMetaData {
  var version: Int32 = 0
  var schema: [ParquetSchemaElement] = []
  var numRows: Int64 = 0
  var rowGroups: [ParquetRowGroup] = []
  var createdBy: String?
  /// Set when the footer names an encryption algorithm (encrypted columns, plaintext footer).
  var encrypted = false
}

enum ParquetPageType: Int32 {
  case dataPage = 0, indexPage = 1, dictionaryPage = 2, dataPageV2 = 3
}

struct ParquetPageHeader {
  var type: Int32 = -1
  var uncompressedSize: Int32 = -1
  var compressedSize: Int32 = -1
  var crc: Int32?
  var dataPage: DataPage?
  var dictionaryPage: DictionaryPage?
  var dataPageV2: DataPageV2?

  struct DataPage {
    var numValues: Int32 = -1
    var encoding = ParquetEncoding.plain
    var definitionLevelEncoding = ParquetEncoding.rle
    var repetitionLevelEncoding = ParquetEncoding.rle
  }

  struct DictionaryPage {
    var numValues: Int32 = -1
    var encoding = ParquetEncoding.plain
  }

  struct DataPageV2 {
    var numValues: Int32 = -1
    var numNulls: Int32 = -1
    var numRows: Int32 = -1
    var encoding = ParquetEncoding.plain
    var definitionLevelsByteLength: Int32 = -1
    var repetitionLevelsByteLength: Int32 = -1
    var isCompressed = true
  }
}
