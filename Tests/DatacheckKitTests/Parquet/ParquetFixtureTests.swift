import Foundation
import Testing
@testable import DatacheckKit

/// The pyarrow-written fixtures of fixtures/parquet/ (see make_parquet.py): each profiles like
/// its CSV twin, the same rows written as text.
///
/// Where the two must differ, it is because Parquet stores what CSV can only infer:
/// - a null is a Parquet null (missing, counted as `absent`, no token), where CSV has `""`
///   (the token `""`): so Parquet's `missing_tokens[""] + absent` equals CSV's `missing_tokens[""]`;
/// - a column's type is its storage type, so it differs where the values alone say otherwise
///   (`typeDifferences`): then only the counts, top values and lengths are compared.
@Suite struct ParquetFixtureTests {
  static let fixtures = [
    "codec_none", "codec_snappy", "codec_gzip", "codec_zstd", "codec_lz4_raw", "codec_brotli",
    "pages_v1", "pages_v2", "dictionary_fallback", "row_groups", "delta_encodings", "byte_stream_split",
    "dates_timestamps", "decimals", "unsigned_float16", "nulls", "empty",
  ]

  /// Columns whose profile type differs between Parquet and CSV: (Parquet type, CSV type).
  static let typeDifferences: [String: (String, String)] = [
    "code": ("string", "integer"),   // digits stored as strings
    "u64": ("integer", "float"),     // UINT_64 values past Int64.max read as floats from text
    "all_null": ("integer", "empty"),  // a typed column without values
  ]

  @Test(arguments: fixtures)
  func profileEqualsCSVTwin(name: String) throws {
    let parquet = try ParquetTesting.profileJSON([ParquetTesting.fixture(name + ".parquet")])
    let csv = try ParquetTesting.profileJSON([ParquetTesting.fixture(name + ".csv")])
    var out: [String] = []
    for key in ["rows", "duplicate_rows"] { JSONCompare.compare(csv[key], parquet[key], key, &out) }
    let kinds = { (p: [String: Any]) in (p["problems"] as! [[String: Any]]).map { "\($0["kind"]!) ×\($0["count"]!)" } }
    if kinds(parquet) != kinds(csv) { out.append("problems: \(kinds(parquet)) ≠ \(kinds(csv))") }
    let pColumns = parquet["columns"] as! [[String: Any]], cColumns = csv["columns"] as! [[String: Any]]
    #expect(pColumns.count == cColumns.count)
    for (p, c) in zip(pColumns, cColumns) {
      var p = p, c = c
      if name == "row_groups", let quantiles = p["quantiles"] as? [String: Double] {
        // Several row groups: the file's quantile sketch is the in-order merge of one sketch per
        // group, the CSV's one sketch of every row. Past k = 200 values the two differ, each
        // within KLL's rank error, which is what is checked here against the twin's values.
        let column = p["name"] as! String
        checkRanks(quantiles, of: column, in: try ParquetFixtureTests.csvValues(column, of: name), &out)
        p["quantiles"] = nil
        c["quantiles"] = nil
      }
      compareColumn(p, c, emptyFile: name == "empty", &out)
    }
    #expect(out.isEmpty, Comment(rawValue: "\(name):\n" + out.joined(separator: "\n")))
  }

  /// The hashes the reader gives with each batch (the rest as written; none for a column with
  /// rows coded into a dictionary) equal the hashes of the batch's text, worked out value by
  /// value; batches of 7 rows cross pages and row groups mid-batch.
  @Test(arguments: fixtures)
  func readerHashesEqualTheTextsHashes(name: String) throws {
    var options = ReadOptions()
    options.batchRows = 7
    let reader = try ParquetFileReader(path: ParquetTesting.fixture(name + ".parquet"), options: options)
    var rows = 0
    while try reader.next() {
      let given = try #require(reader.prepared), worked = PreparedColumn.prepare(reader.batch)
      for c in given.indices where !given[c].hashes.isEmpty {   // none given for a column with coded rows
        #expect(given[c].hashes == worked[c].hashes)
      }
      rows += reader.batch.count
    }
    #expect(rows == reader.recordsParsed)
  }

  /// Each quantile's normalized rank among `values` is within 1.65 % of its q (KLL, k = 200).
  private func checkRanks(_ quantiles: [String: Double], of column: String, in values: [Double], _ out: inout [String]) {
    for (key, x) in quantiles {
      let q = Double(key.dropFirst())! / 100
      let below = Double(values.filter { $0 < x }.count), upTo = Double(values.filter { $0 <= x }.count)
      let n = Double(values.count)
      let error = q < below / n ? below / n - q : q > upTo / n ? q - upTo / n : 0
      if error > 0.0165 { out.append("\(column).quantiles.\(key) = \(x): rank error \(error)") }
    }
  }

