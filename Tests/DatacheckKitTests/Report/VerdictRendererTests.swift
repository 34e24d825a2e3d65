import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import DatacheckKit

/// The verdict renderers against golden files (`Snapshots/verdict-<sample>.<format>`), plus
/// what a consumer relies on: the JSON parses, the JUnit is well-formed XML with the right counts,
/// escaping holds. Re-record the golden files with `RECORD_SNAPSHOTS=1 swift test --filter VerdictRenderer`.
/// (Schema validation of the JUnit and SARIF snapshots is `scripts/validate-reports.sh`.)
struct VerdictRendererTests {
  @Test(arguments: VerdictSample.allCases, VerdictFormat.allCases)
  func matchesSnapshot(sample: VerdictSample, format: VerdictFormat) throws {
    Snapshot.check(format.render(try sample.verdict()), named: "verdict-\(sample.rawValue).\(format.rawValue)")
  }

  @Test(arguments: VerdictSample.allCases)
  func jsonParsesWithTheVerdictsFigures(sample: VerdictSample) throws {
    let v = try sample.verdict()
    let object = try #require(try JSONSerialization.jsonObject(with: Data(VerdictJSON.render(v).utf8)) as? [String: Any])
    #expect(object["schema"] as? String == "datacheck.verdict/1")
    #expect(object["ready"] as? Bool == v.ready)
    #expect(object["strict"] as? Bool == v.strict)
    #expect((object["checks"] as? [Any])?.count == v.rows.count)
    let summary = try #require(object["summary"] as? [String: Int])
    #expect(summary == ["pass": v.count(.pass), "warn": v.count(.warn), "fail": v.count(.fail), "info": v.count(.info)])
    #expect((object["profiles"] as? [String: Any])?.count == v.profiles.count)
    let sarif = try JSONSerialization.jsonObject(with: Data(VerdictSARIF.render(v).utf8)) as? [String: Any]
    #expect(sarif?["version"] as? String == "2.1.0")
  }

  @Test func jsonProfileIsNullWithoutProfiles() throws {
    var v = try VerdictSample.strict.verdict()
    v.profiles = []
    let object = try JSONSerialization.jsonObject(with: Data(VerdictJSON.render(v).utf8)) as? [String: Any]
    #expect(object?["profile"] is NSNull)
  }

  #if canImport(FoundationXML) || canImport(Darwin)
  @Test(arguments: VerdictSample.allCases)
  func junitIsWellFormedWithOneTestcasePerRow(sample: VerdictSample) throws {
    let v = try sample.verdict()
    let counter = XMLCounter()
    let parser = XMLParser(data: Data(VerdictJUnit.render(v).utf8))
    parser.delegate = counter
    #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    #expect(counter.counts["testsuites"] == 1 && counter.counts["testsuite"] == 1)
    #expect(counter.counts["testcase"] == v.rows.count)
    #expect(counter.counts["failure", default: 0] == v.rows.filter(v.isFailure).count)
  }
  #endif

  @Test func rowsComeWorstFirstInGoalOrder() throws {
    let ids = try VerdictSample.notReady.verdict().rowsWorstFirst.map(\.id)
    #expect(ids == ["min_rows", "metric_resolution", "leakage.target_proxy", "metric_fit", "max_missing",
                    "required_columns", "metric_baseline", "simple_baseline"])
  }

  @Test(arguments: [40, 60, 100])
  func textStaysWithinTheWidth(width: Int) throws {
    let text = VerdictTextReport(width: width).render(try VerdictSample.notReady.verdict())
    // Too long, and not because of a word that could not fit on any line.
    let long = text.split(separator: "\n").filter { line in
      line.count > width && line.split(separator: " ").allSatisfy { $0.count < width - 10 }
    }
    #expect(long.isEmpty, "\(long)")
  }

  @Test func escaping() {
    #expect(VerdictJUnit.attribute("a&b<c>\"d\"\n\te\u{07}\r") == "a&amp;b&lt;c&gt;&quot;d&quot;&#10;&#9;e&#13;")
    #expect(VerdictJUnit.text("x < y & \"z\"\u{0}\u{FFFE}\n") == "x &lt; y &amp; \"z\"\n")
    #expect(VerdictGitHub.message("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b")
    #expect(VerdictGitHub.property("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
    #expect(VerdictSARIF.uriReference("configs/goal v2:é.yaml") == "configs/goal%20v2%3A%C3%A9.yaml")
    #expect(VerdictMarkdown.cell("a|b<c>\nd") == "a\\|b&lt;c><br>d")
  }
}

