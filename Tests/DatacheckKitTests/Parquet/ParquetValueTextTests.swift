import Foundation
import Testing
@testable import DatacheckKit

/// The text forms of Parquet values (see `ParquetValueFormat`), one line per case, and the
/// bit-level readers against slow, obvious twins.
@Suite struct ParquetValueTextTests {
  private func text(_ body: (inout ValueBuffer) -> Void) -> String {
    var buffer = ValueBuffer()
    body(&buffer)
    return String(decoding: buffer.bytes, as: UTF8.self)
  }

  @Test(arguments: [
    (Int64(1230), 2, "12.30"), (-5, 2, "-0.05"), (7, 0, "7"), (0, 3, "0.000"), (-1, 0, "-1"),
    (Int64.min, 4, "-922337203685477.5808"), (Int64.max, 19, "0.9223372036854775807"),
  ])
  func decimalFromInteger(unscaled: Int64, scale: Int, expected: String) {
    #expect(text { $0.appendDecimal(unscaled, scale: scale) } == expected)
  }

  @Test(arguments: [
    ([UInt8](), 0, "0"), ([0xFF], 0, "-1"), ([0x00, 0x80], 1, "12.8"),
    (Array(repeating: 0xFF, count: 16), 2, "-0.01"),
    ([0x0C, 0x9F, 0x2C, 0x9C, 0xD0, 0x46, 0x74, 0xED, 0xEA, 0x40, 0x00, 0x00, 0x00], 10, "100000000000000000000.0000000000"),  // 10^30 × 10^-10
    ([0x80] + Array(repeating: 0x00, count: 15), 0, "-170141183460469231731687303715884105728"),
    ([0x7F] + Array(repeating: 0xFF, count: 15), 38, "1.70141183460469231731687303715884105727"),
  ])
  func decimalFromBigEndianBytes(bytes: [UInt8], scale: Int, expected: String) {
    var limbs: [UInt32] = []
    #expect(text { buffer in bytes.withUnsafeBytes { buffer.appendDecimal(bigEndian: $0, scale: scale, limbs: &limbs) } } == expected)
  }

  @Test(arguments: [
    (Int64(0), ParquetTimeUnit.millis, false, "1970-01-01T00:00:00"), (-1, .millis, false, "1969-12-31T23:59:59.999"),
    (1_700_000_000_123_456, .micros, true, "2023-11-14T22:13:20.123456Z"), (86_400_000_000_001, .nanos, false, "1970-01-02T00:00:00.000000001"),
    (253_402_300_799_000, .millis, false, "9999-12-31T23:59:59"), (-62_135_596_800_000, .millis, false, "0001-01-01T00:00:00"),
  ])
  func timestamps(value: Int64, unit: ParquetTimeUnit, utc: Bool, expected: String) {
    #expect(text { $0.appendTimestamp(value, unit: unit, utc: utc) } == expected)
  }

  @Test(arguments: [(Int64(0), "1970-01-01"), (-1, "1969-12-31"), (11_016, "2000-02-29"), (2_932_896, "9999-12-31"),
                    (-719_528, "0000-01-01"), (-719_529, "-0001-12-31"), (2_932_897, "10000-01-01")])
  func dates(days: Int64, expected: String) {
    #expect(text { $0.appendDate(days: days) } == expected)
  }

