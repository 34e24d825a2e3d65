/// Finds a numeric target that is another column, or the sum or difference of two, within rounding.
///
/// Every candidate (a column; a pair with `+`, `a − b` or `b − a`) starts alive and is dropped as
/// soon as it misses on more than 0.1 % of the rows seen (plus 10 rows of slack), so after the
/// first few hundred rows only real copies cost anything. Up to `maxColumns` numeric columns are
/// paired. "Within rounding": within half a unit of the target's last written decimal.
struct TargetSumTracker: Sendable {
  static let maxColumns = 64
  static let maxMissRatio = 0.001

  struct Candidate: Sendable, Equatable {
    var a: Int
    var b: Int        // -1 for a single column
    var operation: Int8   // 0: a, 1: a + b, 2: a − b, 3: b − a
    /// The candidate's place in the list `start` made (dropping candidates keeps that order).
    var id = 0
    var checked = 0
    var matched = 0
  }

  private(set) var candidates: [Candidate]?
  private(set) var rows = 0

  /// Starts tracking with the columns that may be numeric (the target excluded).
  mutating func start(columns: [Int]) {
    let cols = Array(columns.prefix(TargetSumTracker.maxColumns))
    var list = cols.map { Candidate(a: $0, b: -1, operation: 0) }
    for (i, a) in cols.enumerated() {
      for b in cols[(i + 1)...] {
        for op in Int8(1)...3 { list.append(Candidate(a: a, b: b, operation: op)) }
      }
    }
    for i in list.indices { list[i].id = i }
    candidates = list
  }

  /// Stops tracking: the target is not numeric.
  mutating func stop() { candidates = [] }

  /// Checks the rows of a batch: `numbers[c][r]` is column c's value in row r (NaN when none).
  mutating func observe(numbers: [[Double]], target: [Double], tolerance: [Double], rows count: Int) {
    guard var list = candidates, !list.isEmpty else { return }
    for i in list.indices {
      var c = list[i]
      for r in 0..<count where !target[r].isNaN {
        let x = numbers[c.a][r]
        let y = c.b >= 0 ? numbers[c.b][r] : 0
        guard !x.isNaN && !y.isNaN else { c.checked += 1; continue }
        let value = c.operation == 0 ? x : c.operation == 1 ? x + y : c.operation == 2 ? x - y : y - x
        c.checked += 1
        if abs(value - target[r]) <= tolerance[r] { c.matched += 1 }
      }
      list[i] = c
    }
    rows += count
    list.removeAll { Double($0.checked - $0.matched) > TargetSumTracker.maxMissRatio * Double($0.checked) + 10 }
    candidates = list
  }

  /// Adds a later part: a candidate survives if it is alive in both.
  mutating func merge(_ other: TargetSumTracker) {
    guard let mine = candidates, let theirs = other.candidates else { candidates = candidates ?? other.candidates; return }
    // Both lists are in `start`'s order, so one walk pairs them (a search of the other list for
    // each candidate was 6,112² comparisons a merge while parts were too short to drop any).
    var merged: [Candidate] = []
    var j = 0
    for c in mine {
      while j < theirs.count && theirs[j].id < c.id { j += 1 }
      guard j < theirs.count, theirs[j].id == c.id else { continue }
      var both = c
      both.checked += theirs[j].checked
      both.matched += theirs[j].matched
      merged.append(both)
    }
    candidates = merged
    rows += other.rows
  }

  /// Half a unit of the last decimal written in `text` (a target of "12.30" is exact to 0.005).
  @inline(__always)
  static func tolerance(_ text: UnsafeRawBufferPointer, value: Double) -> Double {
    var decimals = 0
    var seenDot = false
    for byte in text {
      if byte == UInt8(ascii: ".") { seenDot = true } else if seenDot && ValueParser.isDigit(byte) { decimals += 1 } else if byte | 0x20 == UInt8(ascii: "e") { break }
    }
    var unit = 1.0
    for _ in 0..<min(decimals, 15) { unit /= 10 }
    return unit / 2 + 1e-9 * abs(value)
  }
}
