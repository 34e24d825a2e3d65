/// PLAIN (Parquet's Encodings.md): fixed-width values little-endian back to back, booleans one
/// bit each (least significant first), BYTE_ARRAY values as a 4-byte length then the bytes.
/// Decoded values are appended to a `ValueBuffer` (fixed-width values without ends).
struct PlainDecoder {
  private let data: UnsafeRawBufferPointer
  private var position = 0
  private var bitOffset = 0

  init(_ data: UnsafeRawBufferPointer) { self.data = data }

  /// Copies `count` values of `width` bytes.
  mutating func readFixed(_ count: Int, width: Int, into out: inout ValueBuffer) throws {
    out.bytes.append(contentsOf: try takeFixed(count, width: width))
  }

  /// The next `count` values of `width` bytes, in the page.
  mutating func takeFixed(_ count: Int, width: Int) throws -> UnsafeRawBufferPointer {
    let bytes = count * width
    guard bytes <= data.count - position else {
      throw PageDataError("the page's values are short: \(count) more values of \(width) bytes were needed, its PLAIN data holds \((data.count - position) / width)")
    }
    defer { position += bytes }
    return UnsafeRawBufferPointer(rebasing: data[position..<position + bytes])
  }

  /// Unpacks `count` booleans into one byte each (0 or 1).
  mutating func readBooleans(_ count: Int, into out: inout ValueBuffer) throws {
    guard bitOffset + count <= data.count * 8 else {
      throw PageDataError("the page's PLAIN booleans end after \(data.count * 8 - bitOffset) more values, \(count) were needed")
    }
    for _ in 0..<count {
      out.bytes.append(UInt8((data[bitOffset >> 3] >> UInt8(bitOffset & 7)) & 1))
      bitOffset += 1
    }
  }

  /// Copies `count` length-prefixed byte arrays.
  mutating func readByteArrays(_ count: Int, into out: inout ValueBuffer) throws {
    for _ in 0..<count {
      out.bytes.append(contentsOf: try nextByteArray())
      out.endValue()
    }
  }

  /// The next length-prefixed byte array, in the page.
  @inline(__always)
  mutating func nextByteArray() throws -> UnsafeRawBufferPointer {
    guard data.count - position >= 4 else { throw PageDataError("the page's PLAIN data ends inside a value's length") }
    let length = Int(UInt32(littleEndian: data.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
    position += 4
    guard length <= data.count - position else {
      throw PageDataError("a PLAIN value of \(length) bytes runs past the end of the page")
    }
    defer { position += length }
    return UnsafeRawBufferPointer(rebasing: data[position..<position + length])
  }
}

/// BYTE_STREAM_SPLIT: byte k of every value stored in stream k, the streams back to back.
/// Reassembles little-endian fixed-width values, appended to a `ValueBuffer` without ends.
struct ByteStreamSplitDecoder {
  private let data: UnsafeRawBufferPointer
  private let width: Int
  /// Values in the page: the data's size over the width.
  private let total: Int
  private var index = 0

  init(_ data: UnsafeRawBufferPointer, width: Int) throws {
    guard width > 0, data.count % width == 0 else {
      throw PageDataError("BYTE_STREAM_SPLIT data of \(data.count) bytes is not a whole number of \(width)-byte values")
    }
    self.data = data
    self.width = width
    total = data.count / width
  }

  mutating func read(_ count: Int, into out: inout ValueBuffer) throws {
    guard count <= total - index else {
      throw PageDataError("BYTE_STREAM_SPLIT data holds \(total - index) more values, \(count) were needed")
    }
    let start = out.bytes.count
    out.bytes.append(contentsOf: repeatElement(0, count: count * width))
    out.bytes.withUnsafeMutableBytes { target in
      for i in 0..<count {
        for k in 0..<width { target[start + i * width + k] = data[k * total + index + i] }
      }
    }
    index += count
  }
}
