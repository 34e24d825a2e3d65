// Coded batch columns: a column's values as codes into a column chunk's dictionary (Parquet's
// dictionary pages), which the profile reads by code instead of by text.

extension RecordBatch.Column {
  /// For a column whose values are codes into a dictionary (a Parquet column chunk's), calls
  /// `body` with the dictionary, each value's code and each value's flag (an absent value's
  /// code is -1); nil for a column of text.
  func withCodes<R>(
    _ body: (_ dictionary: ValueDictionary, _ codes: UnsafeBufferPointer<Int32>, _ flags: UnsafeBufferPointer<UInt8>) throws -> R
  ) rethrows -> R? {
    let b = storage.buffers[index]
    guard let dictionary = b.dictionary else { return nil }
    return try withExtendedLifetime(storage) {
      try body(dictionary, UnsafeBufferPointer(start: b.ends, count: b.count), UnsafeBufferPointer(start: b.flags, count: b.count))
    }
  }
}

extension RecordBatch.Storage {
  /// See `RecordBatch.appendCodesPrepared`.
  func appendCodes(_ codes: UnsafePointer<UInt32>, levels: UnsafePointer<UInt32>?, count n: Int,
                   dictionary: ValueDictionary, to c: Int) {
    let b = buffers + c
    if b.pointee.count == 0 && b.pointee.dictionary == nil { b.pointee.dictionary = dictionary }
    guard b.pointee.dictionary === dictionary else {
      // A column of text, or of another dictionary's codes (a batch across chunks, or pages of
      // two kinds): the values go in as text.
      decodeIfCoded(c)
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: n) { spread in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { flags in
          Self.spread(codes, levels: levels, count: n, codes: spread.baseAddress!, flags: flags.baseAddress!)
          appendDecoding(UnsafeBufferPointer(spread), flags: UnsafeBufferPointer(flags), dictionary: dictionary, to: c)
        }
      }
      return
    }
    if b.pointee.count + n > b.pointee.capacity { reserve(column: c, values: b.pointee.count + n, bytes: 0) }
    Self.spread(codes, levels: levels, count: n, codes: b.pointee.ends + b.pointee.count, flags: b.pointee.flags + b.pointee.count)
    b.pointee.count += n
  }

  /// Writes each of `n` rows' code (-1 where `levels` holds 0) and flag: the next of `codes`
  /// for each present row.
  private static func spread(_ codes: UnsafePointer<UInt32>, levels: UnsafePointer<UInt32>?, count n: Int,
                             codes out: UnsafeMutablePointer<Int32>, flags: UnsafeMutablePointer<UInt8>) {
    guard let levels else {
      for i in 0..<n { out[i] = Int32(truncatingIfNeeded: codes[i]) }
      flags.update(repeating: 0, count: n)
      return
    }
    var v = 0
    for i in 0..<n {
      let present = levels[i] != 0
      out[i] = present ? Int32(truncatingIfNeeded: codes[v]) : -1
      flags[i] = present ? 0 : RecordBatch.absent
      v += present ? 1 : 0
    }
  }

  /// Writes out a coded column's values as text (nothing for a column of text).
  @inline(__always)
  func decodeIfCoded(_ c: Int) {
    if buffers[c].dictionary != nil { decode(c) }
  }

  @inline(never)
  private func decode(_ c: Int) {
    let b = buffers[c]
    let text = RecordBatch.Storage(columns: 1, capacity: Swift.max(b.capacity, 16))
    text.appendDecoding(UnsafeBufferPointer(start: b.ends, count: b.count), flags: UnsafeBufferPointer(start: b.flags, count: b.count),
                        dictionary: b.dictionary!, to: 0)
    // Swap the buffers: this column takes the text, `text` frees the codes.
    let codes = buffers[c]
    buffers[c] = text.buffers[0]
    text.buffers[0] = codes
    text.buffers[0].dictionary = nil
  }

  /// Appends the text of the values `codes` stands for in `dictionary` (absent where `flags` says).
  func appendDecoding(_ codes: UnsafeBufferPointer<Int32>, flags: UnsafeBufferPointer<UInt8>, dictionary: ValueDictionary, to c: Int) {
    dictionary.withTexts { bytes, ends in
      for i in codes.indices {
        let absent = flags[i] & RecordBatch.absent != 0
        append(absent ? UnsafeRawBufferPointer(start: nil, count: 0) : ValueDictionary.value(Int(codes[i]), bytes, ends), flag: flags[i], to: c)
      }
    }
  }
}

/// The distinct values of a column chunk (a Parquet dictionary) as text, each with its
/// `ValueHash`: what the codes of a coded batch column (`RecordBatch.Column.withCodes`) index.
/// Made once per column chunk and never changed, so batches read elsewhere can share it.
final class ValueDictionary: Sendable {
  let bytes: [UInt8]
  /// The end offset of each value in `bytes`.
  let ends: [Int32]
  let hashes: [UInt64]

  var count: Int { ends.count }

  /// Nil when the text does not fit 32-bit offsets (the values then go to batches as text).
  init?(bytes: [UInt8], ends: [Int], hashes: [UInt64]) {
    guard bytes.count <= Int(Int32.max) else { return nil }
    self.bytes = bytes
    self.ends = ends.map { Int32(truncatingIfNeeded: $0) }
    self.hashes = hashes
  }

  /// Calls `body` with the values' bytes and end offsets.
  @inline(__always)
  func withTexts<R>(_ body: (UnsafeRawBufferPointer, UnsafeBufferPointer<Int32>) throws -> R) rethrows -> R {
    try bytes.withUnsafeBytes { bytes in try ends.withUnsafeBufferPointer { try body(bytes, $0) } }
  }

  /// Value `i` of the `bytes` and `ends` that `withTexts` gives.
  @inline(__always)
  static func value(_ i: Int, _ bytes: UnsafeRawBufferPointer, _ ends: UnsafeBufferPointer<Int32>) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: bytes[(i == 0 ? 0 : Int(ends[i - 1]))..<Int(ends[i])])
  }
}
