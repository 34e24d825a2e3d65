import Foundation
import Testing
@testable import DatacheckKit

/// `--threads` changes how fast, never what: a plain file is profiled in segments merged in file
/// order, and a segment read by another thread starts where it guessed (just past the first line
/// feed after its cut) only when the previous segment really ended there. Every thread count must
/// give the same JSON, byte for byte, and the segments together must give the profile of one
/// unsegmented pass (equal up to floating-point rounding while the sketches are exact).
@Suite struct ThreadsTests {
  /// Every plain delimited fixture of the repository (gzip files are read in one stream, Parquet
  /// by row group), with the label column the fixture is made for.
  static let fixtures: [String] = {
    let root = Fixtures.root.path
    let names = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
    return names.filter { name in
      [".csv", ".tsv", ".txt"].contains { name.hasSuffix($0) } && !name.hasPrefix("expected/")
    }.sorted()
  }()

  static func label(of fixture: String) -> String? {
    switch fixture {
    case "churn.csv", "labels/clean.csv": return "churned"
    case "labels/sum_target.csv": return "price"
    case _ where fixture.hasPrefix("goals/"): return "churned"
    case _ where fixture.hasPrefix("labels/"): return "label"
    default: return nil
    }
  }

  /// The JSON profile, or the error, of `path` read with `threads` threads in segments of `segment` bytes.
  static func run(_ path: String, threads: Int, segment: Int, label: String? = nil) -> String {
    do {
      return ProfileJSON.render(try Fixtures.profile([path], chunkSize: 1 << 16) {
        $0.read.threads = threads
        $0.read.segmentBytes = segment
        if let label { $0.profile.label = LabelOptions(column: label) }
      })
    } catch {
      return "error: \(error)"
    }
  }

  @Test(arguments: fixtures)
  func everyThreadCountGivesTheSameBytes(fixture: String) throws {
    let path = Fixtures.path(fixture)
    let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    let label = ThreadsTests.label(of: fixture)
    // Cuts anywhere: small files get segments of a few bytes, larger ones (read in a debug build
    // here, with their label analysis) 7 segments.
    let small = size < 8192
    for segment in small ? [7, 64, size / 2 + 1] : [size / 7 + 1] {
      let one = ThreadsTests.run(path, threads: 1, segment: segment, label: label)
      #expect(!one.hasPrefix("error") || fixture.hasPrefix("bad/"), "\(fixture): \(one.prefix(300))")
      for threads in small ? [2, 3] : [2] {
        let other = ThreadsTests.run(path, threads: threads, segment: segment, label: label)
        #expect(other == one, "\(fixture), segments of \(segment) bytes: \(threads) threads differ from 1")
      }
    }
  }

  /// gzip files (decompressed on a thread of their own ahead of the parser) and Parquet files
  /// (row groups profiled in parallel), errors included. That row groups merged in order give the
  /// profile of one pass is ParquetFixtureTests' check of row_groups.parquet against its CSV twin.
  static let streamed: [String] = {
    let root = Fixtures.root.path
    let names = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
    return names.filter { $0.hasSuffix(".gz") || $0.hasSuffix(".parquet") || $0 == "plain_gzip_noext" }.sorted()
  }()

  @Test(arguments: streamed)
  func gzipAndParquetGiveTheSameBytes(fixture: String) throws {
    let path = Fixtures.path(fixture)
    let one = ThreadsTests.run(path, threads: 1, segment: 64)
    for threads in [2, 3] {
      #expect(ThreadsTests.run(path, threads: threads, segment: 64) == one, "\(fixture): \(threads) threads differ from 1")
    }
  }

  /// A small file whose quoted fields hold newlines (LF, CRLF, blank lines inside quotes), with
  /// problems to locate after them: segments of every size from 5 bytes to the whole file put cuts
  /// all over it, so many workers guess a start inside a quoted field. (Sizes below 5 bytes cut at
  /// every line already.)
  static let straddling: String = {
    var text = "id,note,amount,label\r\n"
    for i in 1...24 {
      switch i % 6 {
      case 0: text += "\(i),\"two\nlines, \"\"quoted\"\"\",\(i * 3),yes\n"
      case 1: text += "\(i),\"\n\n\(i)\n\",\(Double(i) / 4),no\r\n"
      case 2: text += "\(i),plain \(i % 4),,no\n"
      case 3: text += i == 15 ? "\(i),ragged\n\n" : "\(i),\"a\r\nb\",\(i),yes\n"
      case 4: text += "\(i),\"\",\(i * 7),no\n"
      default: text += "\(i),\"x\ny\nz\",NA,yes\n"
      }
    }
    return text
  }()

