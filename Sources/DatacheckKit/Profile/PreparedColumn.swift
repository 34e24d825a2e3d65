/// The hash of each value of a batch column, worked out without any profile state: for
/// one-stream input, the thread that parses the next batches works these out too (see
/// `Pipeline`), so that the thread that profiles, the slower of the two, does not.
///
/// Memory: 8 bytes a value (a batch of 8,192 rows of 12 columns: 768 KiB).
struct PreparedColumn: Sendable {
  /// `ValueHash` of each value (`RowHash.absent` for an absent field).
  var hashes: [UInt64]

  init(hashes: [UInt64]) { self.hashes = hashes }

  /// The first `rows` values of `column`.
  init(_ column: RecordBatch.Column, rows: Int) {
    hashes = [UInt64](repeating: RowHash.absent, count: rows)
    column.withBuffers { bytes, ends, flags in
      hashes.withUnsafeMutableBufferPointer { hashes in
        var start = 0
        for i in 0..<rows {
          let end = Int(ends[i])
          if flags[i] & RecordBatch.absent == 0 { hashes[i] = ValueHash.hash(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) }
          start = end
        }
      }
    }
  }

  /// Every column of `batch`'s complete records.
  static func prepare(_ batch: RecordBatch) -> [PreparedColumn] {
    (0..<batch.columnCount).map { PreparedColumn(batch.column($0), rows: batch.count) }
  }
}
