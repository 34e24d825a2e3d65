#if canImport(Glibc)
import Glibc
#endif

/// A few thousand records stored column by column, reused from batch to batch.
///
/// Each column keeps one contiguous byte buffer with the values back to back, the end offset of
/// each value and a flag byte per value. A reader fills the batch with `append`, a profiler reads
/// values as `UnsafeRawBufferPointer` views (`Column.withBuffers`, `Column.withValue`);
/// `removeAll()` keeps the capacity, so a steady-state read allocates nothing. CSV (libcsv's
/// field callback and the quote-free splitter) and Parquet fill the same shape, so Profile has a
/// single input type.
///
/// The buffers are plain memory behind one copy-on-write reference: an append checks once that
/// the batch is not shared and writes through pointers (three growable arrays per column cost
/// six uniqueness checks and three capacity checks a field: 7 % of a CSV profile's instructions).
public struct RecordBatch: Sendable {
  /// One column's values, a view of the batch it came from: `bytes[ends[i-1]..<ends[i]]` is
  /// value `i`.
  public struct Column: Sendable {
    let storage: Storage
    let index: Int

    /// Values stored, which may include the first fields of a record not yet complete.
    public var count: Int { storage.buffers[index].count }

    /// Calls `body` with the value bytes, the end offset of each value and each value's flag.
    /// A coded column (see `withCodes`) is written out as text for the call.
    public func withBuffers<R>(
      _ body: (_ bytes: UnsafeRawBufferPointer, _ ends: UnsafeBufferPointer<Int32>, _ flags: UnsafeBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
      let b = storage.buffers[index]
      if let dictionary = b.dictionary {
        let text = Storage(columns: 1, capacity: Swift.max(b.count, 16))
        text.appendDecoding(UnsafeBufferPointer(start: b.ends, count: b.count), flags: UnsafeBufferPointer(start: b.flags, count: b.count),
                            dictionary: dictionary, to: 0)
        return try Column(storage: text, index: 0).withBuffers(body)
      }
      return try withExtendedLifetime(storage) {
        try body(UnsafeRawBufferPointer(start: b.bytes, count: b.byteCount),
                 UnsafeBufferPointer(start: b.ends, count: b.count),
                 UnsafeBufferPointer(start: b.flags, count: b.count))
      }
    }

    /// Calls `body` with the bytes of value `index`; valid only inside `body`.
    public func withValue<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
      let b = storage.buffers[index]
      if let dictionary = b.dictionary {
        precondition(i >= 0 && i < b.count, "value \(i) of a column of \(b.count)")
        return withExtendedLifetime(storage) {
          b.flags[i] & RecordBatch.absent != 0 ? body(UnsafeRawBufferPointer(start: nil, count: 0))
                                               : dictionary.withTexts { body(ValueDictionary.value(Int(b.ends[i]), $0, $1)) }
        }
      }
      return withBuffers { bytes, ends, _ in
        let start = i == 0 ? 0 : Int(ends[i - 1])
        return body(UnsafeRawBufferPointer(rebasing: bytes[start..<Int(ends[i])]))
      }
    }

    /// Whether value `i` is absent: its record was too short to have this column.
    public func isAbsent(_ i: Int) -> Bool {
      let b = storage.buffers[index]
      precondition(i >= 0 && i < b.count, "value \(i) of a column of \(b.count)")
      return withExtendedLifetime(storage) { b.flags[i] & RecordBatch.absent != 0 }
    }
  }

  /// The flag of a value missing because its record was too short.
  public static let absent: UInt8 = 1

  private var storage: Storage
  /// Number of records in the batch.
  public private(set) var count: Int = 0
  /// The physical line each record starts on (1-based), for locating problems.
  public private(set) var lines: [Int] = []
  /// The number of fields each record really had (differs from `columnCount` for ragged rows).
  public private(set) var fieldCounts: [Int32] = []

  public init(columns: Int, capacity: Int = 8192) {
    storage = Storage(columns: columns, capacity: Swift.max(capacity, 16))
    lines.reserveCapacity(capacity)
    fieldCounts.reserveCapacity(capacity)
  }

  public var columnCount: Int { storage.columnCount }

