import Foundation
import Testing
@testable import DatacheckKit

/// The parquet-testing conformance files, as their EXPECTED.md says each must read.
///
/// They live beside the repository (`../shared/conformance/parquet-testing`, read-only, also on
/// CI); in a clone without them these tests are skipped rather than failed.
@Suite(.enabled(if: ParquetTesting.hasConformance, "needs ../shared/conformance/parquet-testing beside the repository"))
struct ParquetConformanceTests {
  /// (file, rows, flat columns) for every file that must read.
  static let readable: [(String, Int, Int)] = [
    ("alltypes_plain.parquet", 8, 11), ("alltypes_dictionary.parquet", 2, 11),
    ("alltypes_tiny_pages.parquet", 7300, 13), ("datapage_v2.snappy.parquet", 5, 4),
    ("rle_boolean_encoding.parquet", 68, 1), ("delta_binary_packed.parquet", 200, 66),
    ("delta_byte_array.parquet", 1000, 9), ("delta_encoding_optional_column.parquet", 100, 17),
    ("delta_length_byte_array.parquet", 1000, 1), ("byte_stream_split.zstd.parquet", 300, 2),
    ("byte_stream_split_extended.gzip.parquet", 200, 14), ("lz4_raw_compressed_larger.parquet", 10000, 1),
    ("concatenated_gzip_members.parquet", 513, 1), ("int96_from_spark.parquet", 6, 1),
    ("float16_nonzeros_and_nans.parquet", 8, 1), ("nan_in_stats.parquet", 2, 1),
    ("binary_truncated_min_max.parquet", 12, 6), ("page_v2_empty_compressed.parquet", 10, 1),
    ("datapage_v2_empty_datapage.snappy.parquet", 1, 1), ("dict-page-offset-zero.parquet", 39, 1),
  ]

  @Test(arguments: readable)
  func readsWithRightShape(file: String, rows: Int, columns: Int) throws {
    let (names, read) = try ParquetTesting.readAll(ParquetTesting.conformance("data/" + file))
    #expect(read.count == rows)
    #expect(names.count == columns)
    let profile = try ParquetTesting.profileJSON([ParquetTesting.conformance("data/" + file)])
    #expect(profile["rows"] as? Int == rows)
  }

  /// Reading a few rows at a time gives the same rows as one big batch (pages, dictionaries
  /// and row groups cut at every place).
  @Test(arguments: ["alltypes_tiny_pages.parquet", "delta_byte_array.parquet", "datapage_v2.snappy.parquet",
                    "delta_encoding_optional_column.parquet", "rle_boolean_encoding.parquet"])
  func batchSizeDoesNotChangeValues(file: String) throws {
    let path = ParquetTesting.conformance("data/" + file)
    let whole = try ParquetTesting.readAll(path).rows
    for batchRows in [1, 3, 7, 64, 1000] {
      #expect(try ParquetTesting.readAll(path, batchRows: batchRows).rows == whole, "batch of \(batchRows)")
    }
  }

  @Test(arguments: ["delta_binary_packed", "delta_byte_array", "delta_encoding_optional_column"])
  func valuesEqualExpectCSV(name: String) throws {
    let (names, rows) = try ParquetTesting.readAll(ParquetTesting.conformance("data/\(name).parquet"))
    let expected = try ParquetTesting.expectCSV(ParquetTesting.conformance("data/\(name)_expect.csv"))
    #expect(names == expected.names)
    #expect(rows.count == expected.rows.count)
    var mismatches: [String] = []
    for (r, (got, want)) in zip(rows, expected.rows).enumerated() {
      for (c, name) in names.enumerated() where c >= want.count || got[c] != want[c] {
        mismatches.append("row \(r + 1) `\(name)`: \(got[c] ?? "null") ≠ \(c < want.count ? want[c] ?? "null" : "absent")")
      }
    }
    #expect(mismatches.isEmpty, Comment(rawValue: "\(mismatches.count) cells differ:\n" + mismatches.prefix(5).joined(separator: "\n")))
  }

