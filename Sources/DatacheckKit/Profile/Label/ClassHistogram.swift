/// For one numeric column: counts per class and per half of the rows, in log-scaled buckets.
///
/// A bucket holds the numbers that share sign, exponent and the top 7 bits of the mantissa (a
/// relative width under 0.8 %; every integer of magnitude below 256 has its own bucket). From it
/// come the best one-threshold rule (fitted on one half of the rows, scored on the other) and the
/// label share across the column's deciles. Memory: 16 counters per bucket used.
struct ClassHistogram: Sendable {
  /// Classes tracked per bucket; a label with more classes is not judged by thresholds.
  static let maxClasses = 8
  private static let stride = maxClasses * 2

  private var slotByKey = HashIndex()
  /// The bucket slot of each code of the last coded column's dictionary (-1: not looked up yet).
  private var slotByCode = CodeSlots()
  private(set) var keys: [UInt32] = []
  private var counts: [UInt32] = []

  @inline(__always)
  static func key(_ x: Double) -> UInt32 {
    let x = x == 0 ? 0 : x   // -0 and 0 share a bucket
    let bits = x.bitPattern
    // Order-preserving: flip all bits of negatives, the sign bit of positives.
    let ordered = bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    return UInt32(truncatingIfNeeded: ordered >> 45)
  }

  /// The smallest number in a bucket (its lower edge).
  static func lowerEdge(_ key: UInt32) -> Double {
    let ordered = UInt64(key) << 45
    let bits = ordered >> 63 == 1 ? ordered & ~(1 << 63) : ~ordered
    return Double(bitPattern: bits)
  }

  /// Observes the labeled rows (class index not -2) with a number (not NaN), in their half
  /// (`rowHashes[r] & 1`). The counts are written through a pointer between the rows of a bucket
  /// new to the histogram (which grows the arrays): through the array each row checked it for
  /// sharing.
  /// With `codes` (a coded column's, whose rows of one code have one number), each code's
  /// bucket is looked up once per dictionary.
  mutating func observe(numbers: UnsafeBufferPointer<Double>, codes: CodedValues?, classIndexes: UnsafeBufferPointer<Int32>,
                        rowHashes: UnsafeBufferPointer<UInt64>, rows: Int) {
    if let codes { slotByCode.use(codes.dictionary) }
    var r = 0
    while r < rows {
      r = counts.withUnsafeMutableBufferPointer { counts in
      slotByCode.slots.withUnsafeMutableBufferPointer { slotByCode in
        var r = r
        while r < rows {
          let c = classIndexes[r], x = numbers[r]
          if c < 0 || c >= ClassHistogram.maxClasses || x.isNaN { r += 1; continue }
          guard let slot = CodeSlots.slot(codes?.codes[r], in: slotByCode, else: slotByKey.find(UInt64(ClassHistogram.key(x)))) else { return r }
          counts[slot * ClassHistogram.stride + Int(rowHashes[r] & 1) * ClassHistogram.maxClasses + Int(c)] &+= 1
          r += 1
        }
        return r
      }}
      if r < rows { _ = slot(for: ClassHistogram.key(numbers[r])) }   // the bucket is new: its row is counted next turn
    }
  }

  /// The slot of bucket `key`, adding the bucket when new.
  @inline(__always)
  private mutating func slot(for key: UInt32) -> Int {
    // Most rows fall in a bucket already seen: a lookup does not touch the index mutably.
    if let slot = slotByKey.find(UInt64(key)) { return slot }
    let (slot, inserted) = slotByKey.findOrInsert(UInt64(key))
    if inserted {
      keys.append(key)
      counts.append(contentsOf: repeatElement(0, count: ClassHistogram.stride))
    }
    return slot
  }

  /// Frees the slots kept per code (see `CodeSlots`).
  mutating func forgetDictionary() { slotByCode = CodeSlots() }

  mutating func merge(_ other: ClassHistogram, classMap: [Int32]) {
    for (theirSlot, key) in other.keys.enumerated() {
      let slot = self.slot(for: key)
      for half in 0..<2 {
        for (theirClass, ourClass) in classMap.enumerated() where theirClass < ClassHistogram.maxClasses && ourClass >= 0 && ourClass < ClassHistogram.maxClasses {
          counts[slot * ClassHistogram.stride + half * ClassHistogram.maxClasses + Int(ourClass)] &+=
            other.counts[theirSlot * ClassHistogram.stride + half * ClassHistogram.maxClasses + theirClass]
        }
      }
    }
  }

  /// Buckets in increasing order of value, each with its counts per half and class.
  func sortedBuckets(classes: Int) -> [(key: UInt32, counts: [[Int]])] {
    let k = min(classes, ClassHistogram.maxClasses)
    return keys.indices.sorted { keys[$0] < keys[$1] }.map { slot in
      let base = slot * ClassHistogram.stride
      let perHalf = (0..<2).map { half in (0..<k).map { Int(counts[base + half * ClassHistogram.maxClasses + $0]) } }
      return (keys[slot], perHalf)
    }
  }
}

/// A coded batch column's values (see `RecordBatch.Column.withCodes`), for the label analysis.
struct CodedValues {
  let dictionary: ValueDictionary
  let codes: UnsafeBufferPointer<Int32>
}

/// A table's slot for each code of one dictionary, found by hash once and then read by code:
/// slots are insertion indexes, which stay.
struct CodeSlots: Sendable {
  private(set) var dictionary: ValueDictionary?
  var slots: [Int32] = []

  /// Starts over for a new dictionary (nothing for the current one).
  mutating func use(_ dictionary: ValueDictionary) {
    guard self.dictionary !== dictionary else { return }
    self.dictionary = dictionary
    slots = Array(repeating: -1, count: dictionary.count)
  }

  /// The slot of the row whose code is `code` (nil: a column of text), from `slots` or else
  /// `lookup` (kept in `slots` when found).
  @inline(__always)
  static func slot(_ code: Int32?, in slots: UnsafeMutableBufferPointer<Int32>, else lookup: @autoclosure () -> Int?) -> Int? {
    guard let code else { return lookup() }
    let known = slots[Int(code)]
    if known >= 0 { return Int(known) }
    guard let found = lookup() else { return nil }
    slots[Int(code)] = Int32(truncatingIfNeeded: found)
    return found
  }
}
