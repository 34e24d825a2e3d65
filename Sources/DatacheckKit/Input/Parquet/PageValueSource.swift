/// The definition levels of a data page, decoded on demand.
enum LevelSource {
  /// A REQUIRED column: every value is defined.
  case none
  case rle(RLEHybridDecoder)
  /// The deprecated BIT_PACKED level encoding of v1 pages: one bit per level, most significant
  /// bit first.
  case bitPacked(UnsafeRawBufferPointer, next: Int)

  /// Writes the next `count` levels to `out`.
  mutating func read(_ count: Int, into out: UnsafeMutablePointer<UInt32>) throws {
    switch self {
    case .none:
      out.update(repeating: 0, count: count)
    case .rle(var decoder):
      self = .none
      defer { self = .rle(decoder) }
      try decoder.read(count, into: out)
    case .bitPacked(let data, let next):
      guard next + count <= data.count * 8 else { throw PageDataError("the BIT_PACKED levels end before all values were read") }
      for i in 0..<count {
        let bit = next + i
        out[i] = UInt32((data[bit >> 3] >> UInt8(7 - (bit & 7))) & 1)
      }
      self = .bitPacked(data, next: next + count)
    }
  }
}

/// The values of a data page, decoded on demand with the page's encoding.
enum PageValueSource {
  case none
  case plain(PlainDecoder)
  /// Dictionary indices (PLAIN_DICTIONARY, RLE_DICTIONARY) into the chunk's dictionary.
  case dictionary(RLEHybridDecoder)
  case rleBoolean(RLEHybridDecoder)
  case deltaBinaryPacked(DeltaBinaryPackedDecoder)
  case deltaLength(DeltaLengthByteArrayDecoder)
  case deltaByteArray(DeltaByteArrayDecoder)
  case byteStreamSplit(ByteStreamSplitDecoder)

  var isDictionary: Bool {
    if case .dictionary = self { return true }
    return false
  }

  /// The decoder for `encoding` over `data`, which holds at most `maxValues` values.
  /// Returns nil when the encoding is unknown or does not apply to the physical type.
  static func make(_ encoding: ParquetEncoding, _ data: UnsafeRawBufferPointer, physical: ParquetPhysicalType,
                   width: Int, maxValues: Int) throws -> PageValueSource? {
    switch (encoding, physical) {
    case (.plain, _):
      return .plain(PlainDecoder(data))
    case (.plainDictionary, _), (.rleDictionary, _):
      guard let bitWidth = data.first else { return .dictionary(RLEHybridDecoder(data, bitWidth: 0)) }
      guard bitWidth <= 32 else { throw PageDataError("the dictionary indices are \(bitWidth) bits wide (at most 32)") }
      return .dictionary(RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: data[1...]), bitWidth: Int(bitWidth)))
    case (.rle, .boolean):
      // Encodings.md: RLE booleans are prefixed with their length, 4 bytes little-endian.
      guard data.count >= 4 else { throw PageDataError("the RLE booleans have no length prefix") }
      let length = Int(data.loadLittleEndian(at: 0, as: UInt32.self))
      guard length <= data.count - 4 else { throw PageDataError("the RLE booleans claim \(length) bytes, \(data.count - 4) remain") }
      return .rleBoolean(RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: data[4..<4 + length]), bitWidth: 1))
    case (.deltaBinaryPacked, .int32), (.deltaBinaryPacked, .int64):
      return .deltaBinaryPacked(try DeltaBinaryPackedDecoder(data, maxValues: maxValues))
    case (.deltaLengthByteArray, .byteArray):
      return .deltaLength(try DeltaLengthByteArrayDecoder(data, maxValues: maxValues))
    case (.deltaByteArray, .byteArray), (.deltaByteArray, .fixedLenByteArray):
      return .deltaByteArray(try DeltaByteArrayDecoder(data, maxValues: maxValues))
    case (.byteStreamSplit, .float), (.byteStreamSplit, .double), (.byteStreamSplit, .int32),
         (.byteStreamSplit, .int64), (.byteStreamSplit, .fixedLenByteArray):
      return .byteStreamSplit(try ByteStreamSplitDecoder(data, width: width))
    default:
      return nil
    }
  }
}
