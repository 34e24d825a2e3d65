/// Turns the goal, the splits' profiles and their comparisons into the verdict's rows.
///
/// Each requirement kind has its own file (`DataRequirements`, `MetricRequirements`,
/// `SplitRequirements`, `LeakageRequirements`); this type holds what they share.
struct RequirementEvaluator {
  let goal: Goal
  let profiles: [(split: String, profile: DatasetProfile)]
  let comparisons: [SplitComparison]

  var train: DatasetProfile { profiles[0].profile }
  var label: LabelProfile? { train.label }
  /// The split the metric is measured on: `test` if there is one, else the last split.
  var evaluation: (split: String, profile: DatasetProfile)? {
    profiles.first { $0.split == "test" } ?? (profiles.count > 1 ? profiles.last : nil)
  }

  func rows() -> [RequirementResult] {
    dataRows() + classRows() + metricRows() + splitRows() + leakageRows()
  }

  func row(_ id: String, _ status: RequirementResult.Status, measured: String, value: Double? = nil, expected: String,
           _ message: String, action: String = "", key: String? = nil, split: String? = nil, columns: [String] = []) -> RequirementResult {
    RequirementResult(id: id, status: status, measured: measured, measuredValue: value, expected: expected, message: message,
                      action: status == .pass ? "" : action, location: goal.location(key ?? "requirements.\(id)"),
                      split: split, columns: columns)
  }

  /// The status a leakage finding or split overlap gets under the goal's policy.
  func policyStatus(_ severity: Severity) -> RequirementResult.Status {
    switch (goal.requirements.leakage, severity) {
    case (.ignore, _): return .info
    case (.fail, .error): return .fail
    case (_, .info): return .info
    default: return .warn
    }
  }
}

/// Number words for messages.
enum Words {
  static func rows(_ n: Int) -> String { "\(Formatting.grouped(n)) row\(n == 1 ? "" : "s")" }
  static func percent(_ x: Double) -> String { Formatting.percent(x) }
  static func number(_ x: Double) -> String { Formatting.short(x) }
}
