/// For one column: the label where the column is missing against where it is present.
///
/// Class counts for each side (classification, up to `maxClasses` classes) and the target's
/// moments for each side (regression). Mergeable by addition.
struct MissingByClass: Sendable {
  static let maxClasses = 64
  private(set) var missingCounts = [Int](repeating: 0, count: maxClasses)
  private(set) var presentCounts = [Int](repeating: 0, count: maxClasses)
  private(set) var missingTarget = NumericStats()
  private(set) var presentTarget = NumericStats()

  /// Observes the labeled rows (class index not -2) of one batch.
  mutating func observe(classIndexes: UnsafeBufferPointer<Int32>, missing: UnsafeBufferPointer<Bool>,
                        targets: UnsafeBufferPointer<Double>, rows: Int) {
    missingCounts.withUnsafeMutableBufferPointer { missingCounts in
    presentCounts.withUnsafeMutableBufferPointer { presentCounts in
      for r in 0..<rows {
        let c = classIndexes[r]
        if c >= 0 && c < MissingByClass.maxClasses {
          if missing[r] { missingCounts[Int(c)] += 1 } else { presentCounts[Int(c)] += 1 }
        }
      }
    }}
    for r in 0..<rows where classIndexes[r] != -2 && !targets[r].isNaN {
      if missing[r] { missingTarget.observe(targets[r]) } else { presentTarget.observe(targets[r]) }
    }
  }

  mutating func merge(_ other: MissingByClass, classMap: [Int32]) {
    for (theirs, ours) in classMap.enumerated() where theirs < MissingByClass.maxClasses && ours >= 0 && ours < MissingByClass.maxClasses {
      missingCounts[Int(ours)] += other.missingCounts[theirs]
      presentCounts[Int(ours)] += other.presentCounts[theirs]
    }
    missingTarget.merge(other.missingTarget)
    presentTarget.merge(other.presentTarget)
  }
}

/// Label changes between consecutive labeled rows, mergeable across consecutive parts.
struct LabelRuns: Sendable, Equatable {
  private(set) var changes = 0
  private(set) var first: UInt64?
  private(set) var last: UInt64?

  @inline(__always)
  mutating func observe(_ labelHash: UInt64) {
    if let last, last != labelHash { changes += 1 }
    if first == nil { first = labelHash }
    last = labelHash
  }

  /// Appends a later part of the file.
  mutating func merge(_ other: LabelRuns) {
    changes += other.changes
    if let last, let theirFirst = other.first, last != theirFirst { changes += 1 }
    if first == nil { first = other.first }
    if other.last != nil { last = other.last }
  }
}