/// Counts the elements of an XML document.
private final class XMLCounter: NSObject, XMLParserDelegate {
  var counts: [String: Int] = [:]
  func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
              attributes: [String: String] = [:]) {
    counts[name, default: 0] += 1
  }
}

/// The formats, named by their golden files' extension.
enum VerdictFormat: String, CaseIterable, Sendable {
  case text = "txt", color = "color.txt", json, markdown = "md", junit = "junit.xml", sarif = "sarif.json", github = "github.txt"

  func render(_ v: Verdict) -> String {
    switch self {
    case .text: return VerdictTextReport(width: 72).render(v)
    case .color: return VerdictTextReport(width: 72, color: true).render(v)
    case .json: return VerdictJSON.render(v)
    case .markdown: return VerdictMarkdown.render(v)
    case .junit: return VerdictJUnit.render(v)
    case .sarif: return VerdictSARIF.render(v)
    case .github: return VerdictGitHub.render(v)
    }
  }
}

/// Hand-made verdicts over small fixture profiles (source paths made relative to the repository).
enum VerdictSample: String, CaseIterable, Sendable {
  case ready, notReady = "not-ready", strict

  func verdict() throws -> Verdict {
    switch self {
    case .ready:
      return Verdict(goalPath: "goal.yaml", goalText: "Predict churn one month ahead to keep active clients, "
                     + "with a model simple enough to explain to the account managers", rows: VerdictSample.readyRows,
                     strict: false, profiles: [("train", try profile("churn.csv"))])
    case .notReady:
      return Verdict(goalPath: "goal.yaml", goalText: "Predict churn one month ahead", rows: VerdictSample.notReadyRows,
                     strict: false, profiles: [("train", try profile("churn.csv")), ("test", try profile("no_final_newline.csv"))])
    case .strict:
      return Verdict(goalPath: "configs/goal v2.yaml", goalText: nil, rows: VerdictSample.strictRows,
                     strict: true, profiles: [("train", try profile("no_final_newline.csv"))])
    }
  }

  private func profile(_ name: String) throws -> DatasetProfile {
    var p = try Fixtures.profile([Fixtures.path(name)])
    for i in p.sources.indices { p.sources[i].path = "fixtures/" + name }
    return p
  }

  private static func at(_ line: Int, _ column: Int, _ key: String, _ path: String = "goal.yaml") -> GoalLocation {
    GoalLocation(path: path, line: line, column: column, keyPath: key)
  }

  static let readyRows = [
    RequirementResult(id: "min_rows", status: .pass, measured: "40 rows", measuredValue: 40, expected: "≥ 30 rows",
                      message: "The train split has 40 rows.", location: at(9, 3, "requirements.min_rows"), split: "train"),
    RequirementResult(id: "min_label_coverage", status: .pass, measured: "100.0%", measuredValue: 1, expected: "≥ 90.0%",
                      message: "Every row is labeled.", location: at(10, 3, "requirements.min_label_coverage"), split: "train"),
    RequirementResult(id: "simple_baseline", status: .info, measured: "0.725 accuracy", measuredValue: 0.725, expected: "",
                      message: "The best one-column rule (tenure_months ≤ 6 → yes) reaches 0.725 accuracy; a target "
                        + "barely above it deserves a second look.", split: "train", columns: ["tenure_months"]),
    RequirementResult(id: "metric_baseline", status: .pass, measured: "0.5 (AUC of a constant)", measuredValue: 0.5,
                      expected: "target 0.8 above it", message: "The target 0.8 is above the trivial 0.5.",
                      location: at(6, 3, "metric.target")),
  ]

