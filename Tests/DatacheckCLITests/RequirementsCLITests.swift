import Foundation
import Testing

/// `datacheck requirements` as a CI job runs it: exit 0 ready, 1 not ready, 2 usage or input.
@Suite struct RequirementsCLITests {
  @Test func readyExitsWithZero() throws {
    let w = Workdir()
    let r = try w.run(["requirements", w.fixture("goals/ready.yaml")])
    #expect(r.status == 0, "\(r)")
    #expect(r.stdout.hasPrefix("READY"), "\(r)")
  }

  @Test(arguments: ["short_of_labels", "accuracy_below_baseline", "test_too_small", "copied_rows", "test_before_train"])
  func notReadyExitsWithOne(goal: String) throws {
    let w = Workdir()
    let r = try w.run(["requirements", w.fixture("goals/\(goal).yaml")])
    #expect(r.status == 1, "\(r)")
    #expect(r.stdout.hasPrefix("NOT READY"), "\(r)")
  }

  @Test func typoInTheGoalExitsWithTwoAndItsPlace() throws {
    let w = Workdir()
    let r = try w.run(["requirements", w.fixture("goals/typo.yaml")])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains("typo.yaml:15:3: error[goal.unknown-key]: unknown key `min_rowz` (did you mean `min_rows`?)"), "\(r)")
  }

  /// A broken data file is exit 2 even though the goal would fail too: 2 wins over 1.
  @Test func inputErrorWinsOverNotReady() throws {
    let w = Workdir()
    let r = try w.run(["requirements", w.fixture("goals/accuracy_below_baseline.yaml"), w.fixture("bad/stray_quote.csv")])
    #expect(r.status == 2, "\(r)")
  }

  @Test(arguments: [
    ["requirements"], ["requirements", "missing.yaml"], ["requirements", "GOAL", "--split", "test"], ["requirements", "GOAL", "--format", "xml"],
  ])
  func usageAndMissingFilesExitWithTwo(arguments: [String]) throws {
    let w = Workdir()
    let args = arguments.map { $0 == "GOAL" ? w.fixture("goals/ready.yaml") : $0 }
    let r = try w.run(args)
    #expect(r.status == 2, "\(r)")
  }

  /// Warnings pass unless --strict; FILE arguments replace data.train; --split gives the test split.
  @Test func strictTurnsWarningsIntoFailure() throws {
    let w = Workdir()
    w.write("goal.yaml", "version: 1\ntarget:\n  column: churned\nmetric:\n  name: auc\n  target: 0.8\n")
    let args = ["requirements", "goal.yaml", w.fixture("goals/train.csv")]
    let lenient = try w.run(args)
    #expect(lenient.status == 0, "\(lenient)")
    #expect(lenient.stdout.contains("metric_resolution"), "no test split: a warning")
    let strict = try w.run(args + ["--strict"])
    #expect(strict.status == 1, "\(strict)")
    let withTest = try w.run(args + ["--split", "test=\(w.fixture("goals/test.csv"))", "--strict"])
    #expect(withTest.status == 0, "\(withTest)")
  }

  @Test(arguments: ["json", "markdown", "junit", "sarif", "github"])
  func everyFormatIsWrittenAtomically(format: String) throws {
    let w = Workdir()
    // `-o` is `--output`'s short form; half the formats use each.
    let flag = ["json", "junit", "github"].contains(format) ? "-o" : "--output"
    let r = try w.run(["requirements", w.fixture("goals/copied_rows.yaml"), "--format", format, flag, "report.out"])
    #expect(r.status == 1, "\(r)")
    let text = try String(contentsOfFile: w.path("report.out"), encoding: .utf8)
    #expect(text.contains("split_overlap"), "\(format): \(text.prefix(300))")
    #expect(w.files == ["report.out"])
  }

  @Test func parquetDataIsChecked() throws {
    let w = Workdir()
    let files = try FileManager.default.contentsOfDirectory(atPath: Workdir.repository.appendingPathComponent("fixtures/parquet").path)
    let parquet = try #require(files.sorted().first { $0.hasSuffix(".parquet") && !$0.contains("empty") })
    let profile = try w.run(["profile", w.fixture("parquet/\(parquet)"), "--format", "json"])
    #expect(profile.status == 0, "\(profile)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(profile.stdout.utf8)) as? [String: Any])
    let column = try #require((json["columns"] as? [[String: Any]])?.first?["name"] as? String)
    let labeled = try w.run(["profile", w.fixture("parquet/\(parquet)"), "--label", column])
    #expect(labeled.status == 0, "\(labeled)")
    #expect(labeled.stdout.contains("Label \(column)"), "\(labeled)")
    w.write("goal.yaml", "version: 1\ntarget:\n  column: \(column)\nrequirements:\n  min_rows: 1\n")
    let verdict = try w.run(["requirements", "goal.yaml", w.fixture("parquet/\(parquet)")])
    #expect(verdict.status == 0 || verdict.status == 1, "\(verdict)")
    #expect(verdict.stdout.contains("min_rows"), "\(verdict)")
  }
}
