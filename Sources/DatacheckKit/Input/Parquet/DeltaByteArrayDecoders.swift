/// DELTA_LENGTH_BYTE_ARRAY: the lengths, DELTA_BINARY_PACKED, then all the bytes back to back.
/// Appends values to a `ValueBuffer`; the lengths are decoded a batch at a time into scratch.
struct DeltaLengthByteArrayDecoder {
  private let data: UnsafeRawBufferPointer
  private var lengths: DeltaBinaryPackedDecoder
  private var bytePosition: Int
  private var scratch: [Int64] = []

  init(_ data: UnsafeRawBufferPointer, maxValues: Int) throws {
    self.data = data
    lengths = try DeltaBinaryPackedDecoder(data, maxValues: maxValues)
    bytePosition = try lengths.endOffset()
  }

  /// Where this encoding's data ends (DELTA_BYTE_ARRAY has nothing after it, but checks it).
  var position: Int { bytePosition }

  mutating func read(_ count: Int, into out: inout ValueBuffer) throws {
    if scratch.count < count { scratch = Array(repeating: 0, count: count) }
    try scratch.withUnsafeMutableBufferPointer { try lengths.read(count, into: $0.baseAddress!) }
    for i in 0..<count {
      let length = scratch[i]
      guard length >= 0, length <= Int64(data.count - bytePosition) else {
        throw PageDataError("a DELTA_LENGTH_BYTE_ARRAY value of \(length) bytes runs past the end of the data")
      }
      out.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[bytePosition..<bytePosition + Int(length)]))
      out.endValue()
      bytePosition += Int(length)
    }
  }
}

/// DELTA_BYTE_ARRAY: prefix lengths (DELTA_BINARY_PACKED), then the suffixes
/// (DELTA_LENGTH_BYTE_ARRAY); each value is the previous value's prefix plus its suffix.
struct DeltaByteArrayDecoder {
  private var prefixes: DeltaBinaryPackedDecoder
  private var suffixes: DeltaLengthByteArrayDecoder
  private var previous: [UInt8] = []
  private var prefixScratch: [Int64] = []
  private var suffixScratch = ValueBuffer()

  init(_ data: UnsafeRawBufferPointer, maxValues: Int) throws {
    prefixes = try DeltaBinaryPackedDecoder(data, maxValues: maxValues)
    let suffixStart = try prefixes.endOffset()
    suffixes = try DeltaLengthByteArrayDecoder(UnsafeRawBufferPointer(rebasing: data[suffixStart...]), maxValues: maxValues)
  }

  mutating func read(_ count: Int, into out: inout ValueBuffer) throws {
    if prefixScratch.count < count { prefixScratch = Array(repeating: 0, count: count) }
    try prefixScratch.withUnsafeMutableBufferPointer { try prefixes.read(count, into: $0.baseAddress!) }
    suffixScratch.removeAll()
    try suffixes.read(count, into: &suffixScratch)
    for i in 0..<count {
      let prefix = prefixScratch[i]
      guard prefix >= 0, prefix <= Int64(previous.count) else {
        throw PageDataError("a DELTA_BYTE_ARRAY prefix of \(prefix) bytes is longer than the previous value (\(previous.count))")
      }
      previous.removeSubrange(Int(prefix)...)
      previous.append(contentsOf: suffixScratch.bytes[suffixScratch.range(i)])
      out.bytes.append(contentsOf: previous)
      out.endValue()
    }
  }
}
