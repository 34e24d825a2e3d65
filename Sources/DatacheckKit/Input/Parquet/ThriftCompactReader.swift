/// A decoder of the Thrift compact protocol over a byte buffer, as Parquet's footer and page
/// headers use it.
///
/// It reads fields one by one and lets the caller pick the ones it knows; everything else is
/// skipped. Every length and element count is checked against the bytes that remain before
/// anything is allocated, and nesting is capped, so a hostile footer can only produce a
/// `ThriftError`, never a crash, a hang or a large allocation. Cost: one pass over the bytes.
struct ThriftCompactReader {
  /// The compact protocol's type ids (the low nibble of a field header).
  enum FieldType: UInt8 {
    case stop = 0, boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7
    case binary = 8, list = 9, set = 10, map = 11, structure = 12
  }

  /// One field header: its id and type.
  struct Field {
    var id: Int16
    var type: FieldType
  }

  /// Structs nested deeper than this are refused (Parquet's deepest is about 6).
  static let maxDepth = 64

  let bytes: UnsafeRawBufferPointer
  private(set) var position = 0
  private var depth = 0

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  var remaining: Int { bytes.count - position }

  mutating func readByte() throws -> UInt8 {
    guard position < bytes.count else { throw ThriftError.truncated(at: position) }
    defer { position += 1 }
    return bytes[position]
  }