  @Test func datapageV2ProfilesFlatColumnsAndReportsTheList() throws {
    let profile = try ParquetTesting.profileJSON([ParquetTesting.conformance("data/datapage_v2.snappy.parquet")])
    let columns = profile["columns"] as! [[String: Any]]
    #expect(columns.map { $0["name"] as! String } == ["a", "b", "c", "d"])
    #expect(columns.map { $0["type"] as! String } == ["string", "integer", "float", "boolean"])
    let problems = profile["problems"] as! [[String: Any]]
    #expect(problems.map { $0["kind"] as! String } == ["unsupported_column"])
    #expect((problems[0]["detail"] as! String).contains("`e (LIST)`"))
  }

  /// (file, error code, words the message must hold: where, and what is wrong).
  static let refused: [(String, InputError.Code, [String])] = [
    ("data/datapage_v1-corrupt-checksum.parquet", .parquetPageCRCMismatch, ["row group 0", "column `a`", "page 0", "CRC32"]),
    ("data/encrypt_columns_and_footer.parquet.encrypted", .parquetEncrypted, ["encrypted", "not supported"]),
    ("bad_data/PARQUET-1481.parquet", .parquetBadFooter, ["schema[1]", "`Handle`", "type -7", "physical type"]),
    ("bad_data/ARROW-RS-GH-6229-DICTHEADER.parquet", .parquetBadPageHeader,
     ["row group 0", "column `name`", "page 0", "dictionary", "num_values is negative"]),
    ("bad_data/ARROW-GH-47662.parquet", .parquetBadPage, ["row group 0", "column `flba_field`", "page 0", "values are short"]),
  ]

