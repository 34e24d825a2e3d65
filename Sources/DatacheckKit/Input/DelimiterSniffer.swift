/// Picks the delimiter of a CSV sample among `,` `;` TAB and `|`.
///
/// Splits the first records of the sample (a newline inside quotes does not end a record), counts
/// each candidate outside quotes per record, and keeps the candidate whose count is the same, and
/// above zero, on the most records; ties go to the larger count, then to the order above. A sample
/// in which no candidate occurs is one column wide, read with `,`.
enum DelimiterSniffer {
  static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")]

  static func sniff(_ sample: [UInt8], maxRecords: Int = 50) -> UInt8 {
    let counts = recordCounts(sample, maxRecords: maxRecords)
    guard !counts.isEmpty else { return candidates[0] }
    var best = (delimiter: candidates[0], agreeing: 0, width: 0)
    for (i, delimiter) in candidates.enumerated() {
      let perRecord = counts.map { $0[i] }
      let width = mode(perRecord)
      guard width > 0 else { continue }
      let agreeing = perRecord.filter { $0 == width }.count
      if agreeing > best.agreeing || (agreeing == best.agreeing && width > best.width) {
        best = (delimiter, agreeing, width)
      }
    }
    return best.delimiter
  }

  /// For each complete record of the sample, the count of each candidate outside quotes.
  private static func recordCounts(_ sample: [UInt8], maxRecords: Int) -> [[Int]] {
    var records: [[Int]] = []
    var current = [Int](repeating: 0, count: candidates.count)
    var inQuotes = false
    var recordHasText = false
    for byte in sample {
      if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
      if !inQuotes && (byte == 10 || byte == 13) {
        if recordHasText { records.append(current) }
        if records.count == maxRecords { break }
        current = [Int](repeating: 0, count: candidates.count)
        recordHasText = false
        continue
      }
      recordHasText = true
      if !inQuotes, let i = candidates.firstIndex(of: byte) { current[i] += 1 }
    }
    // The last record counts when the sample ended cleanly (short file without a final newline).
    if recordHasText && !inQuotes && records.count < maxRecords && sample.count < 64 * 1024 {
      records.append(current)
    }
    return records
  }

  private static func mode(_ values: [Int]) -> Int {
    var tally: [Int: Int] = [:]
    for v in values { tally[v, default: 0] += 1 }
    return tally.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key ?? 0
  }
}
