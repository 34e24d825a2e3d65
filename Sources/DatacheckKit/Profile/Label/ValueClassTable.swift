/// For one column: each value's label counts per class and target moments, up to `cap` values.
///
/// Gives the leave-one-out accuracy of the rule "a value predicts its majority class" and the
/// correlation ratio with a numeric target. Past `cap` distinct values the table stops growing
/// (`overflowed`): a column that fine-grained is judged by its numbers or as an ID instead.
/// Memory: `cap` × (classes + 3) words at most.
struct ValueClassTable: Sendable {
  static let cap = 4_096
  static let maxClasses = 64

  private var slotByHash = HashIndex()
  /// The slot of each code of the last coded column's dictionary (-1: not looked up yet).
  private var slotByCode = CodeSlots()
  private var hashes: [UInt64] = []
  /// `classCounts[slot * stride + class]`.
  private var classCounts: [Int32] = []
  /// Counters per value: a power of two above the highest class index seen, at most
  /// `maxClasses` (a two-class label's table stays 8 bytes a value, within cache).
  private var stride = 2
  private(set) var targets: [NumericStats] = []
  private(set) var overflowed = false

  var valueCount: Int { hashes.count }

  /// Observes the labeled rows (class index not -2) whose value is present, stopping once the
  /// table has overflowed. `targets` is nil when no row of the batch has a numeric target.
  ///
  /// The counts are written through a pointer between the rows of a value new to the table
  /// (which grows the arrays): through the array each row checked it for sharing.
  ///
  /// With `codes` (a coded column's), each code's slot is looked up once per dictionary.
  mutating func observe(hashes: UnsafeBufferPointer<UInt64>, codes: CodedValues?, classIndexes: UnsafeBufferPointer<Int32>,
                        missing: UnsafeBufferPointer<Bool>, targets: UnsafeBufferPointer<Double>?, rows: Int) {
    if let codes { slotByCode.use(codes.dictionary) }
    var r = 0
    while r < rows && !overflowed {
      let stride = stride
      r = classCounts.withUnsafeMutableBufferPointer { counts in
      slotByCode.slots.withUnsafeMutableBufferPointer { slotByCode in
        var r = r
        while r < rows {
          let c = classIndexes[r]
          if c == -2 || missing[r] { r += 1; continue }
          guard let slot = CodeSlots.slot(codes?.codes[r], in: slotByCode, else: slotByHash.find(hashes[r])), c < stride else { return r }
          if c >= 0 { counts[slot * stride + Int(c)] &+= 1 }
          if let targets, !targets[r].isNaN { self.targets[slot].observe(targets[r]) }
          r += 1
        }
        return r
      }}
      if r < rows { observe(valueHash: hashes[r], classIndex: classIndexes[r], target: targets?[r] ?? .nan); r += 1 }
    }
  }

  /// Observes one row: a value new to the table, or a class past the counters per value.
  mutating func observe(valueHash: UInt64, classIndex: Int32, target: Double) {
    guard !overflowed, let slot = slot(for: valueHash) else { return }
    if classIndex >= 0 && classIndex < ValueClassTable.maxClasses {
      if Int(classIndex) >= stride { widen(to: Int(classIndex) + 1) }
      classCounts[slot * stride + Int(classIndex)] &+= 1
    }
    if !target.isNaN { targets[slot].observe(target) }
  }

  @inline(__always)
  private mutating func slot(for hash: UInt64) -> Int? {
    if let slot = slotByHash.find(hash) { return slot }
    guard hashes.count < ValueClassTable.cap else { overflowed = true; release(); return nil }
    _ = slotByHash.findOrInsert(hash)
    hashes.append(hash)
    classCounts.append(contentsOf: repeatElement(0, count: stride))
    targets.append(NumericStats())
    return hashes.count - 1
  }

  /// Makes room for `classes` counters per value, moving the counts.
  private mutating func widen(to classes: Int) {
    var wider = stride
    while wider < classes { wider *= 2 }
    var counts = [Int32](repeating: 0, count: hashes.count * wider)
    for slot in hashes.indices {
      for c in 0..<stride { counts[slot * wider + c] = classCounts[slot * stride + c] }
    }
    classCounts = counts
    stride = wider
  }

  /// Frees the slots kept per code (see `CodeSlots`).
  mutating func forgetDictionary() { slotByCode = CodeSlots() }

  private mutating func release() {
    slotByHash = HashIndex()
    slotByCode = CodeSlots()
    hashes = []
    classCounts = []
    targets = []
  }

  /// Adds another part's table, its class indexes mapped through `classMap`.
  mutating func merge(_ other: ValueClassTable, classMap: [Int32]) {
    guard !overflowed else { return }
    if other.overflowed { overflowed = true; release(); return }
    if let highest = classMap.prefix(other.stride).max(), Int(highest) >= stride {
      widen(to: min(Int(highest) + 1, ValueClassTable.maxClasses))
    }
    for (theirSlot, hash) in other.hashes.enumerated() {
      guard let slot = slot(for: hash) else { return }
      for (theirClass, ourClass) in classMap.enumerated() where theirClass < other.stride && ourClass >= 0 && ourClass < ValueClassTable.maxClasses {
        classCounts[slot * stride + Int(ourClass)] &+= other.classCounts[theirSlot * other.stride + theirClass]
      }
      targets[slot].merge(other.targets[theirSlot])
    }
  }

  /// Rows the value rule gets right when each row is predicted from the other rows of its value
  /// (leave-one-out); a value seen once falls back to `fallbackClass`. Returns (correct, rows).
  func leaveOneOutCorrect(classes: Int, fallbackClass: Int) -> (correct: Int, rows: Int) {
    guard !overflowed else { return (0, 0) }
    var correct = 0, rows = 0
    let k = min(classes, ValueClassTable.maxClasses)
    for slot in hashes.indices {
      let counts = (0..<k).map { $0 < stride ? Int(classCounts[slot * stride + $0]) : 0 }
      let total = counts.reduce(0, +)
      rows += total
      correct += LeaveOneOut.correct(counts: counts, total: total, fallbackClass: fallbackClass)
    }
    return (correct, rows)
  }

  /// Per-value label counts (for the order and missingness analyses), by slot.
  func counts(slot: Int, classes: Int) -> [Int] {
    (0..<min(classes, ValueClassTable.maxClasses)).map { $0 < stride ? Int(classCounts[slot * stride + $0]) : 0 }
  }
}

/// The leave-one-out score of "predict the majority class of the other rows with the same value".
enum LeaveOneOut {
  /// For a value with per-class `counts`: a row of class c is predicted from the counts without
  /// itself. Only rows of the top class can be right, and only when that class still leads
  /// strictly after removing the row; a value seen once is predicted as `fallbackClass`.
  static func correct(counts: [Int], total: Int, fallbackClass: Int) -> Int {
    guard total > 1 else { return total == 1 && fallbackClass < counts.count ? counts[fallbackClass] : 0 }
    var top = 0, second = 0
    for n in counts {
      if n > top { second = top; top = n } else if n > second { second = n }
    }
    return top - 1 > second ? top : 0   // a tie after removing the row counts as wrong
  }
}
