/// Everything datacheck learns about one column in one pass: a monoid of accumulators.
///
/// `observe` sees each value's bytes once; `merge` combines the profilers of two parts of the
/// data, and observing A then B equals merging A's and B's profilers (exactly for counts, within
/// rounding for mean and std, within the stated error for sketches).
public struct ColumnProfiler: Sendable {
  public let name: String
  public let index: Int
  public private(set) var values = 0
  public private(set) var missing = 0
  /// Count per missing token, in the order of `MissingTokens.tokens`.
  public private(set) var tokenCounts: [Int]
  /// Fields absent from short ragged rows (missing, but no token).
  public private(set) var absent = 0
  /// Count per `ValueKind` of the non-missing values.
  public private(set) var kindCounts = [Int](repeating: 0, count: ValueKind.allCases.count)
  public private(set) var numbers = NumericStats()
  public private(set) var integers = IntegerRange()
  public private(set) var quantiles = KLLSketch()
  public private(set) var lengths = LengthStats()
  public private(set) var temporal = TemporalRange()
  public private(set) var counter: ValueCounter
  let missingTokens: MissingTokens
  /// The type the input format declares (Parquet), or nil to infer it from the values.
  public let declaredType: ColumnType?

  public init(name: String, index: Int, missingTokens: MissingTokens, maxExactDistinct: Int = ValueCounter.defaultMaxExact,
              declaredType: ColumnType? = nil) {
    self.declaredType = declaredType
    self.name = name
    self.index = index
    self.missingTokens = missingTokens
    tokenCounts = Array(repeating: 0, count: missingTokens.tokens.count)
    counter = ValueCounter(maxExact: maxExactDistinct)
  }

  /// Observes the first `rows` values of `column` (the batch's complete records), folding each
  /// value's hash into its row's hash.
  public mutating func observe(_ column: RecordBatch.Column, rows: Int, rowHashes: inout [UInt64]) {
    column.bytes.withUnsafeBytes { bytes in
      var start = 0
      for i in 0..<rows {
        let end = Int(column.ends[i])
        if column.flags[i] & RecordBatch.absent != 0 {
          rowHashes[i] = RowHash.combine(rowHashes[i], RowHash.absent)
          observeAbsent()
        } else {
          let value = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
          let hash = XXH64.hash(value)
          rowHashes[i] = RowHash.combine(rowHashes[i], hash)
          observe(value, hash: hash)
        }
        start = end
      }
    }
  }

  @inline(__always)
  mutating func observeAbsent() {
    values += 1
    missing += 1
    absent += 1
  }

  @inline(__always)
  mutating func observe(_ value: UnsafeRawBufferPointer, hash: UInt64) {
    values += 1
    if let token = missingTokens.match(value) {
      missing += 1
      tokenCounts[token] += 1
      return
    }
    let parsed = ValueParser.parse(value)
    kindCounts[parsed.kind.rawValue] += 1
    switch parsed.kind {
    case .integer:
      integers.observe(parsed.integer)
      fallthrough
    case .float:
      numbers.observe(parsed.number)
      quantiles.insert(parsed.number)
    case .date, .slashDate, .datetime:
      temporal.observe(parsed.number, text: value)
    case .boolean, .string:
      break
    }
    lengths.observe(value)
    counter.observe(value, hash: hash)
  }

  public mutating func merge(_ other: ColumnProfiler) {
    values += other.values
    missing += other.missing
    absent += other.absent
    for i in tokenCounts.indices { tokenCounts[i] += other.tokenCounts[i] }
    for i in kindCounts.indices { kindCounts[i] += other.kindCounts[i] }
    numbers.merge(other.numbers)
    integers.merge(other.integers)
    quantiles.merge(other.quantiles)
    lengths.merge(other.lengths)
    temporal.merge(other.temporal)
    counter.merge(other.counter)
  }

  public var type: ColumnType { declaredType ?? ColumnType.resolve(kindCounts) }
}

/// Folds field hashes, in column order, into one 64-bit hash per row.
enum RowHash {
  static let seed: UInt64 = 0x27D4_EB2F_1656_67C5
  /// Stands for a field a short ragged row does not have (differs from an empty field).
  static let absent: UInt64 = 0x9E37_79B9_7F4A_7C15

  @inline(__always)
  static func combine(_ h: UInt64, _ field: UInt64) -> UInt64 {
    let x = (h ^ field) &* 0x9FB2_1C65_1E98_DF25
    return x ^ (x >> 28) &+ 0x1656_67B1_9E37_79F9
  }
}
