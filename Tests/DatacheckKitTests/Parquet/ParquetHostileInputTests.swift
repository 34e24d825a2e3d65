import Foundation
import Testing
@testable import DatacheckKit

/// Hostile and broken Parquet: every file is refused with an `InputError` (exit status 2),
/// never a crash, a hang or an allocation the file's size does not justify.
@Suite struct ParquetHostileInputTests {
  private func bytes(_ fixture: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: ParquetTesting.fixture(fixture))))
  }

  private func error(_ data: [UInt8], name: String = "x.parquet") -> InputError? {
    ParquetTesting.readError(Fixtures.temporary(data, name: name))
  }

  @Test func tooShortOrWrongMagic() throws {
    #expect(error(Array("PAR1".utf8))?.code == .parquetBadMagic)
    var data = try bytes("nulls.parquet")
    data[data.count - 1] = UInt8(ascii: "X")
    #expect(error(data)?.code == .parquetBadMagic)
    #expect(error(Array(data.prefix(data.count / 2)))?.code == .parquetBadMagic, "a truncated file")
  }

  @Test func footerLengthPastTheFile() throws {
    var data = try bytes("nulls.parquet")
    let n = data.count
    (data[n - 8], data[n - 7], data[n - 6], data[n - 5]) = (0xFF, 0xFF, 0xFF, 0x7F)
    let e = try #require(error(data))
    #expect(e.code == .parquetBadFooter)
    #expect(e.message.contains("2147483647 bytes of metadata"))
  }

  @Test func encryptedFooterMagic() throws {
    var data = try bytes("nulls.parquet")
    data.replaceSubrange(data.count - 4..<data.count, with: Array("PARE".utf8))
    #expect(error(data)?.code == .parquetEncrypted)
  }

  /// Thrift lists and strings longer than the bytes left are refused before any allocation.
  @Test func thriftLengthsAreCheckedAgainstTheBytes() {
    let cases: [[UInt8]] = [
      [0x19, 0xFC, 0xFF, 0xFF, 0xFF, 0x0F],  // field 1: list of 2^32-ish structs in 6 bytes
      [0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0x07],  // field 1: a 2 GiB string
      Array(repeating: 0x1C, count: 200),    // structs nested 200 deep
      [0x15],                                // cut inside a field
    ]
    for bytes in cases {
      bytes.withUnsafeBytes { raw in
        var reader = ThriftCompactReader(raw)
        #expect(throws: ThriftError.self) { try reader.readStruct { _, _ in false } }
      }
    }
  }

  /// A page header that claims a huge uncompressed size from a few compressed bytes is a
  /// size-limit error before anything is allocated for it.
  @Test func decompressionBombIsRefused() throws {
    var data = try bytes("codec_snappy.parquet")
    // The first page header starts at byte 4: type (0x15 …), then uncompressed_page_size (0x15, zigzag varint).
    #expect(data[4] == 0x15 && data[6] == 0x15)
    let varintEnd = data[7...].firstIndex { $0 & 0x80 == 0 }!
    data.replaceSubrange(7...varintEnd, with: [0xFE, 0xFF, 0xFF, 0xFF, 0x03])  // 2^30 - 1 bytes
    let e = try #require(error(data))
    #expect(e.code == .parquetSizeLimit || e.code == .parquetBadPageHeader, "\(e)")
  }

  /// Seeded random byte flips in real files: each read either succeeds or throws InputError.
  @Test(arguments: ["codec_snappy.parquet", "pages_v2.parquet", "delta_encodings.parquet", "decimals.parquet",
                    "dictionary_fallback.parquet", "byte_stream_split.parquet"])
  func randomCorruptionNeverCrashes(fixture: String) throws {
    let original = try bytes(fixture)
    var rng = SplitMix(seed: 0xDA7A_C4EC)
    let path = Fixtures.temporary(original, name: "fuzz.parquet")
    for round in 0..<60 {
      var data = original
      for _ in 0..<(1 + round % 4) {
        let at = Int(rng.next() % UInt64(data.count))
        data[at] = round % 3 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : data[at] ^ (1 << UInt8(rng.next() % 8))
      }
      try Data(data).write(to: URL(fileURLWithPath: path))
      _ = ParquetTesting.readError(path)  // must return, with or without an error
    }
  }
}