  /// The numbers of a column of a fixture's CSV twin (its numeric columns come before any quoted field).
  static func csvValues(_ column: String, of name: String) throws -> [Double] {
    let lines = try String(contentsOfFile: ParquetTesting.fixture(name + ".csv"), encoding: .utf8).split(separator: "\n")
    let index = try #require(lines[0].split(separator: ",").firstIndex { $0 == column })
    return lines.dropFirst().compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[index]) }
  }

  private func compareColumn(_ p: [String: Any], _ c: [String: Any], emptyFile: Bool, _ out: inout [String]) {
    var p = p, c = c
    let name = p["name"] as! String
    let tokensP = p.removeValue(forKey: "missing_tokens") as! [String: Int]
    let tokensC = c.removeValue(forKey: "missing_tokens") as! [String: Int]
    var merged = tokensP
    merged[""] = (tokensP[""] ?? 0) + (p.removeValue(forKey: "absent") as? Int ?? 0)
    if merged[""] == 0 { merged[""] = nil }
    if merged != tokensC { out.append("\(name).missing_tokens: \(merged) ≠ \(tokensC)") }
    if let (pType, cType) = emptyFile ? (p["type"] as! String, "empty") : ParquetFixtureTests.typeDifferences[name] {
      if p["type"] as? String != pType || c["type"] as? String != cType {
        out.append("\(name).type: expected \(pType) / \(cType), got \(p["type"]!) / \(c["type"]!)")
      }
      for key in ["missing", "distinct", "top_values", "length"] { JSONCompare.compare(c[key], p[key], "\(name).\(key)", &out) }
      return
    }
    JSONCompare.compare(c, p, name, &out, tolerance: 1e-12)
  }

  @Test func emptyFileKeepsItsSchema() throws {
    let profile = try ParquetTesting.profileJSON([ParquetTesting.fixture("empty.parquet")])
    let columns = profile["columns"] as! [[String: Any]]
    #expect(profile["rows"] as? Int == 0)
    #expect(columns.map { $0["type"] as! String } == ["integer", "integer", "float", "float", "boolean", "string", "string", "string"])
    #expect((profile["problems"] as! [[String: Any]]).map { $0["kind"] as! String } == ["no_data_rows"])
  }

  @Test func temporalAndDecimalText() throws {
    let (names, rows) = try ParquetTesting.readAll(ParquetTesting.fixture("dates_timestamps.parquet"))
    #expect(names == ["day", "ts_ms", "ts_us_utc", "ts_ns"])
    #expect(rows[0] == ["2042-03-28", "2022-01-25T05:23:35.451", "2020-12-30T12:46:26.659649Z", "2018-02-24T00:14:04"])
    let decimals = try ParquetTesting.readAll(ParquetTesting.fixture("decimals.parquet")).rows
    #expect(decimals[0] == ["88902.08", "-91953316638641090462.8701836895", "-335680189404"])
  }

  /// The fixtures really hold what they are named for: page versions, the dictionary fallback.
  @Test(arguments: [("pages_v1", ParquetPageType.dataPage), ("pages_v2", .dataPageV2), ("dictionary_fallback", .dataPage)])
  func pageKinds(name: String, dataPage: ParquetPageType) throws {
    let encodings = try pageEncodings(ParquetTesting.fixture(name + ".parquet"), column: "id")
    #expect(encodings.filter { $0.0 == dataPage }.count > 1, "several data pages")
    if name == "dictionary_fallback" {
      #expect(encodings.contains { $0.1 == .rleDictionary } && encodings.contains { $0.1 == .plain }, "dictionary, then PLAIN")
    }
  }

  /// The (page type, encoding) of every data page of `column`'s first chunk.
  private func pageEncodings(_ path: String, column: String) throws -> [(ParquetPageType, ParquetEncoding)] {
    let file = try ParquetFile(path: path)
    let (metadata, dataEnd) = try ParquetFooter.read(file)
    let schema = try ParquetSchema(elements: metadata.schema, place: ParquetPlace(path: path))
    let leaf = schema.columns.first { $0.name == column }!
    let meta = metadata.rowGroups[0].columns[leaf.leafIndex].metaData!
    let pages = ColumnChunkPages(file: file, place: ParquetPlace(path: path))
    let range = Result { try ParquetFileReader.byteRange(meta, dataEnd: dataEnd, place: ParquetPlace(path: path)) }
    pages.start(range: range, codec: ParquetCodec(rawValue: meta.codec)!, place: ParquetPlace(path: path))
    var out: [(ParquetPageType, ParquetEncoding)] = []
    while let page = try pages.next() {
      if let v1 = page.header.dataPage { out.append((.dataPage, v1.encoding)) }
      if let v2 = page.header.dataPageV2 { out.append((.dataPageV2, v2.encoding)) }
    }
    return out
  }

  @Test func parquetDoesNotMixWithCSV() throws {
    let error = #expect(throws: InputError.self) {
      try Fixtures.profile([ParquetTesting.fixture("codec_none.parquet"), ParquetTesting.fixture("codec_none.csv")])
    }
    #expect(error?.code == .mixedFormats)
  }

  @Test func shardsOfOneTableProfileAsOne() throws {
    let two = try ParquetTesting.profileJSON([ParquetTesting.fixture("codec_snappy.parquet"), ParquetTesting.fixture("codec_zstd.parquet")])
    #expect(two["rows"] as? Int == 600)
    #expect((two["sources"] as! [[String: Any]]).map { $0["format"] as! String } == ["parquet", "parquet"])
  }
}
