/// Sorts 64-bit hashes, and the 32-bit values that go with them, by the hash, in place.
///
/// Most significant digit first (American flag sort): one counting pass places every key in the
/// bucket of its top 12 bits by cycles of swaps; a bucket of more than 32 keys is sorted the same
/// way on its next 8 bits, a smaller one by insertion. (Twelve bits first, not sixteen: 4,096
/// counters stay in cache while the keys are swapped into place; a third less time a segment.) No second buffer: a segment's row hashes
/// are sorted where they are, so sorting adds no memory. Several times faster than `sort` on the
/// hundreds of thousands of uniform hashes of a segment.
enum RadixSort {
  static func sort(_ keys: inout [UInt64]) {
    var none: [UInt32] = []
    sort(&keys, values: &none, carry: false)
  }

  static func sort(_ keys: inout [UInt64], carrying values: inout [UInt32]) {
    precondition(keys.count == values.count, "RadixSort needs one value per key")
    sort(&keys, values: &values, carry: true)
  }

  /// Orders `keys` (and `values` with them) by their top 8 bits only: one counting pass.
  ///
  /// Enough for inserting into a hash table whose slot is the key's place in [0, 2^64) scaled to
  /// the slot count: keys of one bucket land in one 1/256th of the table (at most 128 KiB of the
  /// 32 MiB duplicate table), which stays in cache while they go in, whatever their order within
  /// it. The buckets' own sorting was more than half of the full sort's time, and a first pass
  /// on 12 bits two fifths more than one on 8, with no faster inserts.
  ///
  /// Out of place, into new arrays, keeping the order within a bucket: the 256 places written to
  /// stay in cache while the keys are read in order. In place (cycles of swaps), each swap waited
  /// for a key from anywhere in the segment's list (2.5 % of a profile); this costs the arrays'
  /// size again while it runs.
  static func group(_ keys: inout [UInt64], carrying values: inout [UInt32]?) {
    let n = keys.count
    guard n > 1 else { return }
    var next = [Int](repeating: 0, count: 256)   // each bucket's start, then its next place
    for key in keys { next[Int(truncatingIfNeeded: key &>> 56)] += 1 }
    var total = 0
    for b in 0..<256 {
      let count = next[b]
      next[b] = total
      total += count
    }
    let carried = values
    var groupedValues: [UInt32] = []
    let grouped = [UInt64](unsafeUninitializedCapacity: n) { outKeys, initialized in
      next.withUnsafeMutableBufferPointer { next in
        keys.withUnsafeBufferPointer { keys in
          guard let carried else {
            for key in keys {
              let b = Int(truncatingIfNeeded: key &>> 56)
              outKeys[next[b]] = key
              next[b] &+= 1
            }
            return
          }
          groupedValues = [UInt32](unsafeUninitializedCapacity: n) { outValues, count in
            carried.withUnsafeBufferPointer { values in
              for i in 0..<n {
                let b = Int(truncatingIfNeeded: keys[i] &>> 56)
                let place = next[b]
                outKeys[place] = keys[i]
                outValues[place] = values[i]
                next[b] = place &+ 1
              }
            }
            count = n
          }
        }
      }
      initialized = n
    }
    keys = grouped
    if carried != nil { values = groupedValues }
  }

  private static func sort(_ keys: inout [UInt64], values: inout [UInt32], carry: Bool) {
    guard keys.count > 1 else { return }
    keys.withUnsafeMutableBufferPointer { k in
      values.withUnsafeMutableBufferPointer { v in
        Pass(keys: k, values: v, carry: carry).sort(0..<k.count, shift: 52, bits: 12)
      }
    }
  }

  private struct Pass {
    let keys: UnsafeMutableBufferPointer<UInt64>
    let values: UnsafeMutableBufferPointer<UInt32>
    let carry: Bool

    /// Sorts `range`, whose keys agree above bit `shift + bits`, by their digit at `shift`, then each bucket.
    func sort(_ range: Range<Int>, shift: Int, bits: Int) {
      if range.count <= 32 { return insertionSort(range) }
      let buckets = 1 << bits
      // The counters live on the stack: a bucket's pass on the next digit would otherwise
      // allocate two arrays, thousands of times a segment.
      withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * buckets) { counters in
        let ends = UnsafeMutableBufferPointer(rebasing: counters[0..<buckets])
        let next = UnsafeMutableBufferPointer(rebasing: counters[buckets...])
        ends.initialize(repeating: 0)
        distribute(range, shift: shift, bits: bits, ends: ends, next: next)
      }
    }

    /// One pass of `sort`: counts the digits into `ends`, moves every key into its bucket, then
    /// sorts each bucket on the next digit.
    private func distribute(_ range: Range<Int>, shift: Int, bits: Int, ends: UnsafeMutableBufferPointer<Int>,
                            next: UnsafeMutableBufferPointer<Int>) {
      let buckets = 1 << bits
      let mask = UInt64(buckets - 1)
      for i in range { ends[Int(truncatingIfNeeded: (keys[i] >> UInt64(shift)) & mask)] += 1 }
      var total = range.lowerBound
      for b in 0..<buckets {
        next[b] = total
        total += ends[b]
        ends[b] = total
      }
      for b in 0..<buckets {
        while next[b] < ends[b] {
          var key = keys[next[b]]
          var value = carry ? values[next[b]] : 0
          var target = Int(truncatingIfNeeded: (key >> UInt64(shift)) & mask)
          while target != b {  // carry the key to its bucket and pick up the one it displaces
            swap(&key, &keys[next[target]])
            if carry { swap(&value, &values[next[target]]) }
            next[target] += 1
            target = Int(truncatingIfNeeded: (key >> UInt64(shift)) & mask)
          }
          keys[next[b]] = key
          if carry { values[next[b]] = value }
          next[b] += 1
        }
      }
      guard shift > 0 else { return }
      var start = range.lowerBound
      for b in 0..<buckets {
        if ends[b] - start > 1 { sort(start..<ends[b], shift: max(0, shift - 8), bits: min(8, shift)) }
        start = ends[b]
      }
    }

    func insertionSort(_ range: Range<Int>) {
      guard range.count > 1 else { return }
      for i in range.dropFirst() {
        let key = keys[i], value = carry ? values[i] : 0
        var j = i - 1
        while j >= range.lowerBound && keys[j] > key {
          keys[j + 1] = keys[j]
          if carry { values[j + 1] = values[j] }
          j -= 1
        }
        keys[j + 1] = key
        if carry { values[j + 1] = value }
      }
    }
  }
}
