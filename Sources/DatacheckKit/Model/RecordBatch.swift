/// A few thousand records stored column by column, reused from batch to batch.
///
/// Each column keeps one contiguous byte buffer with the values back to back, the end offset of
/// each value and a flag byte per value. A reader fills the batch with `append`, a profiler reads
/// values as `UnsafeRawBufferPointer` views with `withValue`; `removeAll()` keeps the capacity, so
/// a steady-state read allocates nothing. CSV (libcsv's field callback) and any future columnar
/// reader fill the same shape, so Profile has a single input type.
public struct RecordBatch: Sendable {
  /// One column's values: `bytes[ends[i-1]..<ends[i]]` is value `i`.
  public struct Column: Sendable {
    public var bytes: [UInt8] = []
    public var ends: [Int32] = []
    /// `RecordBatch.absent` when the record had no field for this column (a short ragged row).
    public var flags: [UInt8] = []

    /// Values stored, which may include the first fields of a record not yet complete.
    public var count: Int { ends.count }

    /// Calls `body` with the bytes of value `index`; valid only inside `body`.
    public func withValue<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
      let start = index == 0 ? 0 : Int(ends[index - 1])
      let end = Int(ends[index])
      return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }
  }

  /// The flag of a value missing because its record was too short.
  public static let absent: UInt8 = 1

  public private(set) var columns: [Column]
  /// Number of records in the batch.
  public private(set) var count: Int = 0
  /// The physical line each record starts on (1-based), for locating problems.
  public private(set) var lines: [Int] = []
  /// The number of fields each record really had (differs from `columns.count` for ragged rows).
  public private(set) var fieldCounts: [Int32] = []

  public init(columns: Int, capacity: Int = 8192) {
    self.columns = Array(repeating: Column(), count: columns)
    for i in 0..<columns {
      self.columns[i].ends.reserveCapacity(capacity)
      self.columns[i].flags.reserveCapacity(capacity)
    }
    lines.reserveCapacity(capacity)
    fieldCounts.reserveCapacity(capacity)
  }

  /// Appends one value to `column`, copying `value`'s bytes.
  public mutating func append(_ value: UnsafeRawBufferPointer, toColumn column: Int) {
    columns[column].bytes.append(contentsOf: value)
    columns[column].ends.append(Int32(truncatingIfNeeded: columns[column].bytes.count))
    columns[column].flags.append(0)
  }

  /// Appends an absent value (the record had no field here) to `column`.
  public mutating func appendAbsent(toColumn column: Int) {
    columns[column].ends.append(Int32(truncatingIfNeeded: columns[column].bytes.count))
    columns[column].flags.append(RecordBatch.absent)
  }

  /// Closes the current record: every column must have received exactly one value since the last call.
  public mutating func endRecord(line: Int, fieldCount: Int) {
    count += 1
    lines.append(line)
    fieldCounts.append(Int32(truncatingIfNeeded: fieldCount))
  }

  /// Empties the batch of its complete records, keeping every buffer's capacity.
  ///
  /// A record still being read (its first fields parsed, its line end not yet) stays: its values
  /// move to the front of each column, so a read boundary inside a record loses nothing.
  public mutating func removeAll() {
    for i in columns.indices { columns[i].removeFirst(count) }
    lines.removeAll(keepingCapacity: true)
    fieldCounts.removeAll(keepingCapacity: true)
    count = 0
  }
}

extension RecordBatch.Column {
  /// Drops the first `n` values, keeping the rest (at most the fields of one unfinished record).
  mutating func removeFirst(_ n: Int) {
    let kept = ends.count - n
    guard kept > 0 else {
      bytes.removeAll(keepingCapacity: true)
      ends.removeAll(keepingCapacity: true)
      flags.removeAll(keepingCapacity: true)
      return
    }
    let cut = n == 0 ? 0 : Int(ends[n - 1])
    bytes.removeSubrange(0..<cut)
    ends.removeSubrange(0..<n)
    for i in ends.indices { ends[i] -= Int32(cut) }
    flags.removeSubrange(0..<n)
  }
}
