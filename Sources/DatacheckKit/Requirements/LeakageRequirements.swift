/// The leakage policy applied to the checks' findings: `fail` makes error findings fail the
/// verdict (warnings warn), `warn` makes them warnings, `ignore` keeps them as information.
extension RequirementEvaluator {
  /// The checks SPEC puts under the leakage policy (the split overlaps are rows of their own).
  static let leakageChecks: Set<String> = ["target_proxy", "target_copy", "id_predicts_label", "missing_predicts_label"]

  func leakageRows() -> [RequirementResult] {
    var out: [RequirementResult] = []
    for (split, profile) in profiles {
      for f in profile.findings where RequirementEvaluator.leakageChecks.contains(f.check) {
        out.append(row("leakage.\(f.check)", policyStatus(f.severity), measured: f.value.map(Words.number) ?? "found",
                       value: f.value, expected: f.threshold.map { "below \(Words.number($0))" } ?? "none",
                       f.message, action: f.action, key: "requirements.leakage", split: split, columns: f.columns))
      }
    }
    if out.isEmpty {
      out.append(row("leakage", .pass, measured: "no leakage finding", expected: "none",
                     "no column copies, proxies or reveals the label", key: "requirements.leakage"))
    }
    return out
  }
}
