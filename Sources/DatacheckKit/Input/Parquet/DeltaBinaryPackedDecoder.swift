/// DELTA_BINARY_PACKED (Parquet's Encodings.md): a header (block size, miniblocks per block,
/// value count, first value), then blocks of a minimum delta, one bit width per miniblock and
/// the bit-packed deltas. Decodes on demand; arithmetic wraps, as the format specifies, so
/// INT32 columns come out right after truncation to 32 bits.
struct DeltaBinaryPackedDecoder {
  private let data: UnsafeRawBufferPointer
  private var position: Int
  /// The values the header announces.
  let totalValues: Int
  private let miniblocksPerBlock: Int
  private let valuesPerMiniblock: Int
  private var produced = 0
  private var previous: Int64
  private var minDelta: Int64 = 0
  private var widths: [UInt8] = []
  private var miniblock = 0
  private var inMiniblock = 0
  private var bitOffset = 0
  private let firstValuePosition: Int

  /// Reads the header of the data at the start of `data`; `maxValues` bounds the value count.
  init(_ data: UnsafeRawBufferPointer, maxValues: Int) throws {
    self.data = data
    var p = 0
    let blockSize = try BitReader.varint(data, &p)
    let miniblocks = try BitReader.varint(data, &p)
    let total = try BitReader.varint(data, &p)
    let first = try BitReader.varint(data, &p)
    guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20, miniblocks > 0, blockSize % miniblocks == 0,
          (blockSize / miniblocks) % 32 == 0 else {
      throw PageDataError("DELTA_BINARY_PACKED header is invalid (block size \(blockSize), \(miniblocks) miniblocks)")
    }
    guard total <= UInt64(maxValues) else {
      throw PageDataError("DELTA_BINARY_PACKED header announces \(total) values, the page holds at most \(maxValues)")
    }
    miniblocksPerBlock = Int(miniblocks)
    valuesPerMiniblock = Int(blockSize / miniblocks)
    totalValues = Int(total)
    previous = Int64(bitPattern: (first >> 1) ^ (0 &- (first & 1)))
    position = p
    firstValuePosition = p
    miniblock = miniblocksPerBlock
    inMiniblock = valuesPerMiniblock
  }

  /// Writes the next `count` values to `out`; throws when fewer remain or the data is cut.
  mutating func read(_ count: Int, into out: UnsafeMutablePointer<Int64>) throws {
    guard count <= totalValues - produced else {
      throw PageDataError("DELTA_BINARY_PACKED data holds \(totalValues) values, more were needed")
    }
    var i = 0
    if count > 0 && produced == 0 {
      out[0] = previous
      produced = 1
      i = 1
    }
    while i < count {
      if inMiniblock == valuesPerMiniblock { try nextMiniblock() }
      let n = min(count - i, valuesPerMiniblock - inMiniblock)
      let width = Int(widths[miniblock])
      for k in 0..<n {
        let delta = BitReader.value(data, bitOffset: bitOffset, width: width)
        bitOffset += width
        previous = previous &+ minDelta &+ Int64(bitPattern: delta)
        out[i + k] = previous
      }
      i += n
      inMiniblock += n
      produced += n
    }
  }

  /// Moves to the next miniblock (reading a block header first when a block ends) and checks
  /// that the bits of the values still to come are inside the data.
  private mutating func nextMiniblock() throws {
    miniblock += 1
    if miniblock >= miniblocksPerBlock {
      try readBlockHeader(&position, into: &widths, minDelta: &minDelta)
      miniblock = 0
    }
    let width = Int(widths[miniblock])
    let needed = (min(valuesPerMiniblock, totalValues - produced) * width + 7) / 8
    guard position + needed <= data.count else { throw PageDataError("DELTA_BINARY_PACKED data is cut inside a miniblock") }
    bitOffset = position * 8
    position = min(data.count, position + valuesPerMiniblock * width / 8)
    inMiniblock = 0
  }

  private func readBlockHeader(_ p: inout Int, into widths: inout [UInt8], minDelta: inout Int64) throws {
    let zigzag = try BitReader.varint(data, &p)
    minDelta = Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
    guard p + miniblocksPerBlock <= data.count else { throw PageDataError("DELTA_BINARY_PACKED block header is cut") }
    widths.removeAll(keepingCapacity: true)
    widths.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[p..<p + miniblocksPerBlock]))
    p += miniblocksPerBlock
    // Widths of miniblocks past the last value may be anything, so check only those in use.
    let used = min(miniblocksPerBlock, (totalValues - produced + valuesPerMiniblock - 1) / valuesPerMiniblock)
    if let bad = widths.prefix(used).first(where: { $0 > 64 }) { throw PageDataError("a DELTA_BINARY_PACKED bit width is \(bad)") }
  }

  /// The byte offset just past the encoded values, found by walking the block headers without
  /// decoding (DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY store more data after them).
  func endOffset() throws -> Int {
    var p = firstValuePosition
    var remaining = max(0, totalValues - 1)
    var scratch: [UInt8] = []
    var delta: Int64 = 0
    var walker = self
    while remaining > 0 {
      walker.produced = totalValues - remaining
      try walker.readBlockHeader(&p, into: &scratch, minDelta: &delta)
      for m in 0..<miniblocksPerBlock where remaining > 0 {
        p += valuesPerMiniblock * Int(scratch[m]) / 8
        remaining -= min(remaining, valuesPerMiniblock)
      }
      guard p <= data.count else { throw PageDataError("DELTA_BINARY_PACKED data is cut") }
    }
    return p
  }
}