  static let notReadyRows = [
    RequirementResult(id: "required_columns", status: .pass, measured: "3 of 3 present", measuredValue: 3,
                      expected: "age, income, tenure_months", message: "Every required column is present.",
                      location: at(18, 3, "requirements.required_columns"), columns: ["age", "income", "tenure_months"]),
    RequirementResult(id: "min_rows", status: .fail, measured: "40 rows", measuredValue: 40, expected: "≥ 10,000 rows",
                      message: "The train split has 40 rows; the goal asks for 10,000.",
                      action: "Collect 9,960 more labeled rows, or lower requirements.min_rows if the task allows it.",
                      location: at(14, 3, "requirements.min_rows"), split: "train"),
    RequirementResult(id: "metric_fit", status: .warn, measured: "minority share 12.5%", measuredValue: 0.125,
                      expected: "≥ 20% for accuracy", message: "Accuracy rewards predicting the majority class here.",
                      action: "Declare balanced_accuracy, f1 or auc as the metric.", split: "train"),
    RequirementResult(id: "metric_resolution", status: .fail, measured: "± 0.31 at 3 test rows", measuredValue: 0.31,
                      expected: "± 0.02", message: "With 3 test rows the 95% CI half-width of f1 is about 0.31.",
                      action: "Hold out at least 2,401 labeled rows for testing.", location: at(11, 3, "metric.tolerance"),
                      split: "test"),
    RequirementResult(id: "metric_baseline", status: .pass, measured: "0.222 (F1 of always-positive)", measuredValue: 0.222,
                      expected: "target 0.8 above it", message: "The target 0.8 is above the trivial 0.222.",
                      location: at(10, 3, "metric.target")),
    RequirementResult(id: "leakage.target_proxy", status: .fail, measured: "accuracy 0.997", measuredValue: 0.997,
                      expected: "< 0.98", message: "Column \"leak_score\" predicts churned <alone> & too well: 99.7% of rows,\n"
                        + "tab\there, bell\u{07}.", action: "Drop leak_score, or check how it was computed.",
                      location: at(27, 12, "requirements.leakage"), split: "train", columns: ["leak_score"]),
    RequirementResult(id: "max_missing", status: .warn, measured: "income 12.5% missing", measuredValue: 0.125,
                      expected: "≤ 10.0%", message: "income is missing in 5 of 40 rows.",
                      action: "Impute income or raise requirements.max_missing.columns.income.",
                      location: at(20, 23, "requirements.max_missing.columns.income"), split: "train", columns: ["income"]),
    RequirementResult(id: "simple_baseline", status: .info, measured: "0.725 accuracy", measuredValue: 0.725, expected: "",
                      message: "The best one-column rule (tenure_months ≤ 6 → yes) reaches 0.725 accuracy.",
                      split: "train", columns: ["tenure_months"]),
  ]

  static let strictRows = [
    RequirementResult(id: "max_duplicate_ratio", status: .warn, measured: "0.0%", measuredValue: 0, expected: "≤ 1.0%",
                      message: "Duplicates are within 1%, but 100% of ids repeat: a, b, c.",
                      action: "Deduplicate on id.", location: at(9, 5, "requirements.max_duplicate_ratio", "configs/goal v2.yaml"),
                      split: "train"),
    RequirementResult(id: "min_rows", status: .pass, measured: "3 rows", measuredValue: 3, expected: "≥ 3 rows",
                      message: "The train split has 3 rows.", location: at(8, 5, "requirements.min_rows", "configs/goal v2.yaml"),
                      split: "train"),
    RequirementResult(id: "metric_fit", status: .warn, measured: "minority share 0.0%", measuredValue: 0,
                      expected: "≥ 20% for accuracy", message: "Accuracy rewards predicting the majority class here.",
                      action: "Declare balanced_accuracy, f1 or auc as the metric."),
  ]
}

/// Golden files in `Tests/DatacheckKitTests/Snapshots/`: compared, or written when `RECORD_SNAPSHOTS=1`.
/// The repository's root is replaced by `<repo>` first, so a checkout anywhere gives the same text.
private enum Snapshot {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Snapshots")

  static func check(_ output: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = output.replacingOccurrences(of: Fixtures.root.deletingLastPathComponent().path, with: "<repo>")
    let url = directory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url, options: .atomic)
      } catch {
        Issue.record("could not record \(url.path): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      Issue.record("no snapshot \(url.path); record it with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
      return
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected != actual {
      Issue.record("snapshot \(name) differs (RECORD_SNAPSHOTS=1 re-records it)\n\(diff(expected, actual))",
                   sourceLocation: sourceLocation)
    }
  }

  /// The changed lines between rulers: `-` only in the snapshot, `+` only in the output, each
  /// with its line number there. A longest-common-subsequence diff; fine for a few hundred lines.
  static func diff(_ expected: String, _ actual: String) -> String {
    let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
    var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
      }
    }
    var lines: [String] = [], i = 0, j = 0
    while i < a.count || j < b.count {
      if i < a.count && j < b.count && a[i] == b[j] {
        i += 1; j += 1
      } else if i < a.count && (j == b.count || lcs[i + 1][j] >= lcs[i][j + 1]) {
        lines.append("-\(i + 1)\t\(a[i].debugDescription)"); i += 1
      } else {
        lines.append("+\(j + 1)\t\(b[j].debugDescription)"); j += 1
      }
    }
    let ruler = String(repeating: "─", count: 72)
    return ([ruler + " - snapshot, + output"] + lines + [ruler]).joined(separator: "\n")
  }
}
