/// Which rows of the data belong to a split, when one dataset holds several (goal.yaml's
/// `data.split_column` or `data.test_fraction`).
public enum RowSelection: Sendable {
  /// Rows whose `column` holds one of `values` (compared as text, case-insensitively).
  case column(String, values: [String])
  /// Rows whose hash over every column falls in [lower, upper) of [0, 1): a deterministic split
  /// in which identical rows always land together.
  case hashRange(lower: Double, upper: Double)

  /// One flag per complete record of `batch`: whether the split takes it.
  func mask(_ batch: RecordBatch, columnNames: [String]) -> [Bool] {
    switch self {
    case let .column(name, values):
      guard let c = columnNames.firstIndex(of: name) else { return Array(repeating: false, count: batch.count) }
      let wanted = Set(values.map { $0.lowercased() })
      return (0..<batch.count).map { r in
        batch.column(c).withValue(r) { wanted.contains(String(decoding: $0, as: UTF8.self).lowercased()) }
      }
    case let .hashRange(lower, upper):
      let columns = batch.columns
      return (0..<batch.count).map { r in
        var h = RowHash.seed
        for column in columns {
          h = RowHash.combine(h, column.isAbsent(r) ? RowHash.absent : column.withValue(r) { XXH64.hash($0) })
        }
        let x = Double(h >> 11) / Double(1 << 53)
        return x >= lower && x < upper
      }
    }
  }
}

extension RecordBatch {
  /// A new batch with the complete records whose flag in `keep` is set (copies their values).
  func selecting(_ keep: [Bool]) -> RecordBatch {
    let columns = self.columns
    var out = RecordBatch(columns: columns.count, capacity: keep.count)
    for r in 0..<count where keep[r] {
      for c in columns.indices {
        if columns[c].isAbsent(r) {
          out.appendAbsent(toColumn: c)
        } else {
          columns[c].withValue(r) { out.append($0, toColumn: c) }
        }
      }
      out.endRecord(line: lines[r], fieldCount: Int(fieldCounts[r]))
    }
    return out
  }
}
