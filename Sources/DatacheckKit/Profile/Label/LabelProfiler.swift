/// What the user says about the label: its column, ID and time columns, the task, the folds.
public struct LabelOptions: Sendable {
  public var column: String
  public var idColumns: [String] = []
  public var timeColumn: String?
  /// nil: inferred (string or boolean labels, or integers with at most 50 values, are classes).
  public var task: LabelProfile.Task?
  public var folds = 5

  public init(column: String) { self.column = column }
}

/// Per-row values of one batch column, kept for the label analysis: hash, number, missing flag.
struct ColumnScratch: Sendable {
  var hashes: [UInt64] = []
  /// The value as a number, NaN when it is missing or not a number.
  var numbers: [Double] = []
  var missing: [Bool] = []

  /// Makes room for `rows` rows, every one of which the caller then sets. Batches differ in
  /// rows by a few: the arrays keep their storage and change at their end (new arrays each
  /// batch were fresh pages to fault in and fill, 3 % of a profile).
  mutating func reset(rows: Int) {
    let count = hashes.count
    if rows > count {
      hashes.append(contentsOf: repeatElement(0, count: rows - count))
      numbers.append(contentsOf: repeatElement(.nan, count: rows - count))
      missing.append(contentsOf: repeatElement(true, count: rows - count))
    } else if rows < count {
      hashes.removeLast(count - rows)
      numbers.removeLast(count - rows)
      missing.removeLast(count - rows)
    }
  }
}

/// Everything one column gathers about the label while the data streams by.
struct FeatureAccumulator: Sendable {
  var table = ValueClassTable()
  var histogram = ClassHistogram()
  var moments = CoMoments()
  var missing = MissingByClass()
  var equalToLabel = 0

  /// Observes the labeled rows (class index not -2) of one batch column.
  ///
  /// One loop per accumulator, each over plain pointers (each accumulator sees the rows in the
  /// same order as one loop over all of them would show it); the value table's loop ends as
  /// soon as the table has overflowed, as a near-unique column's does early. `targets` holds
  /// each row's target as a number (NaN: none), or is nil when no row of the batch has one.
  mutating func observe(classIndexes: [Int32], targets: [Double]?, classTotals: [Int], scratch s: ColumnScratch,
                        codes: CodedValues?, label: ColumnScratch, rowHashes: [UInt64], rows: Int) {
    classIndexes.withUnsafeBufferPointer { classIndexes in
    (targets ?? []).withUnsafeBufferPointer { given in
    let targets = targets == nil ? nil : given
    classTotals.withUnsafeBufferPointer { classTotals in
    s.missing.withUnsafeBufferPointer { missing in
    s.hashes.withUnsafeBufferPointer { hashes in
    s.numbers.withUnsafeBufferPointer { numbers in
    rowHashes.withUnsafeBufferPointer { rowHashes in
      self.missing.observe(classIndexes: classIndexes, missing: missing, targets: targets, classTotals: classTotals, rows: rows)
      table.observe(hashes: hashes, codes: codes, classIndexes: classIndexes, missing: missing, targets: targets, rows: rows)
      histogram.observe(numbers: numbers, codes: codes, classIndexes: classIndexes, rowHashes: rowHashes, rows: rows)
      if let targets {
        for r in 0..<rows where classIndexes[r] != -2 && !numbers[r].isNaN && !targets[r].isNaN {   // NaN where missing
          moments.observe(numbers[r], targets[r])
        }
      }
      label.hashes.withUnsafeBufferPointer { labelHashes in
        // Without branches (a row counts when all three hold): the loop vectorizes.
        var equal = 0
        for r in 0..<rows {
          equal &+= (hashes[r] == labelHashes[r] ? 1 : 0) & (classIndexes[r] != -2 ? 1 : 0) & (missing[r] ? 0 : 1)
        }
        equalToLabel += equal
      }
    }}}}}}}
  }

  /// Frees the slots kept per code of the last dictionary (once the input is read).
  mutating func forgetDictionaries() {
    table.forgetDictionary()
    histogram.forgetDictionary()
  }

  mutating func merge(_ other: FeatureAccumulator, classMap: [Int32]) {
    table.merge(other.table, classMap: classMap)
    histogram.merge(other.histogram, classMap: classMap)
    moments.merge(other.moments)
    missing.merge(other.missing, classMap: classMap)
    equalToLabel += other.equalToLabel
  }
}

