/// Why a page's data cannot be decoded; the column reader adds where (`parquet.bad-page`).
struct PageDataError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

/// Bit-level reads, least significant bit first, as Parquet packs levels, indices and deltas.
enum BitReader {
  /// `width` (0…64) bits at bit `offset` of `data`; the caller checks that they are inside it.
  @inline(__always)
  static func value(_ data: UnsafeRawBufferPointer, bitOffset: Int, width: Int) -> UInt64 {
    if width == 0 { return 0 }
    let byte = bitOffset >> 3
    let shift = bitOffset & 7
    let mask: UInt64 = width == 64 ? .max : (1 << UInt64(width)) - 1
    if byte + 8 <= data.count {
      let word = UInt64(littleEndian: data.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
      if width + shift <= 64 { return (word >> UInt64(shift)) & mask }
      return ((word >> UInt64(shift)) | (UInt64(data[byte + 8]) << UInt64(64 - shift))) & mask
    }
    var result: UInt64 = 0
    var got = 0
    var bit = bitOffset
    while got < width {
      let take = min(8 - (bit & 7), width - got)
      let part = (UInt64(data[bit >> 3]) >> UInt64(bit & 7)) & ((1 << UInt64(take)) - 1)
      result |= part << UInt64(got)
      got += take
      bit += take
    }
    return result
  }

  /// Reads an unsigned LEB128 varint at `position`, moving past it.
  static func varint(_ data: UnsafeRawBufferPointer, _ position: inout Int) throws -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard position < data.count else { throw PageDataError("a varint runs past the end of the data") }
      let byte = data[position]
      position += 1
      guard shift < 64 else { throw PageDataError("a varint is longer than 10 bytes") }
      result |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return result }
      shift += 7
    }
  }
}

/// The RLE / bit-packed hybrid (Parquet's Encodings.md): definition levels, dictionary indices
/// and RLE booleans. Decodes on demand, so a run of a million nulls costs no memory.
struct RLEHybridDecoder {
  private let data: UnsafeRawBufferPointer
  let bitWidth: Int
  private var position = 0
  private var remainingInRun = 0
  private var isRepeat = false
  private var repeated: UInt32 = 0
  private var bitOffset = 0

  /// `data` must stay valid while the decoder is used; `bitWidth` is 0…32.
  init(_ data: UnsafeRawBufferPointer, bitWidth: Int) {
    self.data = data
    self.bitWidth = bitWidth
  }

  /// Writes the next `count` values to `out`; throws when the data ends first.
  mutating func read(_ count: Int, into out: UnsafeMutablePointer<UInt32>) throws {
    var done = 0
    while done < count {
      if remainingInRun == 0 { try startRun() }
      let n = min(remainingInRun, count - done)
      if isRepeat {
        (out + done).update(repeating: repeated, count: n)
      } else if bitWidth > 0 && bitWidth <= 32 && (bitOffset + (n - 1) * bitWidth) >> 3 + 8 <= data.count {
        // Every value of the piece lies in a word that can be read whole: one load, shift and
        // mask a value (a value's bits plus its offset in the byte fit a word for widths ≤ 57).
        let base = data.baseAddress!, mask = (UInt64(1) << UInt64(bitWidth)) - 1
        var bit = bitOffset
        for i in 0..<n {
          let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
          out[done + i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
          bit += bitWidth
        }
        bitOffset = bit
      } else {
        for i in 0..<n {
          out[done + i] = UInt32(truncatingIfNeeded: BitReader.value(data, bitOffset: bitOffset, width: bitWidth))
          bitOffset += bitWidth
        }
      }
      done += n
      remainingInRun -= n
    }
  }

  private mutating func startRun() throws {
    while remainingInRun == 0 {
      guard position < data.count else {
        // A width of 0 needs no bits: some writers store nothing at all.
        guard bitWidth == 0 else { throw PageDataError("the RLE / bit-packed data ends before all values were read") }
        isRepeat = true; repeated = 0; remainingInRun = Int.max
        return
      }
      let header = try BitReader.varint(data, &position)
      if header & 1 == 0 {
        try startRepeat(count: header >> 1)
      } else {
        startPacked(groups: header >> 1)
      }
    }
  }

  private mutating func startRepeat(count: UInt64) throws {
    let valueBytes = (bitWidth + 7) / 8
    guard position + valueBytes <= data.count else { throw PageDataError("an RLE run's value runs past the end of the data") }
    var value: UInt32 = 0
    for i in 0..<valueBytes { value |= UInt32(data[position + i]) << UInt32(8 * i) }
    position += valueBytes
    isRepeat = true
    repeated = value
    remainingInRun = Int(min(count, UInt64(Int32.max)))
  }

  /// A bit-packed run of `groups` groups of 8 values; a last run cut short by the end of the
  /// data keeps the values that are whole.
  private mutating func startPacked(groups: UInt64) {
    let available = data.count - position
    var values = Int(min(groups, UInt64(Int32.max / 8))) * 8
    var bytes = values * bitWidth / 8
    if bytes > available {
      bytes = available
      values = bitWidth == 0 ? values : available * 8 / bitWidth
    }
    isRepeat = false
    bitOffset = position * 8
    position += bytes
    remainingInRun = values
  }
}
