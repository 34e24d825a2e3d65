import Foundation
@testable import DatacheckKit

/// Turns small integers into well-spread 64-bit hashes, as row hashes are.
enum XXH64Mix {
  static func mix(_ x: UInt64) -> UInt64 {
    withUnsafeBytes(of: x) { XXH64.hash($0) }
  }
}

/// A small seeded generator for reproducible test data.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
  mutating func normal() -> Double {
    (-2 * log(max(uniform(), 1e-300))).squareRoot() * cos(2 * .pi * uniform())
  }
  mutating func shuffle<T>(_ a: inout [T]) { a.shuffle(using: &self) }
}
