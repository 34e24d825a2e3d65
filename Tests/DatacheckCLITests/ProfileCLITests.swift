import Foundation
import Testing

/// `datacheck profile` as a user runs it: exit statuses, outputs, atomic files, pipes.
@Suite struct ProfileCLITests {
  @Test func textSummaryOfAFixture() throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture("churn.csv")])
    #expect(r.status == 0, "\(r)")
    #expect(r.stdout.contains("40 rows × 7 columns"), "\(r)")
    #expect(r.stdout.contains("age") && r.stdout.contains("integer"), "\(r)")
    #expect(!r.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
  }

  @Test func jsonFollowsTheSchema() throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture("churn.csv"), "--format", "json"])
    #expect(r.status == 0, "\(r)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(json["schema"] as? String == "datacheck.profile/1")
    #expect(json["rows"] as? Int == 40)
    for key in ["datacheck_version", "sources", "columns", "duplicate_rows", "findings", "problems"] {
      #expect(json[key] != nil, "missing \(key)")
    }
  }

  @Test func markdownHasATable() throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture("ragged_rows.csv"), "--format", "markdown"])
    #expect(r.status == 0, "\(r)")
    #expect(r.stdout.contains("| column | type | missing | distinct | summary |"), "\(r)")
    #expect(r.stdout.contains("| ragged_row | 4 |"), "\(r)")
  }

  @Test(arguments: [
    ("bad/unterminated_quote.csv", "unterminated_quote.csv:3:5: error[csv.unterminated-quote]"),
    ("bad/stray_quote.csv", "stray_quote.csv:2:5: error[csv.stray-quote]"),
    ("bad/text_after_quote.csv", "text_after_quote.csv:3:8: error[csv.text-after-closing-quote]"),
    ("bad/truncated.csv.gz", "truncated.csv.gz: error[gzip.truncated]"),
    ("no/such/file.csv", "file.csv: error[input.not-found]"),
  ])
  func badInputExitsWithTwoAndAPlace(fixture: String, message: String) throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture(fixture)])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains(message), "\(r)")
    #expect(r.stdout.isEmpty, "\(r)")
  }

  /// An empty file is profiled (SPEC: `profile` exits 0 unless input fails): zero rows, zero
  /// columns, the problem `empty_file`; a label it cannot have is a usage error that says why.
  @Test func emptyFileGivesAnEmptyProfile() throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture("bad/empty.csv"), "--format", "json"])
    #expect(r.status == 0, "\(r)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(json["schema"] as? String == "datacheck.profile/1")
    #expect(json["rows"] as? Int == 0)
    #expect((json["columns"] as? [Any])?.isEmpty == true)
    #expect(json["duplicate_rows"] as? Int == 0)
    #expect((json["findings"] as? [Any])?.isEmpty == true)
    let problems = try #require(json["problems"] as? [[String: Any]])
    #expect(problems.map { $0["kind"] as? String } == ["empty_file"])
    let labeled = try w.run(["profile", w.fixture("bad/empty.csv"), "--label", "y"])
    #expect(labeled.status == 2, "\(labeled)")
    #expect(labeled.stderr.contains("the data has no columns"), "\(labeled)")
  }

  @Test(arguments: [
    ["profile"], ["profile", "--format", "yaml", "x.csv"], ["profile", "--bogus", "x.csv"], ["frobnicate"],
    ["profile", "--delimiter", "ab", "x.csv"], ["profile", "-", "-"],
  ])
  func usageErrorsExitWithTwo(arguments: [String]) throws {
    let r = try Workdir().run(arguments)
    #expect(r.status == 2, "\(r)")
    #expect(!r.stderr.isEmpty, "\(r)")
  }

  @Test func helpAndVersionExitWithZero() throws {
    let w = Workdir()
    let help = try w.run(["profile", "--help"])
    #expect(help.status == 0, "\(help)")
    #expect(help.stdout.contains("Examples:") && help.stdout.contains("--max-field-size"), "\(help)")
    let version = try w.run(["--version"])
    #expect(version.status == 0 && version.stdout.contains("0.1.0"), "\(version)")
  }

  @Test func standardInputIsADataset() throws {
    let w = Workdir()
    let data = try Data(contentsOf: URL(fileURLWithPath: w.fixture("churn.csv")))
    let r = try w.run(["profile", "-", "--format", "json"], stdin: data)
    #expect(r.status == 0, "\(r)")
    #expect(r.stdout.contains("\"rows\": 40"), "\(r)")
  }

  @Test func optionsChangeTheReading() throws {
    let w = Workdir()
    w.write("data.txt", "1;x;?\n2;NA;y\n")
    let r = try w.run(["profile", "data.txt", "--no-header", "--delimiter", ";", "--na", "?", "--format", "json"])
    #expect(r.status == 0, "\(r)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let columns = try #require(json["columns"] as? [[String: Any]])
    #expect(json["rows"] as? Int == 2)
    #expect(columns.map { $0["name"] as? String } == ["column_1", "column_2", "column_3"])
    #expect(columns[1]["missing"] as? Int == 0, "NA is a value once --na replaces the set")
    #expect(columns[2]["missing"] as? Int == 1)
  }

  @Test(arguments: ["--output", "-o"])
  func outputFileIsWrittenWhole(flag: String) throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture("churn.csv"), "--format", "json", flag, "out.json"])
    #expect(r.status == 0 && r.stdout.isEmpty, "\(r)")
    let data = try Data(contentsOf: URL(fileURLWithPath: w.path("out.json")))
    #expect((try? JSONSerialization.jsonObject(with: data)) != nil)
    #expect(w.files == ["out.json"], "no temporary file left")
  }

  /// A failed run leaves an existing report as it was, and no partial file.
  @Test func failedRunKeepsTheOldOutput() throws {
    let w = Workdir()
    w.write("out.json", "previous report\n")
    let r = try w.run(["profile", w.fixture("bad/stray_quote.csv"), "--output", "out.json"])
    #expect(r.status == 2, "\(r)")
    #expect(try String(contentsOfFile: w.path("out.json"), encoding: .utf8) == "previous report\n")
    #expect(w.files == ["out.json"])
  }

  @Test func unwritableOutputExitsWithTwo() throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture("churn.csv"), "--output", "missing-dir/out.json"])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains("missing-dir/out.json"), "\(r)")
  }

  @Test func headerMismatchExitsWithTwo() throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture("churn.csv"), w.fixture("ragged_rows.csv")])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains("error[input.header-mismatch]"), "\(r)")
  }

  /// `datacheck profile … | head -c 100`: the reader goes away, and that is not an error.
  @Test func closedPipeIsNotAnError() throws {
    let w = Workdir()
    let header = (1...3000).map { "column_with_a_long_name_\($0)" }.joined(separator: ",")
    w.write("wide.csv", header + "\n" + (1...3000).map(String.init).joined(separator: ",") + "\n")
    let process = Process()
    process.executableURL = Workdir.binary
    process.arguments = ["profile", w.path("wide.csv"), "--format", "json"]
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    _ = out.fileHandleForReading.readData(ofLength: 100)
    try out.fileHandleForReading.close()
    process.waitUntilExit()
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 0)
  }
}