  /// Column `c`'s values.
  public func column(_ c: Int) -> Column { Column(storage: storage, index: c) }

  /// Every column, in order.
  public var columns: [Column] { (0..<columnCount).map(column) }

  /// Appends one value to `column`, copying `value`'s bytes.
  @inline(__always)
  public mutating func append(_ value: UnsafeRawBufferPointer, toColumn column: Int) {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    storage.decodeIfCoded(column)
    storage.append(value, flag: 0, to: column)
  }

  /// Makes column `column` hold text ahead of `appendPrepared…` calls: a coded column's values
  /// are written out (once, for a batch whose column changes from dictionary to plain pages).
  @inline(__always)
  mutating func prepareTextAppends(toColumn column: Int) {
    storage.decodeIfCoded(column)
  }

  /// Appends `n` values to `column`: for each, absent where `levels` (when given) holds 0, else
  /// the next of `codes`, an index into `dictionary`. The column keeps the codes while its values
  /// all come from one dictionary (`Column.withCodes`), else the values' text.
  mutating func appendCodesPrepared(_ codes: UnsafePointer<UInt32>, levels: UnsafePointer<UInt32>?, count n: Int,
                                    dictionary: ValueDictionary, toColumn column: Int) {
    storage.appendCodes(codes, levels: levels, count: n, dictionary: dictionary, to: column)
  }

  /// Makes the buffers the batch's own ahead of `appendPrepared` (one check for a whole record).
  @inline(__always)
  mutating func prepareToAppend() {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
  }

  /// `append` without its check: only after `prepareToAppend`, with no copy of the batch made since.
  @inline(__always)
  mutating func appendPrepared(_ value: UnsafeRawBufferPointer, toColumn column: Int) {
    storage.append(value, flag: 0, to: column)
  }

  /// `appendPrepared` of a quoted field's text with each `""` read as one quote.
  @inline(__always)
  mutating func appendPreparedUnescapingQuotes(_ value: UnsafeRawBufferPointer, toColumn column: Int) {
    storage.appendUnescapingQuotes(value, to: column)
  }

  /// `appendPrepared` of a value written in place: `write` gets room for `maxBytes` bytes and
  /// returns how many it wrote (a reader's text straight into the batch, with no copy between).
  @inline(__always)
  mutating func appendPreparedWriting(toColumn column: Int, maxBytes: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
    storage.appendWriting(maxBytes: maxBytes, to: column, write)
  }

  /// Appends an absent value (the record had no field here) to `column`.
  public mutating func appendAbsent(toColumn column: Int) {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    storage.decodeIfCoded(column)
    appendAbsentPrepared(toColumn: column)
  }

  /// `appendAbsent` without its check: only after `prepareToAppend`, with no copy of the batch made since.
  @inline(__always)
  mutating func appendAbsentPrepared(toColumn column: Int) {
    storage.append(UnsafeRawBufferPointer(start: nil, count: 0), flag: RecordBatch.absent, to: column)
  }

  /// Closes the current record: every column must have received exactly one value since the last call.
  public mutating func endRecord(line: Int, fieldCount: Int) {
    count += 1
    lines.append(line)
    fieldCounts.append(Int32(truncatingIfNeeded: fieldCount))
  }

  /// `endRecord` of `n` records on consecutive lines from `firstLine`, each with `fieldCount`
  /// fields (a reader of whole columns: Parquet).
  mutating func endRecords(_ n: Int, firstLine: Int, fieldCount: Int) {
    count += n
    lines.append(contentsOf: firstLine..<firstLine + n)
    fieldCounts.append(contentsOf: repeatElement(Int32(truncatingIfNeeded: fieldCount), count: n))
  }

  /// Empties the batch of its complete records, keeping every buffer's capacity.
  ///
  /// A record still being read (its first fields parsed, its line end not yet) stays: its values
  /// move to the front of each column, so a read boundary inside a record loses nothing.
  public mutating func removeAll() {
    if isKnownUniquelyReferenced(&storage) {
      for c in 0..<storage.columnCount { storage.removeFirst(count, of: c) }
    } else {
      storage = storage.copy(droppingFirst: count)   // a copy is read elsewhere (ReadAhead)
    }
    lines.removeAll(keepingCapacity: true)
    fieldCounts.removeAll(keepingCapacity: true)
    count = 0
  }
}

