import Foundation
import Testing

/// `datacheck profile` on Parquet input, as a user runs it.
@Suite struct ParquetCLITests {
  /// `<repo>/../shared/conformance/parquet-testing`, beside the repository (also on CI).
  static let conformance = Workdir.repository.deletingLastPathComponent()
    .appendingPathComponent("shared/conformance/parquet-testing")
  static let hasConformance = FileManager.default.fileExists(atPath: conformance.appendingPathComponent("EXPECTED.md").path)

  @Test func profilesAParquetFixture() throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture("parquet/codec_zstd.parquet"), "--format", "json"])
    #expect(r.status == 0, "\(r)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(json["rows"] as? Int == 300)
    let source = (json["sources"] as? [[String: Any]])?.first
    #expect(source?["format"] as? String == "parquet")
    #expect(source?["compression"] as? String == "zstd")
  }

  @Test func parquetFoundByMagicBytes() throws {
    let w = Workdir()
    try FileManager.default.copyItem(atPath: w.fixture("parquet/nulls.parquet"), toPath: w.path("table.bin"))
    let r = try w.run(["profile", "table.bin", "--format", "json"])
    #expect(r.status == 0, "\(r)")
    #expect(r.stdout.contains("\"format\":\"parquet\"") || r.stdout.contains("\"format\": \"parquet\""), "\(r)")
  }

  @Test func mixingParquetWithCSVIsAnInputError() throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture("parquet/codec_none.parquet"), w.fixture("parquet/codec_none.csv")])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains("error[input.mixed-formats]"), "\(r)")
  }

  /// The malformed and encrypted conformance files: exit 2, and a message saying what and where.
  @Test(.enabled(if: hasConformance, "needs ../shared/conformance/parquet-testing beside the repository"),
        arguments: [
          ("data/datapage_v1-corrupt-checksum.parquet", "error[parquet.page-crc-mismatch]: row group 0, column `a`, page 0:"),
          ("data/encrypt_columns_and_footer.parquet.encrypted", "error[parquet.encrypted]:"),
          ("bad_data/PARQUET-1481.parquet", "error[parquet.bad-footer]: the footer: the file metadata is corrupt: schema[1] (`Handle`): type -7"),
          ("bad_data/ARROW-RS-GH-6229-DICTHEADER.parquet", "error[parquet.bad-page-header]: row group 0, column `name`, page 0: the dictionary page header declares -26 values"),
          ("bad_data/ARROW-GH-47662.parquet", "error[parquet.bad-page]: row group 0, column `flba_field`, page 0: the page's values are short"),
        ])
  func malformedParquetExitsWithTwoAndAPlace(file: String, message: String) throws {
    let w = Workdir()
    let path = ParquetCLITests.conformance.appendingPathComponent(file).path
    let r = try w.run(["profile", path])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains(path + ": " + message), "\(r)")
    #expect(r.stdout.isEmpty, "\(r)")
  }
}
