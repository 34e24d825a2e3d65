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

  /// Observes the labeled rows (class index not -2) of one batch, whose rows per class are
  /// `classTotals` (the same for every column): only the missing rows are counted, the present
  /// ones are the rest (a count a row for each side was a chain of increments of two counters).
  /// `targets` is nil when no row of the batch has a numeric target.
  mutating func observe(classIndexes: UnsafeBufferPointer<Int32>, missing: UnsafeBufferPointer<Bool>,
                        targets: UnsafeBufferPointer<Double>?, classTotals: UnsafeBufferPointer<Int>, rows: Int) {
    missingCounts.withUnsafeMutableBufferPointer { missingCounts in
    presentCounts.withUnsafeMutableBufferPointer { presentCounts in
      for c in 0..<MissingByClass.maxClasses { presentCounts[c] += classTotals[c] }
      for r in 0..<rows where missing[r] {
        let c = classIndexes[r]
        if c >= 0 && c < MissingByClass.maxClasses {
          missingCounts[Int(c)] += 1
          presentCounts[Int(c)] -= 1
        }
      }
    }}
    guard let targets else { return }
    for r in 0..<rows where classIndexes[r] != -2 && !targets[r].isNaN {
      if missing[r] { missingTarget.observe(targets[r]) } else { presentTarget.observe(targets[r]) }
    }
  }

  /// The rows of each class (index 0..<`maxClasses`) among `classIndexes`.
  static func classTotals(_ classIndexes: UnsafeBufferPointer<Int32>, rows: Int) -> [Int] {
    var totals = [Int](repeating: 0, count: maxClasses)
    totals.withUnsafeMutableBufferPointer { totals in
      for r in 0..<rows {
        let c = classIndexes[r]
        if c >= 0 && c < MissingByClass.maxClasses { totals[Int(c)] += 1 }
      }
    }
    return totals
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
