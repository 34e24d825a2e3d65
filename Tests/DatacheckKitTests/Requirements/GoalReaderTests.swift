import Foundation
import Testing
@testable import DatacheckKit

/// goal.yaml: a valid goal reads whole; every mistake is an error at its line, column and key path.
@Suite struct GoalReaderTests {
  @Test func sampleGoalReads() throws {
    let goal = try GoalReader.load(path: Fixtures.path("goals/ready.yaml"))
    #expect(goal.target.column == "churned")
    #expect(goal.target.classes == ["yes", "no"])
    #expect(goal.metric?.name == .f1 && goal.metric?.target == 0.6 && goal.metric?.tolerance == 0.06)
    #expect(goal.requirements.minRows == 2000)
    #expect(goal.requirements.maxMissingDefault == 0.2)
    #expect(goal.requirements.maxMissingColumns.map(\.column) == ["age"])
    #expect(goal.requirements.columnTypes.map(\.type) == [.integer, .date])
    #expect(goal.requirements.leakage == .fail)
    #expect(goal.location("requirements.min_rows") == GoalLocation(path: Fixtures.path("goals/ready.yaml"), line: 15, column: 3, keyPath: "requirements.min_rows"))
    #expect(goal.location("requirements.max_missing.columns.age")?.line == 18)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var yaml: String
    var code: InputError.Code
    var line: Int
    var column: Int
    var says: String
    var testDescription: String { says }
  }

  static let base = "version: 1\ntarget:\n  column: y\n"

  @Test(arguments: [
    Case(yaml: base + "requirements:\n  min_rowz: 5\n", code: .goalUnknownKey, line: 5, column: 3, says: "did you mean `min_rows`?"),
    Case(yaml: base + "requirements:\n  max_missing:\n    columns:\n      income: 1.5\n", code: .goalBadValue, line: 7, column: 15,
         says: "(requirements.max_missing.columns.income)"),
    Case(yaml: base + "requirements:\n  min_rows: many\n", code: .goalWrongType, line: 5, column: 13, says: "expected a whole number"),
    Case(yaml: base + "metric:\n  name: f2\n  target: 0.8\n", code: .goalBadValue, line: 5, column: 9, says: "`f2` is not one of"),
    Case(yaml: base + "metric:\n  name: f1\n  target: 80\n", code: .goalBadValue, line: 6, column: 11, says: "between 0 and 1"),
    Case(yaml: "target:\n  column: y\n", code: .goalMissingKey, line: 1, column: 1, says: "`version: 1`"),
    Case(yaml: "version: 2\ntarget:\n  column: y\n", code: .goalUnsupportedVersion, line: 1, column: 10, says: "version 2 is not supported"),
    Case(yaml: "version: 1\n", code: .goalMissingKey, line: 1, column: 1, says: "`target` is required"),
    Case(yaml: base + "requirements: [1, 2\n", code: .goalInvalidYAML, line: 5, column: 1, says: "not valid YAML"),
    Case(yaml: base + "requirements:\n  leakage: maybe\n", code: .goalBadValue, line: 5, column: 12, says: "one of fail, warn, ignore"),
    Case(yaml: base + "data:\n  test: t.csv\n  test_fraction: 0.2\n", code: .goalBadValue, line: 5, column: 9, says: "not several"),
  ])
  func mistakeIsLocated(_ c: Case) throws {
    let error = try #require(throws: InputError.self) { try GoalReader.parse(c.yaml, path: "goal.yaml") }
    #expect(error.code == c.code)
    #expect(error.location.line == c.line && error.location.column == c.column, "\(error)")
    #expect(error.message.contains(c.says), "\(error)")
  }
}
