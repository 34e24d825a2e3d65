/// The distinct label values seen so far, each with an index and an exact count.
///
/// Classes get indexes in order of first appearance; past `cap` classes new values get no index
/// (the label is then too fine-grained for classification, and the list is marked incomplete).
struct LabelClasses: Sendable {
  static let cap = 1_000

  private var indexByHash = HashIndex()
  private(set) var hashes: [UInt64] = []
  private(set) var texts: [[UInt8]] = []
  private(set) var counts: [Int] = []
  private(set) var overflow = 0

  var count: Int { counts.count }
  var isComplete: Bool { overflow == 0 }

  /// The class index of a label value (counting it), or -1 past the cap.
  @inline(__always)
  mutating func observe(_ value: UnsafeRawBufferPointer, hash: UInt64) -> Int32 {
    if let index = indexByHash.find(hash) {
      counts[index] += 1
      return Int32(index)
    }
    guard counts.count < LabelClasses.cap else { overflow += 1; return -1 }
    let index = Int32(counts.count)
    _ = indexByHash.findOrInsert(hash)
    hashes.append(hash)
    texts.append(Array(value))
    counts.append(1)
    return index
  }

  /// Adds `again[i]` more rows to each class `i` (the rest of `again` is zero).
  mutating func countAgain(_ again: UnsafeMutableBufferPointer<Int>) {
    for i in counts.indices { counts[i] += again[i] }
  }

  /// The index of a class known by its hash, or nil.
  func index(of hash: UInt64) -> Int32? { indexByHash.find(hash).map(Int32.init) }

  /// Adds another part's classes; returns how its class indexes map onto ours (-1 past the cap).
  mutating func merge(_ other: LabelClasses) -> [Int32] {
    overflow += other.overflow
    return other.hashes.indices.map { i in
      if let index = indexByHash.find(other.hashes[i]) {
        counts[index] += other.counts[i]
        return Int32(index)
      }
      guard counts.count < LabelClasses.cap else { overflow += other.counts[i]; return -1 }
      let index = Int32(counts.count)
      _ = indexByHash.findOrInsert(other.hashes[i])
      hashes.append(other.hashes[i])
      texts.append(other.texts[i])
      counts.append(other.counts[i])
      return index
    }
  }
}
