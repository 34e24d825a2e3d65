import Foundation
import Testing
@testable import DatacheckKit

/// The worked examples of fixtures/goals/ (made by make_goal_fixtures.py) get the verdicts
/// fixtures/goals/README.md gives, row by row.
@Suite struct RequirementsTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var goal: String
    var ready: Bool
    /// Rows that must have this status (id, split or nil).
    var rows: [(id: String, status: RequirementResult.Status)]
    var testDescription: String { goal }
  }

  static let cases: [Case] = [
    Case(goal: "ready", ready: true, rows: [("min_rows", .pass), ("metric_baseline", .pass), ("metric_resolution", .pass),
                                          ("split_overlap", .pass), ("temporal_overlap", .pass), ("leakage", .pass)]),
    Case(goal: "short_of_labels", ready: false, rows: [("min_rows_per_class", .fail), ("min_rows", .pass)]),
    Case(goal: "accuracy_below_baseline", ready: false, rows: [("metric_baseline", .fail)]),
    Case(goal: "test_too_small", ready: false, rows: [("metric_resolution", .fail), ("metric_baseline", .pass)]),
    Case(goal: "copied_rows", ready: false, rows: [("split_overlap", .fail), ("group_overlap", .fail)]),
    Case(goal: "test_before_train", ready: false, rows: [("temporal_overlap", .fail), ("split_overlap", .pass)]),
  ]

  @Test(arguments: cases)
  func verdict(_ c: Case) throws {
    let v = try RequirementsPipeline(goalPath: Fixtures.path("goals/\(c.goal).yaml")).run()
    let listing = v.rows.map { "\($0.status) \($0.id) \($0.split ?? "") \($0.measured)" }.joined(separator: "\n")
    #expect(v.ready == c.ready, Comment(rawValue: listing))
    for (id, status) in c.rows {
      let found = v.rows.filter { $0.id == id }.map(\.status)
      #expect(found.contains(status), Comment(rawValue: "\(id): \(found) in\n" + listing))
    }
  }

  /// The actions are computed from the data: the class short, how many rows, how many to review.
  /// The same counts give the same divergence to the last bit, whatever order the tables keep
  /// their keys in (a dictionary's order changes with its capacity, and from process to process).
  @Test func jensenShannonDoesNotDependOnKeyOrder() {
    var rng = SplitMix(seed: 7)
    let keys = (0..<300).map { _ in rng.next() }
    var a: [UInt64: Int] = [:], b: [UInt64: Int] = [:], roomy: [UInt64: Int] = [:]
    roomy.reserveCapacity(50_000)
    for key in keys {
      a[key] = 1 + Int(rng.next() % 1_000)
      b[key] = 1 + Int(rng.next() % 1_000)
    }
    for key in keys.reversed() { roomy[key] = a[key] }
    let js = Divergence.jensenShannon(a, b)
    #expect(js > 0 && js.bitPattern == Divergence.jensenShannon(roomy, b).bitPattern)
    // Against the sum written out in key order.
    let (na, nb) = (Double(a.values.reduce(0, +)), Double(b.values.reduce(0, +)))
    var sum = 0.0
    for key in keys.sorted() {
      let p = Double(a[key]!) / na, q = Double(b[key]!) / nb, m = (p + q) / 2
      sum += 0.5 * p * log2(p / m)
      sum += 0.5 * q * log2(q / m)
    }
    #expect(js.bitPattern == sum.bitPattern)
  }

  @Test func shortClassActionIsComputed() throws {
    let v = try RequirementsPipeline(goalPath: Fixtures.path("goals/short_of_labels.yaml")).run()
    let row = try #require(v.rows.first { $0.id == "min_rows_per_class" })
    // 150 `yes` of 2,549 labeled rows: 150 more needed; at 5.9 % share about 2,549 rows to review.
    #expect(row.action.contains("label about 150 more rows of class `yes`"), "\(row.action)")
    #expect(row.action.contains("review about 2,549 unlabeled rows"), "\(row.action)")
    #expect(row.location?.line == 17)
  }

  @Test func copiedRowsAreCountedExactly() throws {
    let v = try RequirementsPipeline(goalPath: Fixtures.path("goals/copied_rows.yaml")).run()
    let overlap = try #require(v.profiles.last?.profile.overlap)
    #expect(overlap.rowsWithLabel == 60 && overlap.idRows["customer_id"] == 60 && overlap.exact)
  }

  /// One file with a `split` column profiles like the two files it was made from.
  @Test func splitColumnSelectsRows() throws {
    let v = try RequirementsPipeline(goalPath: Fixtures.path("goals/split_column.yaml")).run()
    #expect(v.ready)
    #expect(v.profiles.map(\.split) == ["train", "test"])
    #expect(v.profiles.map(\.profile.rows) == [3000, 1500])
    let files = try RequirementsPipeline(goalPath: Fixtures.path("goals/ready.yaml")).run()
    #expect(v.profiles.map { $0.profile.label?.classes.map(\.count) } == files.profiles.map { $0.profile.label?.classes.map(\.count) })
  }

  /// test_fraction splits by row hash: all rows land in exactly one split, about the fraction in test,
  /// and no row of test is a copy of a train row.
  @Test func testFractionSplitsByRowHash() throws {
    let v = try RequirementsPipeline(goalPath: Fixtures.path("goals/test_fraction.yaml")).run()
    let rows = v.profiles.map(\.profile.rows)
    #expect(rows.reduce(0, +) == 3000)
    #expect(abs(Double(rows[1]) / 3000 - 0.5) < 0.05)
    #expect(v.profiles[1].profile.overlap?.rowsWithLabel == 0)
    #expect(v.ready)
  }

  @Test func baselineOfAccuracyIsTheMajorityShare() throws {
    let v = try RequirementsPipeline(goalPath: Fixtures.path("goals/accuracy_below_baseline.yaml")).run()
    let row = try #require(v.rows.first { $0.id == "metric_baseline" })
    let share = try #require(v.profiles[0].profile.label?.majorityShare)
    #expect(row.measuredValue == share)
    #expect(row.message.contains("no better than"))
  }
}