  @Test(arguments: refused)
  func refusesWithLocatedMessage(file: String, code: InputError.Code, words: [String]) throws {
    let path = ParquetTesting.conformance(file)
    let error = try #require(ParquetTesting.readError(path))
    #expect(error.code == code)
    #expect(error.location.path == path)
    for word in words { #expect(error.description.contains(word), "\(word) in \(error)") }
    #expect(throws: InputError.self) { try ParquetTesting.profileJSON([path]) }
  }

  @Test func alltypesPlainValues() throws {
    let (names, rows) = try ParquetTesting.readAll(ParquetTesting.conformance("data/alltypes_plain.parquet"))
    let row = Dictionary(uniqueKeysWithValues: zip(names, rows[1]))
    #expect(row["id"] == "5")
    #expect(row["bool_col"] == "false")
    #expect(row["float_col"] == "1.1")
    #expect(row["double_col"] == "10.1")
    #expect(row["string_col"] == "1")
    #expect(row["date_string_col"] == "03/01/09")
    #expect(row["timestamp_col"] == "2009-03-01T00:01:00")
  }

  /// INT96: nanoseconds of the day then the Julian day; values past the Int64 nanosecond range
  /// keep their true dates (a row Spark overflowed on write prints as the date it stored).
  @Test func int96Values() throws {
    let rows = try ParquetTesting.readAll(ParquetTesting.conformance("data/int96_from_spark.parquet")).rows.map { $0[0] }
    #expect(rows == ["2024-01-01T20:34:56.123456000", "2024-01-01T01:00:00", "9999-12-31T03:00:00",
                     "2024-12-30T23:00:00", nil, "-294554-12-13T14:58:10.448384000"])
  }

  @Test func float16AndNaN() throws {
    let rows = try ParquetTesting.readAll(ParquetTesting.conformance("data/float16_nonzeros_and_nans.parquet")).rows.map { $0[0] }
    #expect(rows == [nil, "1.0", "-2.0", "nan", "0.0", "-1.0", "-0.0", "2.0"])
    let nan = try ParquetTesting.readAll(ParquetTesting.conformance("data/nan_in_stats.parquet")).rows.map { $0[0] }
    #expect(nan == ["1.0", "nan"])
  }

  /// BYTE_STREAM_SPLIT gives the same values as PLAIN, column pair by column pair.
  @Test func byteStreamSplitEqualsPlain() throws {
    let (names, rows) = try ParquetTesting.readAll(ParquetTesting.conformance("data/byte_stream_split_extended.gzip.parquet"))
    for i in stride(from: 0, to: names.count, by: 2) {
      #expect(names[i + 1] == names[i].replacingOccurrences(of: "_plain", with: "_byte_stream_split"))
      #expect(rows.map { $0[i] } == rows.map { $0[i + 1] }, "\(names[i])")
    }
    #expect(rows[0][names.firstIndex(of: "decimal_plain")!] == "1003.858")
    #expect(rows[0][names.firstIndex(of: "float16_plain")!] == "10.305")
  }

  @Test func unsignedSixtyFourBitAndGzipMembers() throws {
    let rows = try ParquetTesting.readAll(ParquetTesting.conformance("data/concatenated_gzip_members.parquet")).rows
    #expect(rows.count == 513)
    #expect(rows.allSatisfy { $0[0].map { UInt64($0) != nil } ?? false })
  }

  @Test func emptyPagesReadAsNulls() throws {
    let empty = try ParquetTesting.readAll(ParquetTesting.conformance("data/datapage_v2_empty_datapage.snappy.parquet")).rows
    #expect(empty == [[nil]])
    let compressed = try ParquetTesting.readAll(ParquetTesting.conformance("data/page_v2_empty_compressed.parquet")).rows
    #expect(compressed == Array(repeating: [nil], count: 10))
  }

  /// The footer statistics of the first row group, keeping only what is exact.
  private func statistics(_ file: String) throws -> [String: ParquetStatistics] {
    let path = ParquetTesting.conformance("data/" + file)
    let (metadata, _) = try ParquetFooter.read(try ParquetFile(path: path))
    let schema = try ParquetSchema(elements: metadata.schema, place: ParquetPlace(path: path))
    return Dictionary(uniqueKeysWithValues: schema.columns.map { column in
      (column.name, ParquetStatistics(metadata.rowGroups[0].columns[column.leafIndex].metaData?.statistics, column: column))
    })
  }

  /// A NaN bound, a truncated bound and a missing exactness flag on a byte array are not exact.
  @Test func statisticsAreUsedOnlyWhereExact() throws {
    let nan = try statistics("nan_in_stats.parquet")["x"]!
    #expect(nan.exactMax == nil)
    #expect(nan.exactMin == withUnsafeBytes(of: 1.0.bitPattern.littleEndian) { Array($0) })
    #expect(nan.nullCount == 0)
    let truncated = try statistics("binary_truncated_min_max.parquet")
    for kind in ["utf8", "binary"] {
      let full = truncated[kind + "_full_truncation"]!, partial = truncated[kind + "_partial_truncation"]!
      #expect(full.exactMin == nil && full.exactMax == nil, "\(kind): both bounds truncated")
      #expect(partial.exactMin == nil, "\(kind): the minimum `Al` stands for `Alice Johnson`")
      #expect(partial.exactMax != nil, "\(kind): the maximum could not be truncated, so it is exact")
      #expect(truncated[kind + "_no_truncation"]!.exactMax == Array("Ke".utf8))
    }
    #expect(truncated["utf8_partial_truncation"]!.exactMax == Array("🚀Kevin Bacon".utf8))
    #expect(truncated["binary_partial_truncation"]!.exactMax == [0xFF, 0xFF, 0x01, 0x02])
    let half = try statistics("float16_nonzeros_and_nans.parquet")["x"]!
    #expect(half.exactMin == [0x00, 0xC0] && half.exactMax == [0x00, 0x40], "-2 and 2: the NaN is left out")
    #expect(half.nullCount == 1)
  }
}
