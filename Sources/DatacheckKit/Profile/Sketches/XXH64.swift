// XXH64: the 64-bit xxHash function, written from the published algorithm
// description (xxhash.com / "xxHash fast digest algorithm", XXH64 section).

/// One-shot XXH64 hashing.
///
/// Contract: `XXH64.hash(bytes, seed:)` is exactly the XXH64 function of the
/// reference implementation (bit-for-bit identical digests for every input and
/// seed; e.g. the empty input with seed 0 hashes to `0xEF46DB3751D8E999`).
/// Input bytes are read as little-endian words regardless of host byte order.
///
/// Error guarantee: none needed (a deterministic function). XXH64 is not
/// cryptographic; it is a well-mixed 64-bit hash suitable for sketches.
///
/// Memory / cost: O(1) memory, no heap allocation; one pass over the input.
/// Inputs shorter than 32 bytes skip the four-lane stripe loop entirely.
public enum XXH64 {
  @usableFromInline static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
  @usableFromInline static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
  @usableFromInline static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
  @usableFromInline static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
  @usableFromInline static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

  /// Hashes `bytes` with the given `seed`.
  @inlinable
  public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
    let length = bytes.count
    var offset = 0
    var h: UInt64
    if length >= 32 {
      var lanes = Lanes(seed: seed)
      while offset &+ 32 <= length {
        lanes.consumeStripe(bytes, at: offset)
        offset &+= 32
      }
      h = lanes.converge()
    } else {
      h = seed &+ prime5
    }
    h &+= UInt64(truncatingIfNeeded: length)
    return finish(h, bytes, from: offset)
  }

  // MARK: - Building blocks shared with XXH64Stream

  @inlinable @inline(__always)
  static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 {
    (x &<< r) | (x &>> (64 &- r))
  }

  @inlinable @inline(__always)
  static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
    rotl(acc &+ input &* prime2, 31) &* prime1
  }

  @inlinable @inline(__always)
  static func mergeRound(_ acc: UInt64, _ lane: UInt64) -> UInt64 {
    (acc ^ round(0, lane)) &* prime1 &+ prime4
  }

  @inlinable @inline(__always)
  static func load64(_ p: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
    UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }

  @inlinable @inline(__always)
  static func load32(_ p: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
    UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
  }

  /// Consumes the tail `bytes[offset...]` (fewer than 32 bytes) into `h` and
  /// applies the final avalanche. `h` must already include the total length.
  @inlinable
  static func finish(_ hIn: UInt64, _ bytes: UnsafeRawBufferPointer, from start: Int) -> UInt64 {
    var h = hIn
    var offset = start
    let end = bytes.count
    while offset &+ 8 <= end {
      h = rotl(h ^ round(0, load64(bytes, offset)), 27) &* prime1 &+ prime4
      offset &+= 8
    }
    if offset &+ 4 <= end {
      h = rotl(h ^ (load32(bytes, offset) &* prime1), 23) &* prime2 &+ prime3
      offset &+= 4
    }
    while offset < end {
      h = rotl(h ^ (UInt64(bytes[offset]) &* prime5), 11) &* prime1
      offset &+= 1
    }
    return avalanche(h)
  }

  @inlinable @inline(__always)
  static func avalanche(_ hIn: UInt64) -> UInt64 {
    var h = hIn
    h ^= h &>> 33
    h &*= prime2
    h ^= h &>> 29
    h &*= prime3
    h ^= h &>> 32
    return h
  }

  /// The four accumulators used for inputs of 32 bytes or more.
  @usableFromInline
  struct Lanes: Sendable {
    @usableFromInline var v1, v2, v3, v4: UInt64

    @inlinable
    init(seed: UInt64) {
      v1 = seed &+ XXH64.prime1 &+ XXH64.prime2
      v2 = seed &+ XXH64.prime2
      v3 = seed
      v4 = seed &- XXH64.prime1
    }

    /// Consumes the 32 bytes at `bytes[offset ..< offset + 32]`.
    @inlinable @inline(__always)
    mutating func consumeStripe(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
      v1 = XXH64.round(v1, XXH64.load64(bytes, offset))
      v2 = XXH64.round(v2, XXH64.load64(bytes, offset &+ 8))
      v3 = XXH64.round(v3, XXH64.load64(bytes, offset &+ 16))
      v4 = XXH64.round(v4, XXH64.load64(bytes, offset &+ 24))
    }

    /// Folds the four lanes into one 64-bit accumulator.
    @inlinable
    func converge() -> UInt64 {
      var h = XXH64.rotl(v1, 1) &+ XXH64.rotl(v2, 7) &+ XXH64.rotl(v3, 12) &+ XXH64.rotl(v4, 18)
      h = XXH64.mergeRound(h, v1)
      h = XXH64.mergeRound(h, v2)
      h = XXH64.mergeRound(h, v3)
      h = XXH64.mergeRound(h, v4)
      return h
    }
  }
}

/// Incremental XXH64.
///
/// Contract: feeding an input to `update` in any number of pieces, split at
/// any positions, and then calling `digest()` gives the same value as
/// `XXH64.hash` of the concatenated input with the same seed. `digest()` does
/// not modify the state, so more data may be added afterwards.
///
/// Memory / cost: a fixed 88-byte value (four lanes, a 32-byte pending-input
/// buffer held inline as a tuple, counters); no heap allocation ever.
public struct XXH64Stream: Sendable {
  @usableFromInline var lanes: XXH64.Lanes
  @usableFromInline var seed: UInt64
  @usableFromInline var totalLength: UInt64 = 0
  /// Bytes not yet consumed as a full stripe (always fewer than 32 between calls).
  @usableFromInline var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
  @usableFromInline var pendingCount: Int = 0

  public init(seed: UInt64 = 0) {
    self.seed = seed
    self.lanes = XXH64.Lanes(seed: seed)
  }

  /// Appends `bytes` to the hashed input.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    totalLength &+= UInt64(truncatingIfNeeded: bytes.count)
    var offset = fillPending(from: bytes)
    if pendingCount < 32 { return }  // all input fitted in the pending buffer
    consumePending()
    while offset &+ 32 <= bytes.count {
      lanes.consumeStripe(bytes, at: offset)
      offset &+= 32
    }
    _ = fillPending(from: bytes, at: offset)
  }

  /// Copies as much of `bytes[start...]` as fits into the pending buffer and
  /// returns the offset of the first byte not copied.
  @usableFromInline
  mutating func fillPending(from bytes: UnsafeRawBufferPointer, at start: Int = 0) -> Int {
    let n = Swift.min(32 &- pendingCount, bytes.count &- start)
    guard n > 0, let src = bytes.baseAddress else { return start }
    let at = pendingCount
    withUnsafeMutableBytes(of: &pending) { dst in
      dst.baseAddress!.advanced(by: at).copyMemory(from: src.advanced(by: start), byteCount: n)
    }
    pendingCount &+= n
    return start &+ n
  }

  /// Consumes a full pending buffer as one stripe.
  @usableFromInline
  mutating func consumePending() {
    let buffered = pending
    withUnsafeBytes(of: buffered) { lanes.consumeStripe($0, at: 0) }
    pendingCount = 0
  }

  /// The XXH64 digest of everything passed to `update` so far.
  public func digest() -> UInt64 {
    var h = totalLength >= 32 ? lanes.converge() : seed &+ XXH64.prime5
    h &+= totalLength
    let count = pendingCount
    return withUnsafeBytes(of: pending) { buffer in
      XXH64.finish(h, UnsafeRawBufferPointer(rebasing: buffer[0..<count]), from: 0)
    }
  }
}