  /// The text PLAIN integers and doubles are written with straight into a batch equals
  /// `ValueBuffer`'s (the formatter's other path) and Swift's own `description`.
  @Test func directTextEqualsBufferText() {
    var rng = SplitMix(seed: 11)
    var integers: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, 999_999, 1_000_000, Int64.max, Int64.min, Int64.min + 1]
    for digits in 1...18 { integers += [Int64(pow(10, Double(digits))) - 1, Int64(pow(10, Double(digits)))] }
    for _ in 0..<2_000 { integers.append(Int64(bitPattern: rng.next()) >> Int64(rng.next() % 64)) }
    for v in integers {
      let direct = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DirectText.integerRoom) { out in
        String(decoding: UnsafeBufferPointer(start: out.baseAddress, count: DirectText.writeSigned(v, to: out.baseAddress!)), as: UTF8.self)
      }
      #expect(direct == text { $0.appendSigned(v) } && direct == String(v))
    }
    for v: UInt64 in [UInt64.max, UInt64.max / 10, 10_000_000_000_000_000_000, 9_999_999_999_999_999_999] {
      let direct = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DirectText.integerRoom) { out in
        String(decoding: UnsafeBufferPointer(start: out.baseAddress, count: DirectText.writeUnsigned(v, to: out.baseAddress!)), as: UTF8.self)
      }
      #expect(direct == String(v))
    }
    var doubles: [Double] = [0, -0.0, .nan, -.nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.greatestFiniteMagnitude,
                             -2.2250738585072014e-308, 0.1, 1e-5, 1e16, 42596.8, 0.30000000000000004]
    for _ in 0..<5_000 { doubles.append(Double(bitPattern: rng.next())) }
    for d in doubles {
      let direct = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DirectText.doubleRoom) { out in
        String(decoding: UnsafeBufferPointer(start: out.baseAddress, count: DirectText.writeDouble(d, to: out.baseAddress!)), as: UTF8.self)
      }
      #expect(direct == text { $0.appendDouble(d) })
      #expect(direct.utf8.count <= DirectText.doubleRoom)
    }
  }

  /// The short-decimal path of `DirectText.writeDouble` gives Swift's `description` exactly:
  /// decimals of 0 to 9 fraction digits in every magnitude around its range, the range's
  /// edges (10⁻⁴, 10¹⁵, 2⁵⁰ scaled) and their neighbours, and random bit patterns; and it takes
  /// the common cases (it is not just the general path).
  @Test func shortDecimalsEqualSwiftsShortestForm() {
    var rng = SplitMix(seed: 23)
    var doubles: [Double] = [1e-4, 1e15, 1e15 - 0.125, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 0.15, 1.005, 42596.8, 9007199254740.99,
                             1_125_899_906_842.624, 1_125_899_906_842.625, 112_589_990_684.2624, 5e-5, 123456.0, 0.000123456]
    for _ in 0..<60_000 {
      let digits = Int(rng.next() % 10)
      let magnitude = Int(rng.next() % 19) - 5
      let m = Double(rng.next() % 10_000_000_000)
      var d = m / pow(10, Double(digits)) * pow(10, Double(magnitude - 6))
      if let x = Double("\(Int64(m))e\(magnitude - 6 - digits)") { d = rng.next() % 2 == 0 ? x : d }
      doubles += [d, -d, d.nextUp, d.nextDown]
    }
    for _ in 0..<20_000 { doubles.append(Double(bitPattern: rng.next())) }
    var short = 0
    for d in doubles {
      let (direct, fast) = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DirectText.doubleRoom) { out in
        let fast = DirectText.writeShortDecimal(d, to: out.baseAddress!) != nil
        let n = DirectText.writeDouble(d, to: out.baseAddress!)
        return (String(decoding: UnsafeBufferPointer(start: out.baseAddress, count: n), as: UTF8.self), fast)
      }
      if fast { short += 1 }
      #expect(direct == (d.isNaN ? "nan" : d.description), "\(d.bitPattern)")
    }
    #expect(short > doubles.count / 5)   // the decimals in range, about a fifth of the mix
    for d in [42596.8, 0.2781, 100.0, -0.0551, 0.0009] {
      #expect(withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DirectText.doubleRoom) { DirectText.writeShortDecimal(d, to: $0.baseAddress!) } != nil)
    }
  }

  @Test func int96() {
    #expect(text { $0.appendInt96(nanosOfDay: 0, julianDay: 2_440_588) } == "1970-01-01T00:00:00")
    #expect(text { $0.appendInt96(nanosOfDay: -1, julianDay: 2_440_588) } == "1969-12-31T23:59:59.999999999")
    #expect(text { $0.appendInt96(nanosOfDay: 3_600_000_000_000, julianDay: 2_451_545) } == "2000-01-01T01:00:00")
  }

  @Test(arguments: [(0.1, "0.1"), (1.0, "1.0"), (1e-5, "1e-05"), (1e16, "1e+16"), (-0.0, "-0.0"),
                    (.infinity, "inf"), (.nan, "nan"), (-.nan, "nan"), (0.30000000000000004, "0.30000000000000004")])
  func doubles(value: Double, expected: String) {
    #expect(text { $0.appendDouble(value) } == expected)
  }

  @Test(arguments: [(UInt16(0x3C00), "1.0"), (0xC000, "-2.0"), (0x7E00, "nan"), (0x8000, "-0.0"), (0x7C00, "inf"),
                    (0x2E66, "0.1"), (0x0001, "6e-08")])
  func float16(bits: UInt16, expected: String) {
    #expect(text { $0.appendFloat16(bits) } == expected)
    let viaFloat = ValueBuffer.halfToFloat(bits)
    #expect(viaFloat.isNaN == expected.hasSuffix("nan"))
  }

  @Test func hexAndUUID() {
    let bytes: [UInt8] = Array(0..<16)
    #expect(text { b in bytes.withUnsafeBytes { b.appendHex(UnsafeRawBufferPointer(rebasing: $0[0..<3])) } } == "0x000102")
    #expect(text { b in bytes.withUnsafeBytes { b.appendUUID($0) } } == "00010203-0405-0607-0809-0a0b0c0d0e0f")
  }

  /// `BitReader.value` (word loads) against a bit-by-bit twin, for every width and offset.
  @Test func bitReaderMatchesBitByBit() {
    var rng = SplitMix(seed: 42)
    let data = (0..<40).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    data.withUnsafeBytes { raw in
      for width in 0...64 {
        for offset in stride(from: 0, through: raw.count * 8 - width, by: 3) {
          var slow: UInt64 = 0
          for k in 0..<width where (raw[(offset + k) / 8] >> UInt8((offset + k) % 8)) & 1 == 1 { slow |= 1 << UInt64(k) }
          #expect(BitReader.value(raw, bitOffset: offset, width: width) == slow, "width \(width) offset \(offset)")
        }
      }
    }
  }

  /// An RLE run of eight 1s, then one bit-packed group `0b10101010`, then a run of three 5s.
  @Test func rleHybrid() throws {
    let bits: [UInt8] = [0x10, 0x01, 0x03, 0b1010_1010]
    var out = [UInt32](repeating: 9, count: 16)
    try bits.withUnsafeBytes { raw in
      var decoder = RLEHybridDecoder(raw, bitWidth: 1)
      try out.withUnsafeMutableBufferPointer { try decoder.read(16, into: $0.baseAddress!) }
      #expect(throws: PageDataError.self) { try out.withUnsafeMutableBufferPointer { try decoder.read(1, into: $0.baseAddress!) } }
    }
    #expect(out == [1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1])
    let wide: [UInt8] = [0x06, 0x05]
    var three = [UInt32](repeating: 0, count: 3)
    try wide.withUnsafeBytes { raw in
      var decoder = RLEHybridDecoder(raw, bitWidth: 3)
      try three.withUnsafeMutableBufferPointer { try decoder.read(3, into: $0.baseAddress!) }
    }
    #expect(three == [5, 5, 5])
  }

  /// Long bit-packed runs of every width from 1 to 32, read in pieces of uneven sizes (the
  /// word-at-a-time path, and the byte-wise one near the data's end): the values packed.
  @Test func bitPackedRunsOfEveryWidth() throws {
    var rng = SplitMix(seed: 9)
    for width in 1...32 {
      let groups = 40, count = groups * 8
      let values = (0..<count).map { _ in UInt32(truncatingIfNeeded: rng.next() & ((UInt64(1) << UInt64(width)) - 1)) }
      var data: [UInt8] = [UInt8(groups << 1 | 1)]   // one varint byte: 40 groups of 8, bit-packed
      var packed = [UInt8](repeating: 0, count: (count * width + 7) / 8)
      for (i, v) in values.enumerated() {
        for b in 0..<width where v >> UInt32(b) & 1 == 1 { packed[(i * width + b) / 8] |= 1 << UInt8((i * width + b) % 8) }
      }
      data += packed
      var out = [UInt32](repeating: 0, count: count)
      try data.withUnsafeBytes { raw in
        var decoder = RLEHybridDecoder(raw, bitWidth: width)
        var done = 0, piece = 1
        while done < count {
          let n = min(piece, count - done)
          try out.withUnsafeMutableBufferPointer { try decoder.read(n, into: $0.baseAddress! + done) }
          done += n
          piece = piece * 3 % 97 + 1
        }
      }
      #expect(out == values, "width \(width)")
    }
  }

  /// DELTA_BINARY_PACKED: block 128, 4 miniblocks of 32, 5 values, first 7; deltas of 1 (min
  /// delta 1, bit width 0): 7, 8, 9, 10, 11.
  @Test func deltaBinaryPacked() throws {
    let encoded: [UInt8] = [0x80, 0x01, 0x04, 0x05, 0x0E, 0x02, 0x00, 0x00, 0x00, 0x00]
    var out = [Int64](repeating: 0, count: 5)
    try encoded.withUnsafeBytes { raw in
      var decoder = try DeltaBinaryPackedDecoder(raw, maxValues: 5)
      #expect(try decoder.endOffset() == encoded.count)
      try out.withUnsafeMutableBufferPointer { try decoder.read(5, into: $0.baseAddress!) }
      #expect(throws: PageDataError.self) { try DeltaBinaryPackedDecoder(raw, maxValues: 4) }
    }
    #expect(out == [7, 8, 9, 10, 11])
  }
}
