import Foundation
import Testing
@testable import DatacheckKit

/// Each fixture's profile equals its known answer in fixtures/expected/ (computed by hand and by
/// fixtures/expected/compute_expected.py, independently of datacheck).
@Suite struct FixtureProfileTests {
  @Test(arguments: Fixtures.profiled)
  func profileMatchesKnownAnswer(fixture: String) throws {
    let expectedName = fixture.replacingOccurrences(of: "bad/", with: "bad_") + ".json"
    let expectedData = try Data(contentsOf: Fixtures.root.appendingPathComponent("expected/\(expectedName)"))
    let expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])
    let profile = try Fixtures.profile([Fixtures.path(fixture)])
    let actual = try #require(try JSONSerialization.jsonObject(with: Data(ProfileJSON.render(profile).utf8)) as? [String: Any])
    var mismatches: [String] = []
    compare(expected["rows"], actual["rows"], "rows", &mismatches)
    compare(expected["duplicate_rows"], actual["duplicate_rows"], "duplicate_rows", &mismatches)
    compareProblems(expected["problems"] as? [[String: Any]] ?? [], actual["problems"] as? [[String: Any]] ?? [], &mismatches)
    let expectedColumns = expected["columns"] as? [[String: Any]] ?? []
    let actualColumns = actual["columns"] as? [[String: Any]] ?? []
    #expect(expectedColumns.count == actualColumns.count, "column count")
    for (e, a) in zip(expectedColumns, actualColumns) {
      for (key, value) in e { compare(value, a[key], "\(e["name"] ?? "?").\(key)", &mismatches) }
    }
    #expect(mismatches.isEmpty, Comment(rawValue: "\(fixture):\n" + mismatches.joined(separator: "\n")))
  }

  /// Problems are compared by kind, count and the lines of their first occurrences.
  private func compareProblems(_ expected: [[String: Any]], _ actual: [[String: Any]], _ out: inout [String]) {
    let actualKinds = actual.map { $0["kind"] as? String ?? "" }
    let expectedKinds = expected.map { $0["kind"] as? String ?? "" }
    if actualKinds != expectedKinds { out.append("problems: expected \(expectedKinds), got \(actualKinds)"); return }
    for (e, a) in zip(expected, actual) {
      compare(e["count"], a["count"], "problems.\(e["kind"]!).count", &out)
      if let lines = e["lines"] {
        let actualLines = (a["first"] as? [[String: Any]] ?? []).map { $0["line"] ?? NSNull() }
        compare(lines, actualLines, "problems.\(e["kind"]!).lines", &out)
      }
    }
  }

  private func compare(_ expected: Any?, _ actual: Any?, _ path: String, _ out: inout [String]) {
    JSONCompare.compare(expected, actual, path, &out)
  }
}
