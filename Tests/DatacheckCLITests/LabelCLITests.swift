import Foundation
import Testing

/// `datacheck profile --label` as a user runs it.
@Suite struct LabelCLITests {
  @Test func labelSectionAndFindingsInJSON() throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture("labels/proxy.csv"), "--label", "label", "--format", "json"])
    #expect(r.status == 0, "\(r)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let label = try #require(json["label"] as? [String: Any])
    #expect(label["column"] as? String == "label")
    #expect(label["task"] as? String == "classification")
    #expect(label["labeled"] as? Int == 4000)
    let classes = try #require(label["classes"] as? [[String: Any]])
    #expect(classes.map { $0["value"] as? String } == ["no", "yes"])
    #expect(classes.map { $0["count"] as? Int } == [3200, 800])
    #expect(label["majority_share"] as? Double == 0.8)
    let findings = try #require(json["findings"] as? [[String: Any]])
    let proxy = try #require(findings.first { $0["check"] as? String == "target_proxy" })
    #expect(proxy["severity"] as? String == "error")
    #expect(proxy["columns"] as? [String] == ["leak_score"])
    #expect((proxy["action"] as? String)?.isEmpty == false)
  }

  @Test func textShowsLabelAndFindingsBySeverity() throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture("labels/rare_class.csv"), "--label", "label"])
    #expect(r.status == 0, "\(r)")
    #expect(r.stdout.contains("Label label (classification): 3,000 labeled"), "\(r)")
    #expect(r.stdout.contains("Errors (1)"), "\(r)")
    #expect(r.stdout.contains("rare_class: class `c` has only 7 rows"), "\(r)")
  }

  @Test func markdownHasFindings() throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture("labels/copy.csv"), "--label", "label", "--format", "markdown"])
    #expect(r.status == 0, "\(r)")
    #expect(r.stdout.contains("| error | `target_copy` | label_copy |"), "\(r)")
  }

  @Test(arguments: [
    (["--label", "nope"], "error[input.unknown-column]: there is no column `nope`"),
    (["--label", "label", "--id", "nope"], "there is no column `nope`"),
    (["--id", "customer_id"], "--id, --time and --task go with --label"),
    (["--label", "label", "--folds", "1"], "--folds"),
  ])
  func badLabelOptionsExitWithTwo(arguments: [String], message: String) throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture("labels/proxy.csv")] + arguments)
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains(message), "\(r)")
  }

  @Test func regressionIsInferred() throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture("labels/sum_target.csv"), "--label", "price", "--format", "json"])
    #expect(r.status == 0, "\(r)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let label = try #require(json["label"] as? [String: Any])
    #expect(label["task"] as? String == "regression")
    #expect((label["target"] as? [String: Any])?["mean"] != nil)
  }
}