  /// An unsigned LEB128 varint of at most 10 bytes.
  mutating func readVarint() throws -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let byte = try readByte()
      if shift == 63 && byte > 1 { throw ThriftError.invalid("a varint overflows 64 bits", at: position - 1) }
      result |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return result }
      shift += 7
    }
  }

  mutating func readI64() throws -> Int64 {
    let v = try readVarint()
    return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))  // zigzag
  }

  mutating func readI32() throws -> Int32 {
    let start = position
    let v = try readI64()
    guard let narrow = Int32(exactly: v) else { throw ThriftError.invalid("an i32 holds \(v)", at: start) }
    return narrow
  }

  mutating func readI16() throws -> Int16 {
    let start = position
    let v = try readI64()
    guard let narrow = Int16(exactly: v) else { throw ThriftError.invalid("an i16 holds \(v)", at: start) }
    return narrow
  }

  /// A length-prefixed byte string, as a view into `bytes` (valid while `bytes` is).
  mutating func readBinary() throws -> UnsafeRawBufferPointer {
    let start = position
    let length = try readVarint()
    guard length <= UInt64(remaining) else {
      throw ThriftError.invalid("a string of \(length) bytes is longer than the \(remaining) bytes left", at: start)
    }
    defer { position += Int(length) }
    return UnsafeRawBufferPointer(rebasing: bytes[position..<position + Int(length)])
  }

  mutating func readBytes() throws -> [UInt8] { Array(try readBinary()) }

  mutating func readString() throws -> String { String(decoding: try readBinary(), as: UTF8.self) }

  /// A boolean struct field: its value is in the field type.
  func bool(_ field: Field) -> Bool { field.type == .boolTrue }

  /// Reads a struct's fields until its stop byte, handing each to `body`; fields for which
  /// `body` returns false are skipped.
  mutating func readStruct(_ body: (inout ThriftCompactReader, Field) throws -> Bool) throws {
    depth += 1
    defer { depth -= 1 }
    guard depth <= ThriftCompactReader.maxDepth else { throw ThriftError.invalid("structs nest too deep", at: position) }
    var lastID: Int16 = 0
    while true {
      let start = position
      let header = try readByte()
      if header == 0 { return }
      guard let type = FieldType(rawValue: header & 0x0F) else {
        throw ThriftError.invalid("unknown field type \(header & 0x0F)", at: start)
      }
      let delta = Int16(header >> 4)
      let id = try delta == 0 ? readI16() : lastID &+ delta
      lastID = id
      // An i16 is read where an i32 is expected: both are zigzag varints, and some writers
      // use the narrower type (ARROW-RS-GH-6229-DICTHEADER.parquet stores num_values so).
      let field = Field(id: id, type: type == .i16 ? .i32 : type)
      if try !body(&self, field) { try skip(type) }
    }
  }

  /// Reads a list whose elements must be of type `element`, decoding each with `body`.
  mutating func readList<T>(of element: FieldType, _ body: (inout ThriftCompactReader) throws -> T) throws -> [T] {
    let start = position
    let (count, type) = try readListHeader()
    guard type == element || (element == .boolTrue && type == .boolFalse) else {
      throw ThriftError.invalid("a list holds type \(type) where \(element) was expected", at: start)
    }
    var out: [T] = []
    out.reserveCapacity(count)
    for _ in 0..<count { out.append(try body(&self)) }
    return out
  }

  /// A list header: the element count (checked against the bytes left) and element type.
  private mutating func readListHeader() throws -> (Int, FieldType) {
    let start = position
    let header = try readByte()
    guard let type = FieldType(rawValue: header & 0x0F) else {
      throw ThriftError.invalid("unknown list element type \(header & 0x0F)", at: start)
    }
    var count = UInt64(header >> 4)
    if count == 15 { count = try readVarint() }
    // Every element takes at least one byte, so a count past the bytes left is a lie.
    guard count <= UInt64(remaining) else {
      throw ThriftError.invalid("a list of \(count) elements is longer than the \(remaining) bytes left", at: start)
    }
    return (Int(count), type)
  }

  /// Skips one value of type `type`, nested values included.
  mutating func skip(_ type: FieldType) throws {
    switch type {
    case .stop: throw ThriftError.invalid("a stop byte where a value was expected", at: position)
    case .boolTrue, .boolFalse: return
    case .byte: _ = try readByte()
    case .i16, .i32, .i64: _ = try readVarint()
    case .double:
      guard remaining >= 8 else { throw ThriftError.truncated(at: position) }
      position += 8
    case .binary: _ = try readBinary()
    case .list, .set:
      let (count, element) = try readListHeader()
      try nested { r in for _ in 0..<count { try r.skipElement(element) } }
    case .map:
      let count = try readVarint()
      guard count > 0 else { return }
      guard count <= UInt64(remaining) else { throw ThriftError.invalid("a map of \(count) entries overruns", at: position) }
      let types = try readByte()
      guard let key = FieldType(rawValue: types >> 4), let value = FieldType(rawValue: types & 0x0F) else {
        throw ThriftError.invalid("unknown map types \(types)", at: position - 1)
      }
      try nested { r in for _ in 0..<count { try r.skipElement(key); try r.skipElement(value) } }
    case .structure: try readStruct { _, _ in false }
    }
  }

  /// Inside collections a boolean is a whole byte, not part of a field header.
  private mutating func skipElement(_ type: FieldType) throws {
    if type == .boolTrue || type == .boolFalse { _ = try readByte() } else { try skip(type) }
  }

  private mutating func nested(_ body: (inout ThriftCompactReader) throws -> Void) throws {
    depth += 1
    defer { depth -= 1 }
    guard depth <= ThriftCompactReader.maxDepth else { throw ThriftError.invalid("collections nest too deep", at: position) }
    try body(&self)
  }
}

/// Why Thrift bytes could not be decoded; the caller says where (footer or page header).
enum ThriftError: Error, Equatable {
  /// The bytes end inside a value: the buffer may just be too short (page headers are read with
  /// a window that can grow), or the data is cut.
  case truncated(at: Int)
  /// The bytes cannot be a valid message: a bad type id, a length past the end, a bad enum value.
  case invalid(String, at: Int)

  var message: String {
    switch self {
    case .truncated(let at): return "the bytes end at offset \(at) inside a value"
    case .invalid(let what, let at): return "\(what) (at offset \(at))"
    }
  }
}
