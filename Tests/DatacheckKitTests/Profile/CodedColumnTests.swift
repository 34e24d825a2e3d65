import Foundation
import Testing
@testable import DatacheckKit

/// Batch columns that hold codes into a dictionary (a Parquet column chunk's), against the same
/// values appended as text: what the batch reads back, and what the profile makes of them.
@Suite struct CodedColumnTests {
  var rng = SplitMix(seed: 7)

  private static func dictionary(_ values: [String]) -> ValueDictionary {
    var bytes: [UInt8] = [], ends: [Int] = []
    for value in values {
      bytes += Array(value.utf8)
      ends.append(bytes.count)
    }
    let hashes = values.map { value in Array(value.utf8).withUnsafeBytes { ValueHash.hash($0) } }
    return ValueDictionary(bytes: bytes, ends: ends, hashes: hashes)!
  }

  /// Each value of column 0 as text, nil where absent.
  private static func texts(_ batch: RecordBatch) -> [String?] {
    batch.column(0).withBuffers { bytes, ends, flags in
      var start = 0
      return ends.indices.map { i in
        defer { start = Int(ends[i]) }
        return flags[i] & RecordBatch.absent != 0 ? nil : String(decoding: bytes[start..<Int(ends[i])], as: UTF8.self)
      }
    }
  }

  /// Appends `codes` into `dictionary` (nil: a null) as the Parquet reader does, closing a record each.
  private static func append(_ codes: [UInt32?], of dictionary: ValueDictionary, to batch: inout RecordBatch) {
    let present = codes.compactMap { $0 }
    let levels = codes.map { $0 == nil ? UInt32(0) : 1 }
    batch.prepareToAppend()
    (present.isEmpty ? [0] : present).withUnsafeBufferPointer { p in
      levels.withUnsafeBufferPointer { l in
        batch.appendCodesPrepared(p.baseAddress!, levels: l.baseAddress, count: codes.count, dictionary: dictionary, toColumn: 0)
      }
    }
    for _ in codes { batch.endRecord(line: batch.count + 1, fieldCount: 1) }
  }

  @Test func codedColumnReadsAsItsText() {
    let one = Self.dictionary(["a", "bb", "", "NA", "ccc"]), two = Self.dictionary(["x", "a"])
    var batch = RecordBatch(columns: 1, capacity: 4)
    Self.append([0, 1, nil, 2, 4], of: one, to: &batch)
    Self.append([3, 3, nil], of: one, to: &batch)   // the same dictionary: still codes, grown past the capacity
    #expect(batch.column(0).withCodes { d, codes, _ in d === one && Array(codes) == [0, 1, -1, 2, 4, 3, 3, -1] } == true)
    #expect(Self.texts(batch) == ["a", "bb", nil, "", "ccc", "NA", "NA", nil])
    #expect((0..<8).map { i in batch.column(0).withValue(i) { String(decoding: $0, as: UTF8.self) } }
            == ["a", "bb", "", "", "ccc", "NA", "NA", ""])
    #expect(batch.column(0).isAbsent(2) && !batch.column(0).isAbsent(3))

    let copy = batch
    Self.append([0, nil, 1], of: two, to: &batch)   // another dictionary: the column turns into text
    #expect(batch.column(0).withCodes { _, _, _ in true } == nil)
    #expect(Self.texts(batch) == ["a", "bb", nil, "", "ccc", "NA", "NA", nil, "x", nil, "a"])
    #expect(Self.texts(copy) == ["a", "bb", nil, "", "ccc", "NA", "NA", nil])   // the copy is untouched