/// The metric statistics against values worked out by hand.
@Suite struct MetricStatisticsTests {
  /// Wilson 95 % for p = 0.5, n = 100: 1.96·√(0.0025 + 0.000096)/1.0384 = 0.0961.
  @Test func wilsonHalfWidth() {
    #expect(abs(MetricStatistics.wilsonHalfWidth(p: 0.5, n: 100) - 0.09609) < 1e-4)
    #expect(MetricStatistics.wilsonHalfWidth(p: 0.9, n: 10_000) < MetricStatistics.wilsonHalfWidth(p: 0.9, n: 1_000))
  }

  /// Hanley & McNeil by hand, AUC 0.8 with 50 and 50 cases: Q1 = 0.8/1.2 = 0.6667,
  /// Q2 = 1.28/1.8 = 0.7111, variance = (0.16 + 49·0.0267 + 49·0.0711)/2500 = 0.00198, SE 0.0445.
  @Test func aucHalfWidth() {
    let w = MetricStatistics.aucHalfWidth(auc: 0.8, positives: 50, negatives: 50)
    #expect(abs(w / MetricStatistics.z95 - 0.0445) < 2e-4)
  }

  @Test func baselines() {
    let f1 = MetricStatistics.baseline(.f1, majority: 0.85, prevalence: 0.15, classes: 2, spread: nil, mad: nil)
    #expect(abs(f1!.value - 0.3 / 1.15) < 1e-12)
    #expect(MetricStatistics.baseline(.accuracy, majority: 0.85, prevalence: 0.15, classes: 2, spread: nil, mad: nil)?.value == 0.85)
    #expect(MetricStatistics.baseline(.precision, majority: 0.85, prevalence: 0.15, classes: 2, spread: nil, mad: nil)?.value == 0.15)
    #expect(MetricStatistics.baseline(.auc, majority: 0.85, prevalence: 0.15, classes: 2, spread: nil, mad: nil)?.value == 0.5)
    #expect(MetricStatistics.baseline(.rmse, majority: 0, prevalence: 0, classes: 0, spread: 3.5, mad: nil)?.value == 3.5)
  }

  /// rows needed is the first n whose width fits: the width at n fits, at n − 1 it does not.
  @Test func rowsNeeded() throws {
    let n = try #require(MetricStatistics.rowsNeeded(tolerance: 0.02) { MetricStatistics.wilsonHalfWidth(p: 0.8, n: $0) })
    #expect(MetricStatistics.wilsonHalfWidth(p: 0.8, n: n) <= 0.02)
    #expect(MetricStatistics.wilsonHalfWidth(p: 0.8, n: n - 1) > 0.02)
    #expect((1500...1560).contains(n))   // 1.96²·0.16/0.02² ≈ 1537
  }
}
