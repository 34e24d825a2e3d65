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
  public var kindCounts: [Int] { (0..<ValueKind.allCases.count).map { kinds[$0] } }
  /// `kindCounts` kept inline: an array here is checked for sharing at every value counted.
  private var kinds = SIMD8<Int>()
  public private(set) var numbers = NumericStats()
  public private(set) var integers = IntegerRange()
  /// Quantiles of the numbers the exact value table does not hold: empty while the counter is
  /// exact (the table has every value and its count), then the table's numbers weighted by their
  /// counts, added at its switch to sketches, and every number after. `quantiles` reads both.
  private(set) var sketchedQuantiles = KLLSketch()
  public private(set) var lengths = LengthStats()
  public private(set) var temporal = TemporalRange()
  public private(set) var counter: ValueCounter
  /// Whether the values so far are `first`, `first + 1`, … in row order (a row index).
  public private(set) var rowIndex = RowIndexRun()
  /// Up to three distinct values of kind `string`, for messages about mixed types.
  public private(set) var stringExamples: [[UInt8]] = []
  let missingTokens: MissingTokens
  /// The type the input format declares (Parquet), or nil to infer it from the values.
  public let declaredType: ColumnType?
  /// What the last coded batch's dictionary values were found to be (see `observeCodes`).
  private var memo = DictionaryMemo()

  public init(name: String, index: Int, missingTokens: MissingTokens, maxExactDistinct: Int = ValueCounter.defaultMaxExact,
              declaredType: ColumnType? = nil) {
    self.declaredType = declaredType
    self.name = name
    self.index = index
    self.missingTokens = missingTokens
    tokenCounts = Array(repeating: 0, count: missingTokens.tokens.count)
    counter = ValueCounter(maxExact: maxExactDistinct)
  }

  /// Counts values with sketches from the start, before anything is observed: for a later
  /// part of a file whose first part already had more distinct values than the exact cap, so
  /// the whole column will be sketched anyway.
  mutating func startSketching() {
    precondition(values == 0, "a column starts sketching before it observes anything")
    counter = ValueCounter(maxExact: counter.maxExact, maxArenaBytes: counter.maxArenaBytes, sketched: true)
  }

  /// Observes the first `rows` values of `column` (the batch's complete records), folding each
  /// value's hash into its row's hash.
  public mutating func observe(_ column: RecordBatch.Column, rows: Int, rowHashes: inout [UInt64]) {
    var none = ColumnScratch()
    observe(column, rows: rows, rowHashes: &rowHashes, scratch: &none, keep: false)
    addRepeats()
  }

  /// As above, and when `keep` is set also records each row's hash, number and missing flag;
  /// with `prepared`, the values' hashes are read from it.
  mutating func observe(_ column: RecordBatch.Column, rows: Int, rowHashes: inout [UInt64],
                        scratch: inout ColumnScratch, keep: Bool, prepared: PreparedColumn? = nil) {
    if keep { scratch.reset(rows: rows) }
    let coded: Void? = column.withCodes { dictionary, codes, flags in
      observeCodes(codes, flags: flags, dictionary: dictionary, rows: rows, rowHashes: &rowHashes, scratch: &scratch, keep: keep)
    }
    if coded != nil { return }
    addRepeats()   // a chunk's plain pages after its dictionary pages: the table must be whole
    // Plain pointers in the loop: an array element written through `self` or an `inout` array
    // checks that the array is not shared, once a value, which showed in profiles.
    // The batch's integers and floats go to the quantile sketch together, after the loop.
    withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(rows, 1)) { ranked in
    var rankedCount = 0
    column.withBuffers { bytes, ends, flags in
    rowHashes.withUnsafeMutableBufferPointer { rowHashes in
    scratch.hashes.withUnsafeMutableBufferPointer { hashes in
    scratch.numbers.withUnsafeMutableBufferPointer { numbers in
    scratch.missing.withUnsafeMutableBufferPointer { missing in
    // One loop for given and worked-out hashes: a loop for each (a closure taking an optional
    // pointer) left the value parser out of line in the one for given hashes.
    (prepared?.hashes ?? []).withUnsafeBufferPointer { preparedHashes in
      let given = preparedHashes.count >= rows
      var start = 0
      for i in 0..<rows {
        let end = Int(ends[i])
        var hash = RowHash.absent
        var result = Observed(missing: true, number: .nan, ranked: false)
        if flags[i] & RecordBatch.absent != 0 {
          observeAbsent()
        } else {
          let value = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
          hash = given ? preparedHashes[i] : ValueHash.hash(value)
          result = observe(value, hash: hash)
          if result.ranked && !result.number.isNaN {
            ranked[rankedCount] = result.number
            rankedCount &+= 1
          }
        }
        rowHashes[i] = RowHash.combine(rowHashes[i], hash)
        if keep {
          hashes[i] = hash
          numbers[i] = result.number
          missing[i] = result.missing
        }
        start = end
      }
    }}}}}}
    sketchedQuantiles.insert(contentsOf: UnsafeBufferPointer(rebasing: ranked[..<rankedCount]))
    }
  }

  /// `observe` of a coded column: each row the same as observing the text its code stands for,
  /// but, while the value table is exact, a value met before in the same dictionary is not
  /// looked at again. A missing token is counted by its token; any other value is only counted
  /// by its code, and its rows are observed at once, by the digest it got the first time (one
  /// table add and one update of the mean and variance a value: the same within rounding), by
  /// `addRepeats`: when the column chunk ends, before a new value that might fill the table (and
  /// turn its counts into sketches), and before anything reads or merges the profiler.
  private mutating func observeCodes(_ codes: UnsafeBufferPointer<Int32>, flags: UnsafeBufferPointer<UInt8>, dictionary: ValueDictionary,
                                     rows: Int, rowHashes: inout [UInt64], scratch: inout ColumnScratch, keep: Bool) {
    if memo.dictionary !== dictionary {
      addRepeats()
      // Sketched counts take every row as it comes; so do a near-unique column's, whose
      // dictionary holds more values than half the exact cap (its memo would hold 28 bytes a
      // value for little: most of them come once).
      memo = DictionaryMemo(dictionary, tracking: counter.isExact && dictionary.count <= counter.maxExact / 2)
    }
    var memo = DictionaryMemo()
    swap(&memo, &self.memo)   // filled through pointers below, not through `self`
    var touched = memo.touched
    memo.touched = []
    let tracked = memo.entries.count == dictionary.count
    withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(rows, 1)) { ranked in
    var rankedCount = 0
    dictionary.withTexts { bytes, ends in
    dictionary.hashes.withUnsafeBufferPointer { valueHashes in
    memo.entries.withUnsafeMutableBufferPointer { entries in
    memo.digests.withUnsafeMutableBufferPointer { digests in
    rowHashes.withUnsafeMutableBufferPointer { rowHashes in
    scratch.hashes.withUnsafeMutableBufferPointer { hashes in
    scratch.numbers.withUnsafeMutableBufferPointer { numbers in
    scratch.missing.withUnsafeMutableBufferPointer { missingFlags in
      var exact = tracked && counter.isExact   // else every row is observed in full
      for i in 0..<rows {
        var hash = RowHash.absent
        var result = Observed(missing: true, number: .nan, ranked: false)
        if flags[i] & RecordBatch.absent != 0 {
          observeAbsent()
        } else {
          let code = Int(codes[i])
          hash = valueHashes[code]
          let state = exact ? entries[code].state : DictionaryMemo.unseen
          if exact && state == DictionaryMemo.counted {
            values += 1
            result.missing = false
            result.number = entries[code].number
            if entries[code].pending == 0 { touched.append(Int32(code)) }
            entries[code].pending &+= 1
            if entries[code].pending == UInt32.max {   // a chunk of over 4 × 10⁹ rows
              addRepeats(&touched, entries: entries, digests: UnsafeBufferPointer(digests), dictionary: dictionary)
            }
          } else if exact && state != DictionaryMemo.unseen {
            let row = values
            values += 1
            self.missing += 1
            tokenCounts[Int(state) - 1] += 1
            rowIndex.observe(nil, row: row)
          } else {
            let value = ValueDictionary.value(code, bytes, ends)
            if exact && counter.mightFill(adding: value.count) {
              addRepeats(&touched, entries: entries, digests: UnsafeBufferPointer(digests), dictionary: dictionary)
            }
            result = observe(value, hash: hash)
            if result.ranked && !result.number.isNaN {
              ranked[rankedCount] = result.number
              rankedCount &+= 1
            }
            if exact {
              if !counter.isExact {
                exact = false   // the table passed its caps: the counts are sketched from here on
              } else if result.missing {
                entries[code].state = UInt32(missingTokens.match(value)!) + 1
              } else {
                entries[code] = DictionaryMemo.Entry(number: result.digest.number, state: DictionaryMemo.counted)
                digests[code] = result.digest
              }
            }
          }
        }
        rowHashes[i] = RowHash.combine(rowHashes[i], hash)
        if keep {
          hashes[i] = hash
          numbers[i] = result.number
          missingFlags[i] = result.missing
        }
      }
    }}}}}}}}
    sketchedQuantiles.insert(contentsOf: UnsafeBufferPointer(rebasing: ranked[..<rankedCount]))
    }
    memo.touched = touched
    swap(&memo, &self.memo)
  }

  /// Observes the rows `observeCodes` only counted so far (see there).
  mutating func addRepeats() {
    guard !memo.touched.isEmpty, let dictionary = memo.dictionary else { return }
    var memo = DictionaryMemo()
    swap(&memo, &self.memo)
    memo.entries.withUnsafeMutableBufferPointer { entries in
      memo.digests.withUnsafeBufferPointer { digests in
        addRepeats(&memo.touched, entries: entries, digests: digests, dictionary: dictionary)
      }
    }
    swap(&memo, &self.memo)
  }

  /// Adds the pending rows of each `touched` code to the value table and observes them by
  /// their `digests`; empties both.
  private mutating func addRepeats(_ touched: inout [Int32], entries: UnsafeMutableBufferPointer<DictionaryMemo.Entry>,
                                   digests: UnsafeBufferPointer<ValueDigest>, dictionary: ValueDictionary) {
    dictionary.withTexts { bytes, ends in
      for code in touched {
        let c = Int(code)
        let pending = Int(entries[c].pending)
        _ = counter.addExact(ValueDictionary.value(c, bytes, ends), hash: dictionary.hashes[c], count: pending)   // counted before: never new
        observeRepeats(digests[c], count: pending)
        entries[c].pending = 0
      }
    }
    touched.removeAll(keepingCapacity: true)
  }

  /// Observes what `observeCodes` left pending and frees what it keeps of the last dictionary.
  mutating func forgetDictionary() {
    addRepeats()
    memo = DictionaryMemo()
  }

  /// The quantile summary of the column's integers and floats: exact, from the value counts,
  /// while the counter is exact (up to `maxExactDistinct` distinct values), else the sketch.
  public var quantiles: KLLSketch {
    guard counter.isExact else { return sketchedQuantiles }
    var items: [(value: Double, count: Int)] = []
    counter.forEachExact { value, count, digest in
      if let x = ColumnProfiler.rankedNumber(value, digest) { items.append((x, count)) }
    }
    return KLLSketch.exact(items)
  }

  /// Adds the numbers of the exact value table, weighted by their counts, to `sketch`.
  private func addExactNumbers(to sketch: inout KLLSketch) {
    counter.forEachExact { value, count, digest in
      if let x = ColumnProfiler.rankedNumber(value, digest) { sketch.insert(x, weight: count) }
    }
  }

  /// The number the quantiles take of an exact entry's `value` (an integer or a float), else
  /// nil: the one its digest holds, parsed again from `value` only for an entry without a digest
  /// (one the counter was given by `ValueCounter.observe`, not by this profiler).
  private static func rankedNumber(_ value: UnsafeRawBufferPointer, _ digest: ValueDigest) -> Double? {
    guard digest.isKnown else {
      let parsed = ValueParser.parse(value)
      return parsed.kind == .integer || parsed.kind == .float ? parsed.number : nil
    }
    let kind = Int(digest.kind)
    return kind == ValueKind.integer.rawValue || kind == ValueKind.float.rawValue ? digest.number : nil
  }

  /// The value table has passed its caps: its numbers go to the quantile sketch as it goes.
  @inline(never)
  private mutating func switchToSketches() {
    var sketch = sketchedQuantiles
    sketchedQuantiles = KLLSketch()   // not shared while filled
    counter.switchToSketches { value, count, digest in
      if let x = ColumnProfiler.rankedNumber(value, digest) { sketch.insert(x, weight: count) }
    }
    sketchedQuantiles = sketch
  }

  /// What observing one value found: whether it is missing, its number (NaN if none; a date or
  /// datetime gives its seconds since 1970), and whether that number goes to the quantile sketch
  /// (integers and floats once the value counts are sketched; the caller inserts it).
  struct Observed {
    var missing: Bool
    var number: Double
    var ranked: Bool
    /// The value's digest, when the exact value table counted it (else unknown).
    var digest = ValueDigest.unknown
  }

  @inline(__always)
  mutating func observeAbsent() {
    rowIndex.observe(nil, row: values)
    values += 1
    missing += 1
    absent += 1
  }

  @discardableResult @inline(__always)
  mutating func observe(_ value: UnsafeRawBufferPointer, hash: UInt64) -> Observed {
    let row = values
    values += 1
    if let token = missingTokens.match(value) {
      missing += 1
      tokenCounts[token] += 1
      rowIndex.observe(nil, row: row)
      return Observed(missing: true, number: .nan, ranked: false)
    }
    guard counter.isExact else {
      let observed = observeNew(value, row: row).observed
      counter.observeSketched(value, hash: hash)
      return Observed(missing: false, number: observed.number, ranked: observed.ranked)
    }
    // The entry's digest comes with its count, from the same cache line of the value table.
    let found = counter.addExact(value, hash: hash)
    if !found.inserted && found.digest.isKnown {
      return observeRepeat(found.digest, row: row)
    }
    let (observed, digest) = observeNew(value, row: row)
    counter.setDigest(digest, slot: found.slot)
    if found.full { switchToSketches() }
    return Observed(missing: false, number: observed.number, ranked: false, digest: digest)
  }

  /// A value the exact table holds already, by its digest: what observing it again changes (no
  /// minimum or maximum, and no longer a row index: a row index has no value twice).
  @inline(__always)
  private mutating func observeRepeat(_ digest: ValueDigest, row: Int) -> Observed {
    let kind = Int(digest.kind)
    kinds[kind] &+= 1
    if kind == ValueKind.integer.rawValue || kind == ValueKind.float.rawValue { numbers.observe(digest.number) }
    rowIndex.observe(nil, row: row)
    lengths.observeRepeat(scalars: Int(digest.scalars))
    return Observed(missing: false, number: digest.number, ranked: false, digest: digest)
  }

  /// `observeRepeat` of `count` rows of one value, at once.
  private mutating func observeRepeats(_ digest: ValueDigest, count: Int) {
    let kind = Int(digest.kind)
    kinds[kind] &+= count
    if kind == ValueKind.integer.rawValue || kind == ValueKind.float.rawValue { numbers.observe(digest.number, count: count) }
    rowIndex.observeRepeats(count)
    lengths.observeRepeat(scalars: Int(digest.scalars), count: count)
  }

  /// Observes a value that is not missing, in full: its kind, number, length, examples; the
  /// caller counts it. `ranked`: whether its number goes to the quantile sketch, once sketched.
  @inline(__always)
  private mutating func observeNew(_ value: UnsafeRawBufferPointer, row: Int) -> (observed: Observed, digest: ValueDigest) {
    let parsed = ValueParser.parse(value)
    kinds[parsed.kind.rawValue] &+= 1
    var number = Double.nan
    switch parsed.kind {
    case .integer:
      integers.observe(parsed.integer)
      number = parsed.number
      numbers.observe(number)
    case .float:
      number = parsed.number
      numbers.observe(number)
    case .date, .slashDate, .datetime:
      number = parsed.number   // seconds since 1970: dates order and split like numbers
      temporal.observe(number, text: value)
    case .boolean:
      break
    case .string:
      if stringExamples.count < 3, !stringExamples.contains(where: { $0.elementsEqual(value) }) {
        stringExamples.append(Array(value))
      }
    }
    rowIndex.observe(parsed.kind == .integer ? parsed.integer : nil, row: row)
    let scalars = lengths.observe(value)
    return (Observed(missing: false, number: number, ranked: parsed.kind == .integer || parsed.kind == .float),
            ValueDigest(number: number, scalars: Int32(truncatingIfNeeded: scalars), kind: UInt8(parsed.kind.rawValue)))
  }

  public mutating func merge(_ other: ColumnProfiler) {
    addRepeats()
    var other = other
    other.addRepeats()
    values += other.values
    missing += other.missing
    absent += other.absent
    for i in tokenCounts.indices { tokenCounts[i] += other.tokenCounts[i] }
    kinds &+= other.kinds
    numbers.merge(other.numbers)
    integers.merge(other.integers)
    if !counter.staysExact(mergedWith: other.counter) {
      // The merged counts will be sketched: every number not yet in a sketch goes to one.
      if counter.isExact { addExactNumbers(to: &sketchedQuantiles) }
      var theirs = other.sketchedQuantiles
      if other.counter.isExact { other.addExactNumbers(to: &theirs) }
      sketchedQuantiles.merge(theirs)
    }
    lengths.merge(other.lengths)
    temporal.merge(other.temporal)
    counter.merge(other.counter)
    rowIndex.merge(other.rowIndex)
    for example in other.stringExamples where stringExamples.count < 3 && !stringExamples.contains(example) {
      stringExamples.append(example)
    }
  }

  public var type: ColumnType { declaredType ?? ColumnType.resolve(kindCounts) }
}
