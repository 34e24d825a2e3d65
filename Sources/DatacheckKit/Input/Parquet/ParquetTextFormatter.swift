/// Turns decoded physical values into the text forms `ParquetValueFormat` documents.
///
/// One `switch` per value on the column's format (the same branch every time), and no
/// allocation once the buffers have grown: digits are written straight into the text buffer.
struct ParquetTextFormatter {
  let format: ParquetValueFormat
  let physical: ParquetPhysicalType
  /// Bytes per decoded value, or 0 for BYTE_ARRAY (whose values carry their ends).
  let width: Int
  private var limbs: [UInt32] = []
  /// STRING values that are not valid UTF-8 (they are kept as they are), counted as formatted.
  private(set) var invalidUTF8 = 0

  init(column: ParquetSchema.Column) {
    format = column.format
    physical = column.physical
    width = ParquetTextFormatter.width(of: column.physical, typeLength: column.typeLength)
  }

  /// The width of a decoded value: booleans are decoded to one byte each.
  static func width(of physical: ParquetPhysicalType, typeLength: Int) -> Int {
    switch physical {
    case .boolean: return 1
    case .int32, .float: return 4
    case .int64, .double: return 8
    case .int96: return 12
    case .byteArray: return 0
    case .fixedLenByteArray: return typeLength
    }
  }

  /// Appends the text of the first `count` values of `raw` to `text`, one value each.
  mutating func format(_ raw: ValueBuffer, count: Int, into text: inout ValueBuffer) {
    raw.bytes.withUnsafeBytes { p in
      for i in 0..<count {
        let range = width > 0 ? i * width..<(i + 1) * width : raw.range(i)
        append(UnsafeRawBufferPointer(rebasing: p[range]), to: &text)
        text.endValue()
      }
    }
  }

  private mutating func append(_ v: UnsafeRawBufferPointer, to text: inout ValueBuffer) {
    switch format {
    case .boolean: text.appendASCII(v[0] != 0 ? "true" : "false")
    case .int32: text.appendSigned(Int64(v.int32))
    case .uint32: text.appendUnsigned(UInt64(UInt32(bitPattern: v.int32)))
    case .int64: text.appendSigned(v.int64)
    case .uint64: text.appendUnsigned(UInt64(bitPattern: v.int64))
    case .date: text.appendDate(days: Int64(v.int32))
    case .timestamp(let unit, let utc): text.appendTimestamp(v.int64, unit: unit, utc: utc)
    case .int96: text.appendInt96(nanosOfDay: v.int64, julianDay: v.loadLittleEndian(at: 8, as: Int32.self))
    case .float: text.appendFloat(Float(bitPattern: UInt32(bitPattern: v.int32)))
    case .double: text.appendDouble(Double(bitPattern: UInt64(bitPattern: v.int64)))
    case .float16: text.appendFloat16(v.loadLittleEndian(at: 0, as: UInt16.self))
    case .decimal(let scale, _): appendDecimal(v, scale: scale, to: &text)
    case .string:
      if !UTF8Check.isValid(v) { invalidUTF8 += 1 }
      text.bytes.append(contentsOf: v)
    case .binary:
      if UTF8Check.isValid(v) { text.bytes.append(contentsOf: v) } else { text.appendHex(v) }
    case .hex: text.appendHex(v)
    case .uuid: text.appendUUID(v)
    }
  }

  private mutating func appendDecimal(_ v: UnsafeRawBufferPointer, scale: Int, to text: inout ValueBuffer) {
    switch physical {
    case .int32: text.appendDecimal(Int64(v.int32), scale: scale)
    case .int64: text.appendDecimal(v.int64, scale: scale)
    default: text.appendDecimal(bigEndian: v, scale: scale, limbs: &limbs)
    }
  }
}

extension UnsafeRawBufferPointer {
  @inline(__always)
  func loadLittleEndian<T: FixedWidthInteger>(at offset: Int, as type: T.Type) -> T {
    T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
  }

  @inline(__always) var int32: Int32 { loadLittleEndian(at: 0, as: Int32.self) }
  @inline(__always) var int64: Int64 { loadLittleEndian(at: 0, as: Int64.self) }
}
