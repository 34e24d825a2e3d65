import Testing
@testable import DatacheckKit

/// Namespace for the streaming-sketch suites, so `swift test --filter Sketches`
/// selects all of them.
enum Sketches {}

extension Sketches {
  /// Reference digests were produced independently with Python's `xxhash`
  /// package (4.1.0, `xxhash.xxh64_intdigest(data, seed)`), except the first
  /// three, which are the published XXH64 values.
  @Suite struct XXH64Tests {
    static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
      bytes.withUnsafeBytes { XXH64.hash($0, seed: seed) }
    }

    /// `(i * 31 + 7) & 255` for i in 0..<300.
    static let input300: [UInt8] = (0..<300).map { UInt8(($0 * 31 + 7) & 255) }
    /// `(i * 7 + 1) & 255` for i in 0..<n.
    static func pattern(_ n: Int) -> [UInt8] { (0..<n).map { UInt8(($0 * 7 + 1) & 255) } }

    @Test func publishedVectors() {
      #expect(Self.hash([]) == 0xEF46_DB37_51D8_E999)
      #expect(Self.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
      #expect(Self.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
    }

    @Test func seededAndLongVectors() {
      let fox = Array("The quick brown fox jumps over the lazy dog".utf8)
      let bytes512 = (0..<512).map { UInt8($0 & 255) }
      #expect(Self.hash([], seed: 1) == 0xD5AF_BA13_36A3_BE4B)
      #expect(Self.hash(Array("a".utf8), seed: 0x9E37_79B9_7F4A_7C15) == 0x9A7C_6D2E_A455_68C9)
      #expect(Self.hash(fox) == 0x0B24_2D36_1FDA_71BC)
      #expect(Self.hash(fox, seed: 123_456_789) == 0x529A_4705_750D_354A)
      #expect(Self.hash(bytes512) == 0x7B3B_FCAA_C034_8AC0)
      #expect(Self.hash(bytes512, seed: 0xDEAD_BEEF_CAFE_BABE) == 0x6791_7245_3BD2_EB20)
      #expect(Self.hash(Array(bytes512[0..<100]), seed: 7) == 0x8065_3E7E_9B88_7CDD)
      #expect(Self.hash(Self.input300) == 0x8D2B_A0CD_7FEC_E76C)
      #expect(Self.hash(Self.input300, seed: 0x0123_4567_89AB_CDEF) == 0xFE4B_355F_782B_35F9)
    }

    /// Lengths around every branch of the algorithm (4- and 8-byte tails,
    /// the 32-byte stripe boundary), seed 42.
    static let lengthVectors: [(Int, UInt64)] = [
      (3, 0x5BBF_BC94_4983_8B0E), (4, 0x6967_D6F7_05A3_F32E), (7, 0xBA2A_62AD_1D10_675D),
      (8, 0x9924_2947_739C_9FDB), (9, 0x6099_3D4C_3037_24F0), (12, 0xCEDD_5BEC_59A7_1991),
      (15, 0x9B6B_ABF7_E6B1_ED09), (16, 0xC114_4D85_5800_B1BC), (17, 0xE983_935A_73B7_8AB5),
      (31, 0x714A_8D82_B73F_3EE9), (32, 0x4510_36E0_E11A_31D1), (33, 0xDEE6_6E13_FAD7_FE87),
      (63, 0xF3EC_E488_4D69_9D13), (64, 0x0C39_5A96_800B_1850), (65, 0xF651_4C99_D494_28F6),
    ]

    @Test func lengthBoundaryVectors() {
      for (n, expected) in Self.lengthVectors {
        #expect(Self.hash(Self.pattern(n), seed: 42) == expected, "length \(n)")
      }
    }

    @Test func streamingMatchesReferenceForEverySplitSize() {
      let cases: [(UInt64, UInt64)] = [(0, 0x8D2B_A0CD_7FEC_E76C), (0x0123_4567_89AB_CDEF, 0xFE4B_355F_782B_35F9)]
      for (seed, expected) in cases {
        for split in 1...100 {
          var stream = XXH64Stream(seed: seed)
          Self.input300.withUnsafeBytes { all in
            var start = 0
            while start < all.count {
              let end = Swift.min(all.count, start + split)
              stream.update(UnsafeRawBufferPointer(rebasing: all[start..<end]))
              start = end
            }
          }
          #expect(stream.digest() == expected, "seed \(seed) split \(split)")
        }
      }
    }

    /// Digest can be taken mid-stream (it does not consume state), and empty
    /// updates are harmless.
    @Test func streamingPrefixDigests() {
      let input = Self.pattern(65)
      var stream = XXH64Stream(seed: 42)
      var fed = 0
      input.withUnsafeBytes { all in
        for (n, expected) in Self.lengthVectors {
          stream.update(UnsafeRawBufferPointer(rebasing: all[fed..<n]))
          stream.update(UnsafeRawBufferPointer(rebasing: all[n..<n]))
          fed = n
          #expect(stream.digest() == expected, "prefix \(n)")
        }
      }
      #expect(XXH64Stream().digest() == 0xEF46_DB37_51D8_E999)
    }
  }
}
