import Testing
@testable import DatacheckKit

/// The structures that replaced general-purpose ones on the per-value path, each against the
/// obvious slow twin it replaced (a Dictionary, a full sort, three Swift arrays).
@Suite struct HotPathTests {
  var rng = SplitMix(seed: 7)

  /// HashIndex gives every key the index a Dictionary assigning 0, 1, 2, … in first-seen order
  /// gives it, through many growths, for random hashes and for small ordered keys alike.
  @Test(arguments: [false, true])
  mutating func hashIndexAgreesWithDictionary(orderedKeys: Bool) {
    var index = HashIndex()
    var twin: [UInt64: Int] = [:]
    for i in 0..<50_000 {
      let key = orderedKeys ? UInt64(i % 20_000) * 3 : rng.next() % 30_000 &* 0x9E37_79B9_7F4A_7C15
      let (found, inserted) = index.findOrInsert(key)
      if let known = twin[key] {
        #expect(!inserted && found == known)
      } else {
        #expect(inserted && found == twin.count)
        twin[key] = twin.count
      }
    }
    #expect(index.count == twin.count)
    for (key, value) in twin { #expect(index.find(key) == value) }
    #expect(index.find(0xDEAD_BEEF_0000_0001) == nil)
  }

  /// Counts kept in the index's slots (HashCountTable) agree with a Dictionary through many
  /// growths, in insertion order; a count past 32 bits keeps its excess (one added whole, one
  /// reached by adding to a tally near UInt32.max). The digest set in a new key's slot (right
  /// after its add, which may have grown the index) comes back with every later add of the key.
  @Test mutating func countTableAgreesWithDictionary() {
    var table = HashCountTable()
    var twin: [UInt64: Int] = [:]
    var order: [UInt64] = [], positions: [UInt64: Int] = [:]
    let digest = { (key: UInt64) in ValueDigest(number: Double(key % 1_000), scalars: Int32(key % 77), kind: UInt8(key % 7)) }
    for _ in 0..<60_000 {
      let key = rng.next() % 25_000 &* 0x9E37_79B9_7F4A_7C15
      let n = 1 + Int(rng.next() % 3)
      let found = table.add(n, for: key)
      #expect(found.inserted == (twin[key] == nil))
      if found.inserted {
        positions[key] = order.count
        order.append(key)
        #expect(!found.digest.isKnown)
        table.setDigest(digest(key), slot: found.slot)
      } else {
        #expect(found.digest.number == digest(key).number && found.digest.scalars == digest(key).scalars && found.digest.kind == digest(key).kind)
      }
      #expect(found.index == positions[key])
      twin[key, default: 0] += n
    }
    #expect(table.digests().map(\.number) == order.map { digest($0).number })
    let big: UInt64 = 0xB16, bigger: UInt64 = 0xB17
    _ = table.add(Int(UInt32.max) - 1, for: big)
    _ = table.add(5, for: big)
    _ = table.add(Int(UInt32.max) * 3, for: bigger)
    _ = table.add(2, for: bigger)
    twin[big] = Int(UInt32.max) + 4
    twin[bigger] = Int(UInt32.max) * 3 + 2
    order += [big, bigger]
    let entries = table.entries()
    #expect(entries.map(\.hash) == order && entries.map(\.index) == Array(order.indices))
    #expect(entries.allSatisfy { twin[$0.hash] == $0.count })
  }

  /// The partial selection that seeds Space-Saving equals the prefix of the full sort, with ties
  /// on count (most entries of a near-unique column have count 1).
  @Test mutating func largestIsThePrefixOfTheSort() {
    for size in [0, 5, 1_024, 1_025, 20_000] {
      let entries = (0..<size).map { i in (hash: rng.next(), count: Int(rng.next() % 4) + (rng.next() % 50 == 0 ? 100 : 1), index: i) }
      let sorted = entries.sorted { $0.count != $1.count ? $0.count > $1.count : $0.hash < $1.hash }
      let fast = ValueCounter.largest(1_024, of: entries)
      #expect(fast.map(\.index) == sorted.prefix(1_024).map(\.index))
    }
  }

  /// The eight-at-a-time scalar count equals a byte-by-byte count of non-continuation bytes,
  /// a line's UTF-8 check that of its pieces, and the eight-at-a-time scan for a CSV line's
  /// special bytes finds the first one, at every length and alignment.
  @Test mutating func wordAtATimeScansAgreeWithLoops() {
    let alphabet: [UInt8] = [97, 32, 44, 34, 10, 13, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0x80, 0xBF,
                             9, 0, 1, 11, 12, 14, 15, 35, 45, 33]
    for _ in 0..<3_000 {
      let bytes = (0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      let from = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
      bytes.withUnsafeBytes { raw in
        let tail = UnsafeRawBufferPointer(rebasing: raw[from...])
        #expect(LengthStats.scalars(tail) == tail.filter { $0 & 0xC0 != 0x80 }.count)
        guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        // The CSV fast path checks a line's UTF-8 once for all its fields: cut at ASCII bytes,
        // the pieces are valid exactly when the whole is.
        let pieces = tail.split(omittingEmptySubsequences: false) { $0 == 44 || $0 == 34 || $0 == 32 || $0 == 10 }
        #expect(UTF8Check.isValid(tail) == pieces.allSatisfy { piece in Array(piece).withUnsafeBytes { UTF8Check.isValid($0) } })
        for special: UInt8 in [44, 9, 59] {
          var seen: UInt64 = 0
          let found = CSVParser.firstSpecial(base, from: from, limit: raw.count, or: special, seen: &seen)
          let expected = bytes[from...].firstIndex { $0 == special || $0 == 34 || $0 == 10 || $0 == 13 } ?? bytes.count
          #expect(found == expected)
          // Every byte before the special is in `seen`: a high bit there shows in it.
          if bytes[from..<found].contains(where: { $0 >= 0x80 }) { #expect(seen & 0x8080_8080_8080_8080 != 0) }
        }
      }
    }
  }

  /// A batch is a value: a copy keeps its records while the original is emptied and refilled,
  /// and values of every length (empty, absent, past the initial capacity) read back whole.
  @Test mutating func recordBatchCopiesAndGrows() {
    var batch = RecordBatch(columns: 2, capacity: 4)
    var expected: [[String?]] = []
    for r in 0..<100 {
      let a = String(repeating: "x", count: Int(rng.next() % 300))
      Array(a.utf8).withUnsafeBytes { batch.append($0, toColumn: 0) }
      if r % 7 == 0 { batch.appendAbsent(toColumn: 1) } else { Array("\(r)".utf8).withUnsafeBytes { batch.append($0, toColumn: 1) } }
      batch.endRecord(line: r + 1, fieldCount: r % 7 == 0 ? 1 : 2)
      expected.append([a, r % 7 == 0 ? nil : "\(r)"])
    }
    func read(_ b: RecordBatch) -> [[String?]] {
      (0..<b.count).map { r in
        (0..<b.columnCount).map { c in
          b.column(c).isAbsent(r) ? nil : b.column(c).withValue(r) { String(decoding: $0, as: UTF8.self) }
        }
      }
    }
    let copy = batch
    // A record still open when the batch is emptied moves to the front.
    Array("open".utf8).withUnsafeBytes { batch.append($0, toColumn: 0) }
    batch.removeAll()
    Array("next".utf8).withUnsafeBytes { batch.append($0, toColumn: 1) }
    batch.endRecord(line: 101, fieldCount: 2)
    #expect(read(copy) == expected)
    #expect(copy.lines == Array(1...100))
    #expect(read(batch) == [["open", "next"]])

    // Emptied while a copy is read elsewhere (ReadAhead hands batches to the profile): the
    // open record's field moves to the front of new storage, and the copy keeps every record.
    var shared = RecordBatch(columns: 2, capacity: 4)
    for r in 0..<50 {
      Array(String(repeating: "y", count: r * 3).utf8).withUnsafeBytes { shared.append($0, toColumn: 0) }
      Array("\(r)".utf8).withUnsafeBytes { shared.append($0, toColumn: 1) }
      shared.endRecord(line: r + 1, fieldCount: 2)
    }
    Array("half".utf8).withUnsafeBytes { shared.append($0, toColumn: 0) }
    let handedOut = shared
    shared.removeAll()
    Array("done".utf8).withUnsafeBytes { shared.append($0, toColumn: 1) }
    shared.endRecord(line: 51, fieldCount: 2)
    #expect(read(shared) == [["half", "done"]])
    #expect(read(handedOut) == (0..<50).map { [String(repeating: "y", count: $0 * 3), "\($0)"] })
  }

  /// A label whose classes appear late (index 2 and 9 after thousands of rows of 0 and 1) widens
  /// the value table's counters without losing counts, alone and through a merge.
  @Test func valueClassTableWidens() {
    var table = ValueClassTable(), other = ValueClassTable()
    var twin: [UInt64: [Int]] = [:]
    for r in 0..<5_000 {
      let value = UInt64(r % 37), cls = Int32(r < 4_000 ? r % 2 : (r % 3 == 0 ? 9 : 2))
      if value % 2 == 0 { table.observe(valueHash: value, classIndex: cls, target: .nan) } else { other.observe(valueHash: value, classIndex: cls, target: .nan) }
      twin[value, default: Array(repeating: 0, count: 10)][Int(cls)] += 1
    }
    table.merge(other, classMap: (0..<10).map(Int32.init))
    #expect(table.valueCount == 37)
    let slots = (0..<37).map { table.counts(slot: $0, classes: 10) }
    // Slots are in first-seen order: the even values (this table's own), then the odd ones.
    let order = Array(stride(from: 0, to: 37, by: 2)) + Array(stride(from: 1, to: 37, by: 2))
    #expect(slots == order.map { twin[UInt64($0)]! })
  }

  /// The batch loops of the label analysis (value table, bucket histogram, missing-by-class)
  /// against dictionaries filled row by row: rows without a label (-2), a class past the table's
  /// counters (70), classes that appear late (2, 9: the counters widen mid-batch), missing values,
  /// NaN numbers and targets, in batches of several sizes.
  @Test(arguments: [1, 7, 500, 4_000])
  mutating func labelBatchLoopsAgreeWithDictionaries(batch: Int) {
    let rows = 4_000
    let classes: [Int32] = (0..<rows).map { r in
      let pick = Int(rng.next() % 20)
      if pick == 0 { return -2 }
      if pick == 1 { return 70 }
      return r < 2_000 ? Int32(pick % 2) : Int32([0, 1, 2, 9][pick % 4])
    }
    let hashes = (0..<rows).map { _ in rng.next() % 60 &* 0x9E37_79B9_7F4A_7C15 }
    let missing = (0..<rows).map { _ in rng.next() % 9 == 0 }
    let numbers: [Double] = (0..<rows).map { r in missing[r] || rng.next() % 11 == 0 ? .nan : Double(rng.next() % 5_000) / 7 - 300 }
    let targets: [Double] = (0..<rows).map { _ in rng.next() % 3 == 0 ? .nan : Double(rng.next() % 100) }
    let rowHashes = (0..<rows).map { _ in rng.next() }

    var table = ValueClassTable(), histogram = ClassHistogram(), byClass = MissingByClass()
    for start in stride(from: 0, to: rows, by: batch) {
      let n = min(batch, rows - start)
      let part = start..<start + n
      LabelRows(classes: classes, hashes: hashes, missing: missing, numbers: numbers, targets: targets, rowHashes: rowHashes)
        .withPointers(part) { c, h, m, x, t, rh in
          table.observe(hashes: h, codes: nil, classIndexes: c, missing: m, targets: t, rows: n)
          histogram.observe(numbers: x, codes: nil, classIndexes: c, rowHashes: rh, rows: n)
          MissingByClass.classTotals(c, rows: n).withUnsafeBufferPointer { totals in
            byClass.observe(classIndexes: c, missing: m, targets: t, classTotals: totals, rows: n)
          }
        }
    }

    var order: [UInt64] = [], counts: [UInt64: [Int]] = [:], targetCounts: [UInt64: Int] = [:]
    var buckets: [UInt32: [[Int]]] = [:]
    var missingTwin = [Int](repeating: 0, count: 64), presentTwin = [Int](repeating: 0, count: 64)
    for r in 0..<rows where classes[r] != -2 {
      if missing[r] { if classes[r] < 64 { missingTwin[Int(classes[r])] += 1 } } else {
        if classes[r] < 64 { presentTwin[Int(classes[r])] += 1 }
        if counts[hashes[r]] == nil { order.append(hashes[r]); counts[hashes[r]] = Array(repeating: 0, count: 10) }
        if classes[r] < 64 { counts[hashes[r]]![Int(classes[r])] += 1 }
        if !targets[r].isNaN { targetCounts[hashes[r], default: 0] += 1 }
      }
      if !numbers[r].isNaN && classes[r] < 8 {
        buckets[ClassHistogram.key(numbers[r]), default: [Array(repeating: 0, count: 8), Array(repeating: 0, count: 8)]][Int(rowHashes[r] & 1)][Int(classes[r])] += 1
      }
    }
    #expect(table.valueCount == order.count)
    for (slot, hash) in order.enumerated() {
      #expect(table.counts(slot: slot, classes: 10) == counts[hash]!)
      #expect(table.targets[slot].count == targetCounts[hash, default: 0])
    }
    let sorted = histogram.sortedBuckets(classes: 10)
    #expect(sorted.map(\.key) == buckets.keys.sorted())
    for bucket in sorted { #expect(bucket.counts == buckets[bucket.key]!) }
    #expect(byClass.missingCounts == missingTwin && byClass.presentCounts == presentTwin)
  }

  /// The value table and histogram of a coded column (each code's slot looked up once per
  /// dictionary) against the same rows by hash: two dictionaries of 60 values (the second
  /// sharing half the first's values, under other codes), classes that widen the counters.
  @Test(arguments: [1, 7, 500, 4_000])
  mutating func codedLabelLoopsAgreeWithHashed(batch: Int) {
    let rows = 4_000, values = 90
    let valueHashes = (0..<values).map { UInt64($0 + 1) &* 0x9E37_79B9_7F4A_7C15 }
    let valueNumbers: [Double] = (0..<values).map { (id: Int) -> Double in
      let spread = Double(id * 37 % 101)
      return id % 7 == 0 ? .nan : spread / 3 - 10
    }
    // Dictionary A holds values 0..<60, B values 30..<90 in reverse: rows 0..<2,000 are A's.
    func dictionary(_ ids: [Int]) -> ValueDictionary {
      ValueDictionary(bytes: [], ends: Array(repeating: 0, count: ids.count), hashes: ids.map { valueHashes[$0] })!
    }
    let idsA = Array(0..<60), idsB = Array((30..<90).reversed())
    let a = dictionary(idsA), b = dictionary(idsB)
    let codes: [Int32] = (0..<rows).map { _ in Int32(rng.next() % 60) }
    let ids = (0..<rows).map { r in (r < 2_000 ? idsA : idsB)[Int(codes[r])] }
    let classes: [Int32] = (0..<rows).map { r in
      let pick = Int(rng.next() % 20)
      if pick == 0 { return -2 }
      return r < 1_000 ? Int32(pick % 2) : Int32([0, 1, 2, 5][pick % 4])
    }
    let hashes = ids.map { valueHashes[$0] }
    let missing = ids.map { $0 % 11 == 0 }
    let numbers = ids.map { (id: Int) -> Double in id % 11 == 0 ? .nan : valueNumbers[id] }
    let targets = [Double](repeating: .nan, count: rows)
    let rowHashes = (0..<rows).map { _ in rng.next() }

    var tables = [ValueClassTable(), ValueClassTable()], histograms = [ClassHistogram(), ClassHistogram()]
    // A batch is coded only within one dictionary's rows, as the reader makes them.
    for half in [0..<2_000, 2_000..<rows] {
      for start in stride(from: half.lowerBound, to: half.upperBound, by: batch) {
        let part = start..<min(start + batch, half.upperBound), n = part.count
        let rowsOfPart = LabelRows(classes: classes, hashes: hashes, missing: missing, numbers: numbers, targets: targets, rowHashes: rowHashes)
        Array(codes[part]).withUnsafeBufferPointer { k in
          rowsOfPart.withPointers(part) { c, h, m, x, t, rh in
            let coded = CodedValues(dictionary: part.lowerBound < 2_000 ? a : b, codes: k)
            for (i, codes) in [nil, coded].enumerated() {
              tables[i].observe(hashes: h, codes: codes, classIndexes: c, missing: m, targets: t, rows: n)
              histograms[i].observe(numbers: x, codes: codes, classIndexes: c, rowHashes: rh, rows: n)
            }
          }
        }
      }
    }
    #expect(tables[0].valueCount > 60 && tables[1].valueCount == tables[0].valueCount)
    for slot in 0..<tables[0].valueCount {
      #expect(tables[1].counts(slot: slot, classes: 6) == tables[0].counts(slot: slot, classes: 6))
    }
    let sorted = histograms[0].sortedBuckets(classes: 6)
    #expect(sorted.count > 40)
    #expect(histograms[1].sortedBuckets(classes: 6).map(\.counts) == sorted.map(\.counts))
  }

  /// Past its cap of distinct values the value table stops, also in the middle of a batch.
  @Test func valueClassTableOverflowsInABatch() {
    let rows = ValueClassTable.cap + 10
    let hashes = (0..<rows).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
    var table = ValueClassTable()
    hashes.withUnsafeBufferPointer { h in
    [Int32](repeating: 1, count: rows).withUnsafeBufferPointer { c in
    [Bool](repeating: false, count: rows).withUnsafeBufferPointer { m in
    [Double](repeating: .nan, count: rows).withUnsafeBufferPointer { t in
      table.observe(hashes: UnsafeBufferPointer(rebasing: h[..<ValueClassTable.cap]), codes: nil, classIndexes: c, missing: m, targets: t,
                    rows: ValueClassTable.cap)
      #expect(!table.overflowed && table.valueCount == ValueClassTable.cap)
      table.observe(hashes: h, codes: nil, classIndexes: c, missing: m, targets: t, rows: rows)
    }}}}
    #expect(table.overflowed && table.valueCount == 0)
  }
}

/// Per-row inputs of the label analysis' batch loops, handed out as pointers to a part's rows.
private struct LabelRows {
  let classes: [Int32], hashes: [UInt64], missing: [Bool], numbers: [Double], targets: [Double], rowHashes: [UInt64]

  func withPointers(_ part: Range<Int>, _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<UInt64>, UnsafeBufferPointer<Bool>,
                                                 UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<UInt64>) -> Void) {
    Array(classes[part]).withUnsafeBufferPointer { c in
    Array(hashes[part]).withUnsafeBufferPointer { h in
    Array(missing[part]).withUnsafeBufferPointer { m in
    Array(numbers[part]).withUnsafeBufferPointer { x in
    Array(targets[part]).withUnsafeBufferPointer { t in
    Array(rowHashes[part]).withUnsafeBufferPointer { rh in
      body(c, h, m, x, t, rh)
    }}}}}}
  }
}