/// The label analysis of one pass: classes, per-column label statistics, conflicts, label runs.
///
/// Bounded memory: per column a value table of at most 4,096 values, a bucket histogram, and
/// fixed-size counters; plus the conflict table (16 MiB at most, then sampled).
struct LabelProfiler: Sendable {
  let options: LabelOptions
  let labelIndex: Int
  let features: [Int]
  /// Columns whose values make up a row's features for `conflicting_labels` (no label, no IDs).
  let conflictColumns: [Int]
  private(set) var classes = LabelClasses()
  /// The class of each code of a coded label's last dictionary (-1: not looked up yet).
  private var classByCode = CodeSlots()
  private(set) var accumulators: [FeatureAccumulator]
  private(set) var sums = TargetSumTracker()
  private(set) var conflicts = ConflictTracker()
  private(set) var runs = LabelRuns()
  private(set) var labeled = 0
  private(set) var unlabeled = 0
  private var numericTargets = 0
  private var classIndexes: [Int32] = []
  /// Each row's feature hash (label and ID-named columns left out), for the last batch.
  private(set) var featureHashes: [UInt64] = []
  private var targets: [Double] = []
  private var tolerances: [Double] = []

  init(options: LabelOptions, labelIndex: Int, columnNames: [String]) {
    self.options = options
    self.labelIndex = labelIndex
    features = columnNames.indices.filter { $0 != labelIndex }
    let ids = Set(options.idColumns)
    conflictColumns = features.filter { !ids.contains(columnNames[$0]) && !IDName.matches(columnNames[$0]) }
    accumulators = Array(repeating: FeatureAccumulator(), count: columnNames.count)
    sums.start(columns: features)
  }

  /// Observes the batch's rows, given every column's per-row values.
  mutating func observe(_ batch: RecordBatch, scratch: [ColumnScratch], rowHashes: [UInt64]) {
    let rows = batch.count
    readLabels(batch.column(labelIndex), scratch: scratch[labelIndex], rows: rows)
    let classTotals = classIndexes.withUnsafeBufferPointer { MissingByClass.classTotals($0, rows: rows) }
    let batchTargets = targets.lazy.filter { !$0.isNaN }.count
    for c in features {
      let column = batch.column(c)
      let coded: Void? = column.withCodes { dictionary, codes, _ in
        observeFeature(c, classTotals: classTotals, hasTargets: batchTargets > 0, scratch: scratch[c],
                       codes: CodedValues(dictionary: dictionary, codes: codes), label: scratch[labelIndex], rowHashes: rowHashes, rows: rows)
      }
      if coded == nil {
        observeFeature(c, classTotals: classTotals, hasTargets: batchTargets > 0, scratch: scratch[c], codes: nil,
                       label: scratch[labelIndex], rowHashes: rowHashes, rows: rows)
      }
    }
    numericTargets += batchTargets
    if labeled >= 1_000 && numericTargets * 2 < labeled { sums.stop() }   // not a numeric target
    sums.observe(numbers: scratch.map(\.numbers), target: targets, tolerance: tolerances, rows: rows)
    // Column by column through pointers (the same fold for each row as row by row).
    featureHashes.removeAll(keepingCapacity: true)
    featureHashes.append(contentsOf: repeatElement(RowHash.seed, count: rows))
    featureHashes.withUnsafeMutableBufferPointer { features in
      for c in conflictColumns {
        scratch[c].hashes.withUnsafeBufferPointer { hashes in
          for r in 0..<rows { features[r] = RowHash.combine(features[r], hashes[r]) }
        }
      }
    }
    scratch[labelIndex].hashes.withUnsafeBufferPointer { labels in
      for r in 0..<rows where classIndexes[r] != -2 { conflicts.observe(features: featureHashes[r], label: labels[r]) }
    }
  }

  /// Class index per row (-2: no label), the target as a number and its rounding tolerance.
  private mutating func readLabels(_ column: RecordBatch.Column, scratch: ColumnScratch, rows: Int) {
    // Filled through pointers, moved out of `self` meanwhile: three appends a row each checked
    // the array for sharing and room.
    var indexes: [Int32] = [], ys: [Double] = [], slack: [Double] = []
    swap(&indexes, &classIndexes)
    swap(&ys, &targets)
    swap(&slack, &tolerances)
    defer {
      swap(&indexes, &classIndexes)
      swap(&ys, &targets)
      swap(&slack, &tolerances)
    }
    indexes.removeAll(keepingCapacity: true)
    indexes.append(contentsOf: repeatElement(-2, count: rows))
    ys.removeAll(keepingCapacity: true)
    ys.append(contentsOf: repeatElement(.nan, count: rows))
    slack.removeAll(keepingCapacity: true)
    slack.append(contentsOf: repeatElement(0, count: rows))
    indexes.withUnsafeMutableBufferPointer { indexes in
    ys.withUnsafeMutableBufferPointer { ys in
    slack.withUnsafeMutableBufferPointer { slack in
      // A coded label's rows are read from its dictionary, and a code's class looked up once.
      let coded: Void? = column.withCodes { dictionary, codes, _ in
        var known = CodeSlots()
        swap(&known, &classByCode)   // written through a pointer below, not through `self`
        defer { swap(&known, &classByCode) }
        known.use(dictionary)
        dictionary.withTexts { bytes, ends in
          known.slots.withUnsafeMutableBufferPointer { classByCode in
            readLabels(rows, scratch: scratch, indexes: indexes, ys: ys, slack: slack, classByCode: classByCode, codes: codes) {
              ValueDictionary.value(Int(codes[$0]), bytes, ends)
            }
          }
        }
      }
      if coded != nil { return }
      column.withBuffers { bytes, ends, _ in
        readLabels(rows, scratch: scratch, indexes: indexes, ys: ys, slack: slack, classByCode: nil, codes: nil) { r in
          UnsafeRawBufferPointer(rebasing: bytes[(r == 0 ? 0 : Int(ends[r - 1]))..<Int(ends[r])])
        }
      }
    }}}
  }