extension RecordBatch {
  /// The columns' buffers, freed with the storage.
  final class Storage: @unchecked Sendable {  // mutated only while uniquely referenced (copy on write)
    struct Buffer {
      var bytes: UnsafeMutablePointer<UInt8>
      var byteCount = 0
      var byteCapacity: Int
      var ends: UnsafeMutablePointer<Int32>
      var flags: UnsafeMutablePointer<UInt8>
      var count = 0
      var capacity: Int
      /// Set while the column holds codes: `ends` then holds each value's index into it (-1
      /// where absent) and `bytes` nothing.
      var dictionary: ValueDictionary?
    }

    let columnCount: Int
    let buffers: UnsafeMutablePointer<Buffer>

    init(columns: Int, capacity: Int, byteCapacity: Int? = nil) {
      columnCount = columns
      buffers = .allocate(capacity: Swift.max(columns, 1))
      for c in 0..<columns {
        let bytes = byteCapacity ?? capacity * 8
        (buffers + c).initialize(to: Buffer(
          bytes: .allocate(capacity: bytes), byteCapacity: bytes,
          ends: .allocate(capacity: capacity), flags: .allocate(capacity: capacity), capacity: capacity))
      }
    }

    deinit {
      for c in 0..<columnCount {
        buffers[c].bytes.deallocate()
        buffers[c].ends.deallocate()
        buffers[c].flags.deallocate()
      }
      buffers.deinitialize(count: columnCount)
      buffers.deallocate()
    }

    /// A copy with this storage's room (for copy on write), or with `n` > 0 only what
    /// `removeFirst(n, of:)` of every column would leave (the fields of an unfinished record):
    /// for a batch emptied while a copy of it is still read elsewhere, without copying the
    /// records it drops.
    func copy(droppingFirst n: Int = 0) -> Storage {
      let copy = Storage(columns: columnCount, capacity: 16, byteCapacity: 16)
      for c in 0..<columnCount {
        let b = buffers[c]
        copy.reserve(column: c, values: b.capacity, bytes: b.byteCapacity)
        let kept = b.count - n
        guard kept > 0 else { continue }
        let to = copy.buffers + c
        if b.dictionary != nil {
          to.pointee.ends.update(from: b.ends + n, count: kept)
          to.pointee.flags.update(from: b.flags + n, count: kept)
          to.pointee.count = kept
          to.pointee.dictionary = b.dictionary
          continue
        }
        let cut = n == 0 ? 0 : Int(b.ends[n - 1])
        to.pointee.bytes.update(from: b.bytes + cut, count: b.byteCount - cut)
        for i in 0..<kept {
          to.pointee.ends[i] = b.ends[n + i] - Int32(truncatingIfNeeded: cut)
          to.pointee.flags[i] = b.flags[n + i]
        }
        to.pointee.byteCount = b.byteCount - cut
        to.pointee.count = kept
      }
      return copy
    }

    @inline(__always)
    func append(_ value: UnsafeRawBufferPointer, flag: UInt8, to c: Int) {
      let n = value.count
      let out = room(for: n, in: c)
      if n > 0 { Storage.copy(n, from: value.baseAddress!, to: out) }
      endValue(of: n, flag: flag, in: c)
    }

    /// `append` with flag 0 of the bytes `write` puts in room for `maxBytes` (it returns how many).
    @inline(__always)
    func appendWriting(maxBytes: Int, to c: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
      let n = write(room(for: maxBytes, in: c))
      endValue(of: n, flag: 0, in: c)
    }

    /// `append` with flag 0 of `value` less the second quote of each `""` pair.
    func appendUnescapingQuotes(_ value: UnsafeRawBufferPointer, to c: Int) {
      let out = room(for: value.count, in: c)
      var written = 0, i = 0
      while i < value.count {
        let byte = value[i]
        out[written] = byte
        written += 1
        i += byte == 34 ? 2 : 1
      }
      endValue(of: written, flag: 0, in: c)
    }

