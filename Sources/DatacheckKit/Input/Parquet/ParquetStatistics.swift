/// The parts of a column chunk's footer statistics that can be relied on, never more.
///
/// Statistics are written by many writers over many years, and each rule below comes from a
/// real file: a missing null count is not zero (parquet.thrift: "readers MUST NOT assume
/// null_count == 0"); a NaN bound says nothing (nan_in_stats.parquet); a byte-array bound may
/// be truncated (binary_truncated_min_max.parquet, `is_*_value_exact`); the deprecated `min` /
/// `max` used signed comparison, which is only right for signed numbers and booleans.
/// datacheck profiles the values themselves and uses the null count only as a cross-check.
struct ParquetStatistics {
  /// The chunk's null count, when the writer stored a valid one.
  var nullCount: Int64?
  /// The smallest and largest values as stored (PLAIN, without a length prefix), only when
  /// they are exact: the true minimum and maximum of the chunk.
  var exactMin: [UInt8]?
  var exactMax: [UInt8]?

  init(_ record: ParquetStatisticsRecord?, column: ParquetSchema.Column) {
    guard let record else { return }
    if let count = record.nullCount, count >= 0 { nullCount = count }
    let signedOrder = ParquetStatistics.deprecatedOrderIsRight(column)
    let min = record.minValue ?? (signedOrder ? record.min : nil)
    let max = record.maxValue ?? (signedOrder ? record.max : nil)
    exactMin = ParquetStatistics.exact(min, flag: record.minValue == nil ? nil : record.isMinValueExact, column: column)
    exactMax = ParquetStatistics.exact(max, flag: record.maxValue == nil ? nil : record.isMaxValueExact, column: column)
  }

  /// Whether the deprecated signed `min` / `max` order is the column's own order.
  private static func deprecatedOrderIsRight(_ column: ParquetSchema.Column) -> Bool {
    switch column.format {
    case .boolean, .int32, .int64, .date, .timestamp, .float, .double: return true
    default: return false
    }
  }

  private static func exact(_ bound: [UInt8]?, flag: Bool?, column: ParquetSchema.Column) -> [UInt8]? {
    guard let bound, flag != false else { return nil }
    // A BYTE_ARRAY bound may be truncated unless the writer says it is exact; a fixed-width
    // bound cannot be, but must have the column's width.
    if column.physical == .byteArray && flag != true { return nil }
    if column.physical == .fixedLenByteArray && bound.count != column.typeLength { return nil }
    return isNaN(bound, column: column) ? nil : bound
  }

  /// Whether `bound` is a NaN of a FLOAT, DOUBLE or FLOAT16 column.
  private static func isNaN(_ bound: [UInt8], column: ParquetSchema.Column) -> Bool {
    bound.withUnsafeBytes { p in
      switch column.format {
      case .float where p.count == 4: return Float(bitPattern: p.loadLittleEndian(at: 0, as: UInt32.self)).isNaN
      case .double where p.count == 8: return Double(bitPattern: p.loadLittleEndian(at: 0, as: UInt64.self)).isNaN
      case .float16 where p.count == 2: return ValueBuffer.halfToFloat(p.loadLittleEndian(at: 0, as: UInt16.self)).isNaN
      default: return false
      }
    }
  }
}