  /// `readLabels` of rows whose text `value` gives; with `codes`, each code's class is kept in
  /// `classByCode` and the rows of a known class are counted together after the loop.
  @inline(__always)
  private mutating func readLabels(_ rows: Int, scratch: ColumnScratch, indexes: UnsafeMutableBufferPointer<Int32>,
                                   ys: UnsafeMutableBufferPointer<Double>, slack: UnsafeMutableBufferPointer<Double>,
                                   classByCode: UnsafeMutableBufferPointer<Int32>?, codes: UnsafeBufferPointer<Int32>?,
                                   value: (Int) -> UnsafeRawBufferPointer) {
    withUnsafeTemporaryAllocation(of: Int.self, capacity: LabelClasses.cap) { again in
      again.initialize(repeating: 0)
      for r in 0..<rows {
        guard !scratch.missing[r] else {
          unlabeled += 1
          continue
        }
        labeled += 1
        if let classByCode, let codes, case let known = classByCode[Int(codes[r])], known >= 0 {
          indexes[r] = known
          again[Int(known)] &+= 1
        } else {
          let index = classes.observe(value(r), hash: scratch.hashes[r])
          indexes[r] = index
          if let classByCode, let codes, index >= 0 { classByCode[Int(codes[r])] = index }
        }
        let y = scratch.numbers[r]
        ys[r] = y
        if !y.isNaN { slack[r] = TargetSumTracker.tolerance(value(r), value: y) }
        runs.observe(scratch.hashes[r])
      }
      classes.countAgain(again)
    }
  }

  private mutating func observeFeature(_ c: Int, classTotals: [Int], hasTargets: Bool, scratch s: ColumnScratch, codes: CodedValues?,
                                       label: ColumnScratch, rowHashes: [UInt64], rows: Int) {
    // In place: a copy taken out of the array shares its tables with the array, so the first
    // write to each would copy it whole (a megabyte of class counts, once a batch and column).
    accumulators[c].observe(classIndexes: classIndexes, targets: hasTargets ? targets : nil, classTotals: classTotals,
                            scratch: s, codes: codes, label: label, rowHashes: rowHashes, rows: rows)
  }

  /// See `DatasetProfiler.deferRowInserts`.
  mutating func deferRowInserts() { conflicts.deferInserts() }
  mutating func sortDeferredRows() {
    conflicts.sortDeferred()
    classByCode = CodeSlots()
    for c in accumulators.indices { accumulators[c].forgetDictionaries() }
  }
  mutating func insertDeferredRows() { conflicts.insertDeferred() }
  mutating func insertListedRows() { conflicts.insertListed() }

  /// Adds the label analysis of a later part of the dataset.
  mutating func merge(_ other: LabelProfiler) {
    let classMap = classes.merge(other.classes)
    for c in features { accumulators[c].merge(other.accumulators[c], classMap: classMap) }
    sums.merge(other.sums)
    conflicts.merge(other.conflicts)
    runs.merge(other.runs)
    labeled += other.labeled
    numericTargets += other.numericTargets
    unlabeled += other.unlabeled
  }
}

/// Column names that say "identifier": id, uuid, guid, key, as a word or a suffix.
enum IDName {
  static func matches(_ name: String) -> Bool {
    let lower = name.lowercased()
    for word in ["id", "uuid", "guid", "key"] {
      if lower == word || lower.hasSuffix("_" + word) || lower.hasSuffix("-" + word) || lower.hasSuffix(" " + word)
        || lower.hasPrefix(word + "_") { return true }
    }
    // camelCase: customerId, accountUUID
    return name.hasSuffix("Id") || name.hasSuffix("ID") || name.hasSuffix("Uuid") || name.hasSuffix("UUID") || name.hasSuffix("Key")
  }
}
