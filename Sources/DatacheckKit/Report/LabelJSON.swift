/// The `label` section of the profile JSON.
enum LabelJSON {
  static func value(_ l: LabelProfile) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("column", .string(l.column)), ("task", .string(l.task.rawValue)),
      ("labeled", .int(Int64(l.labeled))), ("missing", .int(Int64(l.missing))), ("coverage", .double(l.coverage)),
    ]
    if l.task == .classification {
      pairs += [
        ("classes", .array(l.classes.map { .object([("value", .string($0.value)), ("count", .int(Int64($0.count)))]) })),
        ("classes_complete", .bool(l.classesComplete)),
        ("imbalance_ratio", l.imbalanceRatio.map { .double($0) } ?? .null),
        ("majority_share", l.majorityShare.map { .double($0) } ?? .null),
      ]
    } else if let target = l.target {
      pairs.append(("target", .object(ProfileJSON.numeric(target, integral: false))))
    }
    pairs += [
      ("label_changes", .int(Int64(l.labelChanges))), ("expected_label_changes", .double(l.expectedLabelChanges)),
      ("conflicts", .object([("groups", .int(Int64(l.conflicts.groups))), ("rows", .int(Int64(l.conflicts.rows))),
                             ("exact", .bool(l.conflicts.exact))])),
      ("signals", .array(l.signals.map(signal))),
    ]
    return .object(pairs)
  }

  /// What one column says about the label; keys only for what was measured.
  static func signal(_ s: FeatureSignal) -> JSONValue {
    var pairs: [(String, JSONValue)] = [("column", .string(s.column))]
    if let a = s.ruleAccuracy { pairs += [("rule_accuracy", .double(a)), ("rule", .string(s.ruleKind ?? ""))] }
    if let r = s.correlation { pairs.append(("correlation", .double(r))) }
    if let eta = s.correlationRatio { pairs.append(("correlation_ratio", .double(eta))) }
    pairs.append(("equal_to_label", .int(Int64(s.equalToLabel))))
    if let m = s.missingness {
      pairs.append(("missingness", .object([
        ("missing_rows", .int(Int64(m.missingRows))), ("present_rows", .int(Int64(m.presentRows))),
        ("effect", .double(m.effect)), ("z", .double(m.z)),
      ])))
    }
    if let o = s.orderEffect {
      pairs.append(("order", .object([
        ("first_decile_share", .double(o.firstDecileShare)), ("last_decile_share", .double(o.lastDecileShare)),
        ("chi_square", .double(o.chiSquare)), ("df", .int(Int64(o.degreesOfFreedom))), ("cramers_v", .double(o.cramersV)),
      ])))
    }
    return .object(pairs)
  }
}
