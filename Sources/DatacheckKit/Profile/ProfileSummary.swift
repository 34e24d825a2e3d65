/// Turns the accumulators into the reported profile values.
extension DatasetProfiler {
  /// The quantiles SPEC reports, by name.
  static let reportedQuantiles: [(name: String, q: Double)] = [
    ("p01", 0.01), ("p05", 0.05), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p95", 0.95), ("p99", 0.99),
  ]
  public static let topValueCount = 10

  /// The profile of everything observed, with the input's sources and problems.
  public func summary(sources: [SourceInfo], problems: ProblemLog) -> DatasetProfile {
    var profile = DatasetProfile(
      sources: sources, rows: rows,
      columns: columns.map { $0.summary(rows: rows) },
      duplicateRows: duplicates.duplicates, duplicateRowsExact: duplicates.isExact,
      problems: problems.problems, label: label?.summary(columns: columns, rows: rows))
    profile.overlap = overlap
    return profile
  }
}

extension ColumnProfiler {
  func summary(rows: Int) -> ColumnProfile {
    let type = self.type
    let tokens = zip(missingTokens.tokens, tokenCounts).filter { $0.1 > 0 }
    var kinds: [ValueKind: Int] = [:]
    for kind in ValueKind.allCases where kindCounts[kind.rawValue] > 0 { kinds[kind] = kindCounts[kind.rawValue] }
    return ColumnProfile(
      name: name, index: index, type: type, missing: missing,
      missingRatio: rows == 0 ? 0 : Double(missing) / Double(rows),
      missingTokens: tokens.map { ColumnProfile.Count(value: $0.0, count: $0.1) },
      absent: absent, distinct: counter.distinct, distinctExact: counter.isExact, kinds: kinds,
      numeric: type.isNumeric ? numericSummary(integer: type == .integer) : nil,
      temporalMin: type.isTemporal ? String(decoding: temporal.minText, as: UTF8.self) : nil,
      temporalMax: type.isTemporal ? String(decoding: temporal.maxText, as: UTF8.self) : nil,
      topValues: counter.top(DatasetProfiler.topValueCount).map {
        ColumnProfile.Count(value: String(decoding: $0.bytes, as: UTF8.self), count: $0.count)
      },
      topValuesExact: counter.isExact,
      length: lengths.count == 0 ? nil : ColumnProfile.Length(min: lengths.min, max: lengths.max, mean: lengths.mean ?? 0),
      rowIndexStart: rowIndex.consistent && rowIndex.rows > 0 ? rowIndex.first : nil,
      stringExamples: stringExamples.map { String(decoding: $0, as: UTF8.self) })
  }

  func numericSummary(integer: Bool) -> ColumnProfile.Numeric? {
    guard numbers.count > 0 else { return nil }
    let quantiles = self.quantiles
    return ColumnProfile.Numeric(
      min: numbers.min, max: numbers.max,
      integerMin: integer ? integers.min : nil, integerMax: integer ? integers.max : nil,
      mean: numbers.mean, std: numbers.std,
      quantiles: zip(DatasetProfiler.reportedQuantiles, quantiles.quantiles(DatasetProfiler.reportedQuantiles.map(\.q)))
        .compactMap { named, value in value.map { (named.name, $0) } },
      quantilesExact: quantiles.isExact)
  }
}
