/// Sorts 64-bit hashes, and the 32-bit values that go with them, by the hash: least significant
/// digit first, 16 bits a pass (four passes over the arrays and a buffer of their size), which on
/// the hundreds of thousands of row hashes of a segment is several times faster than `sort`.
enum RadixSort {
  static func sort(_ keys: inout [UInt64]) {
    var none: [UInt32] = []
    sort(&keys, values: &none, carry: false)
  }

  static func sort(_ keys: inout [UInt64], carrying values: inout [UInt32]) {
    precondition(keys.count == values.count, "RadixSort needs one value per key")
    sort(&keys, values: &values, carry: true)
  }

  private static func sort(_ keys: inout [UInt64], values: inout [UInt32], carry: Bool) {
    let n = keys.count
    guard n > 1 else { return }
    var keysOut = [UInt64](repeating: 0, count: n)
    var valuesOut = [UInt32](repeating: 0, count: carry ? n : 0)
    var counts = [Int](repeating: 0, count: 1 << 16)
    for shift in stride(from: UInt64(0), to: 64, by: 16) {
      keys.withUnsafeBufferPointer { src in
      values.withUnsafeBufferPointer { srcValues in
      keysOut.withUnsafeMutableBufferPointer { dst in
      valuesOut.withUnsafeMutableBufferPointer { dstValues in
      counts.withUnsafeMutableBufferPointer { counts in
        for i in 0..<counts.count { counts[i] = 0 }
        for key in src { counts[Int(truncatingIfNeeded: (key >> shift) & 0xFFFF)] += 1 }
        var total = 0
        for i in 0..<counts.count { (counts[i], total) = (total, total + counts[i]) }
        for i in 0..<n {
          let digit = Int(truncatingIfNeeded: (src[i] >> shift) & 0xFFFF)
          dst[counts[digit]] = src[i]
          if carry { dstValues[counts[digit]] = srcValues[i] }
          counts[digit] += 1
        }
      }}}}}
      swap(&keys, &keysOut)
      swap(&values, &valuesOut)
    }
  }
}