    /// Where column `c`'s next value goes, with room for one more value of `n` bytes.
    @inline(__always)
    private func room(for n: Int, in c: Int) -> UnsafeMutablePointer<UInt8> {
      let b = buffers + c
      if b.pointee.count == b.pointee.capacity || b.pointee.byteCount + n > b.pointee.byteCapacity {
        reserve(column: c, values: b.pointee.count + 1, bytes: b.pointee.byteCount + n)
      }
      return b.pointee.bytes + b.pointee.byteCount
    }

    /// Closes column `c`'s next value, its `n` bytes written where `room` said.
    @inline(__always)
    private func endValue(of n: Int, flag: UInt8, in c: Int) {
      let b = buffers + c
      b.pointee.byteCount += n
      b.pointee.ends[b.pointee.count] = Int32(truncatingIfNeeded: b.pointee.byteCount)
      b.pointee.flags[b.pointee.count] = flag
      b.pointee.count += 1
    }

    /// `memcpy` of `n` > 0 bytes, values of up to 16 bytes copied inline: two loads and two
    /// stores that overlap, never past either end. Most fields are that short, and the call to
    /// `memcpy` for each was 2.2 % of a profile's samples.
    @inline(__always)
    static func copy(_ n: Int, from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer) {
      if n >= 8 {
        guard n <= 16 else { memcpy(target, source, n); return }
        let head = source.loadUnaligned(as: UInt64.self)
        let tail = source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        target.storeBytes(of: head, as: UInt64.self)
        target.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
      } else if n >= 4 {
        let head = source.loadUnaligned(as: UInt32.self)
        let tail = source.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        target.storeBytes(of: head, as: UInt32.self)
        target.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
      } else {   // 1 to 3 bytes: the first, middle and last
        let bytes = source.assumingMemoryBound(to: UInt8.self), out = target.assumingMemoryBound(to: UInt8.self)
        out[0] = bytes[0]
        out[n >> 1] = bytes[n >> 1]
        out[n - 1] = bytes[n - 1]
      }
    }

    /// Grows column `c` to hold at least `values` values and `bytes` bytes (doubling).
    func reserve(column c: Int, values: Int, bytes: Int) {
      let b = buffers + c
      if values > b.pointee.capacity {
        let capacity = Swift.max(values, b.pointee.capacity * 2)
        let ends = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        let flags = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        ends.update(from: b.pointee.ends, count: b.pointee.count)
        flags.update(from: b.pointee.flags, count: b.pointee.count)
        b.pointee.ends.deallocate()
        b.pointee.flags.deallocate()
        b.pointee.ends = ends
        b.pointee.flags = flags
        b.pointee.capacity = capacity
      }
      if bytes > b.pointee.byteCapacity {
        let capacity = Swift.max(bytes, b.pointee.byteCapacity * 2)
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        storage.update(from: b.pointee.bytes, count: b.pointee.byteCount)
        b.pointee.bytes.deallocate()
        b.pointee.bytes = storage
        b.pointee.byteCapacity = capacity
      }
    }

    /// Drops the first `n` values of column `c`, keeping the rest (at most the fields of one
    /// unfinished record) at the front.
    func removeFirst(_ n: Int, of c: Int) {
      let b = buffers + c
      let kept = b.pointee.count - n
      guard kept > 0 else {
        b.pointee.count = 0
        b.pointee.byteCount = 0
        b.pointee.dictionary = nil
        return
      }
      if b.pointee.dictionary != nil {
        memmove(b.pointee.ends, b.pointee.ends + n, kept * MemoryLayout<Int32>.stride)   // the regions may overlap
        memmove(b.pointee.flags, b.pointee.flags + n, kept)
        b.pointee.count = kept
        return
      }
      let cut = n == 0 ? 0 : Int(b.pointee.ends[n - 1])
      let keptBytes = b.pointee.byteCount - cut
      memmove(b.pointee.bytes, b.pointee.bytes + cut, keptBytes)   // the regions may overlap
      for i in 0..<kept {
        b.pointee.ends[i] = b.pointee.ends[n + i] - Int32(truncatingIfNeeded: cut)
        b.pointee.flags[i] = b.pointee.flags[n + i]
      }
      b.pointee.count = kept
      b.pointee.byteCount = keptBytes
    }
  }
}