    batch.removeAll()
    Self.append([1, 1], of: two, to: &batch)   // emptied: codes again
    #expect(batch.column(0).withCodes { d, _, _ in d === two } == true)
    batch.prepareToAppend()
    batch.prepareTextAppends(toColumn: 0)   // a plain page after dictionary pages
    Array("plain".utf8).withUnsafeBytes { batch.appendPrepared($0, toColumn: 0) }
    batch.endRecord(line: 3, fieldCount: 1)
    #expect(Self.texts(batch) == ["a", "a", "plain"])
    var selected = batch
    selected.removeAll()
    Self.append([0, 1, 0], of: two, to: &selected)
    #expect(Self.texts(selected.selecting([true, false, true])) == ["x", "x"])
  }

  /// Profiles of the same rows, coded and as text, in batches of several sizes, with a label:
  /// equal but for the mean and standard deviation of repeated values (observed together, so
  /// within 1e-12). Two dictionaries of 30 values and 20 other values as text between them (a
  /// chunk's plain pages): 75 distinct values. A value table cap of 60 switches to sketches
  /// in the second dictionary's rows, one of 24 in the first's (whose values are then each
  /// observed in full: the dictionary holds more than half the cap).
  @Test(arguments: [(1_000, 65_536), (97, 65_536), (13, 60), (4_096, 60), (13, 24), (4_096, 24)])
  mutating func codedColumnProfilesAsItsText(batchRows: Int, maxExact: Int) throws {
    let words = ["NA", "", "null", "alpha", "beta", "true", "2024-01-05", "2024-02-29", "é", "ok"]
    let first = (0..<30).map { (i: Int) -> String in i < words.count ? words[i] : String(Double(i * 7 % 31) / 4) }
    let second = (0..<30).map { (i: Int) -> String in i < 5 ? first[i * 3] : String(i * 11 - 100) }
    let plainValues = (0..<20).map { "t\($0)" }
    let labels = ["yes", "no", "NA"]
    let dictionaries = [Self.dictionary(first), Self.dictionary(second)]
    let labelDictionary = Self.dictionary(labels)
    // Rows: 3,000 of the first dictionary, 500 as text, 2,500 of the second.
    var rows: [(value: UInt32?, dictionary: Int?, label: UInt32)] = []
    for r in 0..<6_000 {
      let d: Int? = r < 3_000 ? 0 : r < 3_500 ? nil : 1
      let size = UInt32(d == nil ? plainValues.count : 30)
      let skewed = UInt32(rng.next() % UInt64(size)) & UInt32(rng.next() % UInt64(size))   // uneven counts
      rows.append((rng.next() % 17 == 0 ? nil : skewed, d, UInt32(rng.next() % 5 == 0 ? 0 : rng.next() % 3)))
    }
    func text(_ row: (value: UInt32?, dictionary: Int?, label: UInt32)) -> String? {
      row.value.map { (row.dictionary == nil ? plainValues : row.dictionary == 1 ? second : first)[Int($0)] }
    }
    var options = ProfileOptions()
    options.maxExactDistinct = maxExact
    options.label = LabelOptions(column: "label")
    var coded = DatasetProfiler(columnNames: ["v", "label"], options: options)
    var plain = coded
    var start = 0
    while start < rows.count {
      // A batch stays within one dictionary's rows (the reader's batches can mix; then they are text).
      var end = min(start + batchRows, rows.count)
      if let cut = [3_000, 3_500].first(where: { start < $0 && end > $0 }) { end = cut }
      let part = rows[start..<end]
      var codedBatch = RecordBatch(columns: 2), textBatch = RecordBatch(columns: 2)
      codedBatch.prepareToAppend()
      for row in part {
        if let d = row.dictionary {
          let value: [UInt32] = [row.value ?? 0]
          value.withUnsafeBufferPointer { v in
            [UInt32(row.value == nil ? 0 : 1)].withUnsafeBufferPointer { l in
              codedBatch.appendCodesPrepared(v.baseAddress!, levels: l.baseAddress, count: 1, dictionary: dictionaries[d], toColumn: 0)
            }
          }
        } else if let t = text(row) {
          Array(t.utf8).withUnsafeBytes { codedBatch.append($0, toColumn: 0) }
        } else {
          codedBatch.appendAbsent(toColumn: 0)
        }
        [row.label].withUnsafeBufferPointer { codedBatch.appendCodesPrepared($0.baseAddress!, levels: nil, count: 1, dictionary: labelDictionary, toColumn: 1) }
        codedBatch.endRecord(line: 1, fieldCount: 2)
        if let t = text(row) { Array(t.utf8).withUnsafeBytes { textBatch.append($0, toColumn: 0) } } else { textBatch.appendAbsent(toColumn: 0) }
        Array(labels[Int(row.label)].utf8).withUnsafeBytes { textBatch.append($0, toColumn: 1) }
        textBatch.endRecord(line: 1, fieldCount: 2)
      }
      #expect((codedBatch.column(0).withCodes { _, _, _ in true } != nil) == (part.first!.dictionary != nil))
      coded.observe(codedBatch, prepared: nil)   // the pipeline's observe: repeats stay pending
      plain.observe(textBatch)
      start = end
    }
    coded.sortDeferredRows()
    coded.insertDeferredRows()
    #expect(plain.columns[0].counter.isExact == (maxExact > 75))
    let codedJSON = try JSONSerialization.jsonObject(with: Data(ProfileJSON.render(coded.summary(sources: [], problems: ProblemLog())).utf8))
    let plainJSON = try JSONSerialization.jsonObject(with: Data(ProfileJSON.render(plain.summary(sources: [], problems: ProblemLog())).utf8))
    var out: [String] = []
    JSONCompare.compare(plainJSON, codedJSON, "profile", &out, tolerance: 1e-12)
    #expect(out.isEmpty, "\(out.prefix(10))")
  }
}