  @Test func quotedNewlinesStraddlingEveryCut() throws {
    let path = Fixtures.temporary(ThreadsTests.straddling)
    let whole = ThreadsTests.run(path, threads: 1, segment: 1 << 30, label: "label")
    #expect(!whole.hasPrefix("error"), "\(whole)")
    #expect(whole.contains("\"ragged_row\"") && whole.contains("\"blank_line\""), "the fixture's problems are reported")
    var differing: [Int] = []
    var unlike: [String] = []
    for segment in 5...ThreadsTests.straddling.utf8.count {
      let one = ThreadsTests.run(path, threads: 1, segment: segment, label: "label")
      let two = ThreadsTests.run(path, threads: 2, segment: segment, label: "label")
      if one != two { differing.append(segment) }
      // Below the sketches' capacities the segmented profile is the one-pass profile, lines of
      // problems included; only the last bits of means and deviations may move.
      if let first = JSONCompare.differences(whole, one, tolerance: 1e-12).first, unlike.count < 5 {
        unlike.append("segments of \(segment) bytes: \(first)")
      }
    }
    #expect(differing.isEmpty, "segment sizes where 2 threads differ from 1: \(differing.prefix(20))")
    #expect(unlike.isEmpty, "\(unlike)")
  }

  /// A column that ends segment 0 past the exact cap is counted by sketches from the start in
  /// segments 2 on: the same bytes on every thread count, the counts it had to give (every
  /// number in the quantile sketch once, the distinct estimate within its error), and a column
  /// that passes the cap only later, or never, counted as before.
  @Test func segmentsAfterTheFirstStartSketchedWhereItWas() throws {
    var rng = SplitMix(seed: 9)
    var text = "id,late,small\n"
    for i in 0..<6_000 {   // id: unique; late: 50 values, then unique past row 3,000; small: 5 values
      text += "\(i),\(i < 3_000 ? "L\(i % 50)" : "L\(i)"),\(rng.next() % 5)\n"
    }
    let path = Fixtures.temporary(text)
    func run(threads: Int, segment: Int) throws -> (json: String, profiler: DatasetProfiler) {
      var pipeline = Pipeline(paths: [path])
      pipeline.read.chunkSize = 1 << 12
      pipeline.read.threads = threads
      pipeline.read.segmentBytes = segment
      pipeline.profile.maxExactDistinct = 500
      let (profile, profiler) = try pipeline.runKeepingProfiler()
      return (ProfileJSON.render(profile), profiler)
    }
    let one = try run(threads: 1, segment: 8_000)   // about 650 rows a segment: 9 segments
    for threads in [2, 3] { #expect(try run(threads: threads, segment: 8_000).json == one.json, "\(threads) threads") }
    let columns = one.profiler.columns
    #expect(!columns[0].counter.isExact && !columns[1].counter.isExact && columns[2].counter.isExact)
    #expect(columns[0].quantiles.count == 6_000 && columns[2].quantiles.count == 6_000 && columns[2].quantiles.isExact)
    #expect(abs(Double(columns[0].counter.distinct) - 6_000) < 3 * 0.0081 * 6_000, "\(columns[0].counter.distinct)")
    #expect(abs(Double(columns[1].counter.distinct) - 3_050) < 3 * 0.0081 * 3_050, "\(columns[1].counter.distinct)")
    // One segment: the same counts, the same exactness.
    let whole = try run(threads: 1, segment: 1 << 30).profiler.columns
    #expect(whole.map(\.counter.isExact) == columns.map(\.counter.isExact))
    #expect(whole[2].counter.top(5).map(\.count) == columns[2].counter.top(5).map(\.count))
  }

  /// Shards of one dataset, one of them without a final line end, and a file read without a
  /// header: cut into segments, on 1 and 2 threads, they give the one-pass profile.
  @Test func shardsAndHeaderlessFilesSegmentLikeOnePass() throws {
    let first = Fixtures.temporary(ThreadsTests.straddling)
    let second = Fixtures.temporary(ThreadsTests.straddling.replacingOccurrences(of: "\r\n", with: "\n") + "99,last,1,no")
    func run(_ paths: [String], threads: Int, segment: Int, header: Bool = true) -> String {
      do {
        return ProfileJSON.render(try Fixtures.profile(paths, chunkSize: 1 << 16) {
          $0.read.threads = threads
          $0.read.segmentBytes = segment
          $0.read.hasHeader = header
        })
      } catch { return "error: \(error)" }
    }
    for (paths, header) in [([first, second], true), ([second], false)] {
      let whole = run(paths, threads: 1, segment: 1 << 30, header: header)
      #expect(!whole.hasPrefix("error"), "\(whole)")
      for segment in [9, 40, 170] {
        let one = run(paths, threads: 1, segment: segment, header: header)
        #expect(run(paths, threads: 2, segment: segment, header: header) == one, "segments of \(segment) bytes")
        #expect(JSONCompare.differences(whole, one, tolerance: 1e-12).isEmpty, "segments of \(segment) bytes: \(JSONCompare.differences(whole, one, tolerance: 1e-12).prefix(3))")
      }
    }
  }

  /// The label checks find the same leaks in segments as in one pass (a target that is the sum of
  /// two columns is followed across merges; a 40-byte segment holds about one row).
  @Test(arguments: [("labels/sum_target.csv", "price"), ("labels/proxy.csv", "label"), ("labels/copy.csv", "label")])
  func segmentedLabelChecksFindTheSameLeaks(fixture: String, label: String) throws {
    let path = Fixtures.path(fixture)
    func findings(_ segment: Int) throws -> [String] {
      let json = ThreadsTests.run(path, threads: 2, segment: segment, label: label)
      let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(json.prefix(200))")
      return (object["findings"] as? [[String: Any]] ?? []).map { "\($0["check"]!) \($0["columns"] ?? "")" }.sorted()
    }
    let whole = try findings(1 << 30)
    #expect(whole.contains { $0.hasPrefix("target_copy") || $0.hasPrefix("target_proxy") }, "\(whole)")
    for segment in [40, 4096] { #expect(try findings(segment) == whole, "segments of \(segment) bytes") }
  }

  /// An error after some cuts is reported at its place in the file, whatever the segments.
  @Test func errorsKeepTheirLineAndColumn() throws {
    let text = ThreadsTests.straddling + "99,bad\"quote,1,no\n100,\"never closed,1,no\n"
    let path = Fixtures.temporary(text)
    let whole = ThreadsTests.run(path, threads: 1, segment: 1 << 30)
    #expect(whole.contains(":54:7: error[csv.stray-quote]"), "\(whole)")
    let differing = (5...text.utf8.count).filter { segment in
      [1, 2].contains { ThreadsTests.run(path, threads: $0, segment: segment) != whole }
    }
    #expect(differing.isEmpty, "segment sizes giving another error: \(differing.prefix(20))")
  }

  /// A file of short lines gets segments of about `segmentRecords` records (not below 4 MiB),
  /// as its first MiB shows them; long lines keep `segmentBytes`; without `segmentRecords` the
  /// size is `segmentBytes` exactly.
  @Test func segmentsOfShortLinesHoldAboutSoManyRecords() throws {
    var options = ReadOptions()
    let short = Fixtures.temporary(String(repeating: "1234567\n", count: 200_000))        // 8 bytes a line
    let long = Fixtures.temporary(String(repeating: String(repeating: "x", count: 99) + "\n", count: 20_000))
    options.segmentRecords = 1 << 20
    #expect(try SegmentedProfile.segmentBytes(of: short, options) == 8 << 20)
    options.segmentRecords = 1 << 10
    #expect(try SegmentedProfile.segmentBytes(of: short, options) == 4 << 20)
    options.segmentRecords = 1 << 19
    #expect(try SegmentedProfile.segmentBytes(of: long, options) == 32 << 20)
    options.segmentRecords = nil
    options.segmentBytes = 5_000
    #expect(try SegmentedProfile.segmentBytes(of: short, options) == 5_000)
  }
}
