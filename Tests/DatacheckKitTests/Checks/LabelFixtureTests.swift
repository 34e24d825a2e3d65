import Foundation
import Testing
@testable import DatacheckKit

/// Each planted problem of fixtures/labels/ (made by make_label_fixtures.py, which verifies the
/// planted figures independently) is flagged with the right check, severity and columns, and
/// the files without a leak raise no leak. False alarms cost users as much as misses.
@Suite struct LabelFixtureTests {
  struct Expect: Sendable {
    var check: String
    var severity: Severity
    var columns: [String]
    var value: Double? = nil
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var file: String
    var label: String = "label"
    var ids: [String] = []
    var expected: [Expect]
    var absent: [String] = []
    var testDescription: String { file + (ids.isEmpty ? "" : " --id \(ids.joined(separator: ","))") }
  }

  static let noLeak = ["target_proxy", "target_copy", "missing_predicts_label", "no_signal"]

  static let cases: [Case] = [
    Case(file: "proxy.csv", expected: [Expect(check: "target_proxy", severity: .error, columns: ["leak_score"])], absent: ["no_signal"]),
    Case(file: "copy.csv", expected: [Expect(check: "target_copy", severity: .error, columns: ["label_copy"], value: 1)],
         absent: ["target_proxy", "no_signal"]),
    Case(file: "sum_target.csv", label: "price",
         expected: [Expect(check: "target_copy", severity: .error, columns: ["base_price", "tax"], value: 1)]),
    Case(file: "id_column.csv", expected: [
      Expect(check: "id_column", severity: .warning, columns: ["customer_id"]),
      Expect(check: "id_column", severity: .warning, columns: ["account_key"]),
    ], absent: noLeak + ["id_predicts_label"]),
    Case(file: "row_index.csv", expected: [Expect(check: "row_index_column", severity: .warning, columns: ["row_number"])],
         absent: noLeak + ["id_column"]),
    Case(file: "conflicts.csv", expected: [
      Expect(check: "conflicting_labels", severity: .warning, columns: ["label"], value: 1233),
      Expect(check: "duplicate_rows", severity: .warning, columns: [], value: 2061),
    ], absent: noLeak),
    Case(file: "missing_leak.csv", expected: [
      Expect(check: "missing_predicts_label", severity: .error, columns: ["cancel_reason"]),
      Expect(check: "high_missing", severity: .warning, columns: ["cancel_reason"]),
    ], absent: ["no_signal", "target_copy"]),
    Case(file: "sorted.csv", expected: [Expect(check: "label_sorted", severity: .warning, columns: ["label"])], absent: noLeak),
    Case(file: "rare_class.csv", expected: [
      Expect(check: "rare_class", severity: .error, columns: ["label"], value: 7),
      Expect(check: "rare_class", severity: .warning, columns: ["label"], value: 60),
      Expect(check: "class_imbalance", severity: .warning, columns: ["label"], value: 7.0 / 1800),
    ], absent: noLeak),
    Case(file: "id_order.csv", expected: [
      Expect(check: "id_predicts_label", severity: .warning, columns: ["account_id"]),
      Expect(check: "id_column", severity: .warning, columns: ["account_id"]),
    ], absent: noLeak),
    Case(file: "id_order.csv", ids: ["account_id"],
         expected: [Expect(check: "id_predicts_label", severity: .warning, columns: ["account_id"])], absent: noLeak + ["id_column"]),
    Case(file: "no_signal.csv", expected: [Expect(check: "no_signal", severity: .warning, columns: ["label"])],
         absent: ["target_proxy", "target_copy", "missing_predicts_label", "id_predicts_label", "conflicting_labels"]),
    Case(file: "integrity.csv", expected: [
      Expect(check: "constant_column", severity: .warning, columns: ["constant"]),
      Expect(check: "all_missing_column", severity: .warning, columns: ["all_missing"]),
      Expect(check: "mixed_missing_tokens", severity: .info, columns: ["mixed_tokens"]),
      Expect(check: "mixed_types", severity: .warning, columns: ["mixed_types"], value: 0.05),
      Expect(check: "duplicate_rows", severity: .warning, columns: [], value: 16),
    ], absent: noLeak + ["high_missing"]),
  ]

  @Test(arguments: cases)
  func plantedProblemIsFlagged(_ c: Case) throws {
    let findings = try profile(c).findings
    let listing = findings.map { "\($0.severity) \($0.check) \($0.columns) \($0.value ?? .nan)" }.joined(separator: "\n")
    for e in c.expected {
      let found = findings.contains { matches($0, e) }
      #expect(found, Comment(rawValue: "missing \(e.severity) \(e.check) \(e.columns) in:\n" + listing))
    }
    for check in c.absent {
      let found = findings.contains { $0.check == check }
      #expect(!found, Comment(rawValue: "unexpected \(check) in:\n" + listing))
    }
  }

  /// The clean 60,000-row table: a feature correlated ~0.6 with the label, a date, a 200-value
  /// categorical, 10 % missing in two columns, 15 % positives. No finding may be an error.
  @Test func cleanDataHasNoError() throws {
    let p = try profile(Case(file: "clean.csv", label: "churned", expected: []))
    let found = Set(p.findings.map { "\($0.severity) \($0.check) \($0.columns.joined(separator: ","))" })
    #expect(found == ["warning high_missing age", "warning high_missing income", "warning id_column customer_id"])
    #expect(p.label?.majorityShare == 51_000.0 / 60_000)
  }

  @Test func conflictGroupsAreCountedExactly() throws {
    let p = try profile(Case(file: "conflicts.csv", expected: []))
    #expect(p.label?.conflicts == .init(groups: 150, rows: 1233, exact: true))
  }

  private func matches(_ f: Finding, _ e: Expect) -> Bool {
    guard f.check == e.check, f.severity == e.severity, f.columns == e.columns else { return false }
    guard let expected = e.value else { return true }
    guard let value = f.value else { return false }
    return abs(value - expected) < 1e-9
  }

  private func profile(_ c: Case) throws -> DatasetProfile {
    try Fixtures.profile([Fixtures.path("labels/" + c.file)]) {
      var options = LabelOptions(column: c.label)
      options.idColumns = c.ids
      $0.profile.label = options
    }
  }
}
