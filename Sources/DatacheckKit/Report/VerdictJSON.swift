/// The verdict as SPEC's `datacheck.verdict/1` JSON.
///
/// ```json
/// {"schema": "datacheck.verdict/1", "datacheck_version": "0.1.0",
///  "goal": {"path": "goal.yaml", "text": "…"}, "ready": false, "strict": false,
///  "summary": {"pass": 5, "warn": 1, "fail": 2, "info": 1},
///  "checks": [{"id": "min_rows", "status": "fail", "measured": "412 rows", "measured_value": 412.0,
///              "expected": "≥ 10,000 rows", "message": "…", "action": "…", "split": "train",
///              "columns": [], "location": {"path": "goal.yaml", "line": 12, "column": 3,
///                                          "key": "requirements.min_rows"}}],
///  "profile": {…}, "profiles": {"train": {…}, "test": {…}}}
/// ```
///
/// `checks` keep the verdict's row order (the order the goal states them); `status` says which
/// failed. `measured_value`, `goal.text`, `split` and `location` are `null` when absent. `profile`
/// is the first split's profile (`null` when there is none), `profiles` every split's, by name.
/// Fields may be added; none may be renamed or removed without a new schema number.
public enum VerdictJSON {
  /// The JSON text, pretty-printed, ending with a newline.
  public static func render(_ v: Verdict) -> String {
    value(v).serialized() + "\n"
  }

  public static func value(_ v: Verdict) -> JSONValue {
    .object([
      ("schema", .string(Verdict.schema)),
      ("datacheck_version", .string(ProfileJSON.version)),
      ("goal", .object([("path", .string(v.goalPath)), ("text", v.goalText.map { .string($0) } ?? .null)])),
      ("ready", .bool(v.ready)),
      ("strict", .bool(v.strict)),
      ("summary", .object([
        ("pass", .int(Int64(v.count(.pass)))), ("warn", .int(Int64(v.count(.warn)))),
        ("fail", .int(Int64(v.count(.fail)))), ("info", .int(Int64(v.count(.info)))),
      ])),
      ("checks", .array(v.rows.map(check))),
      ("profile", v.profiles.first.map { ProfileJSON.value($0.profile) } ?? .null),
      ("profiles", .object(v.profiles.map { ($0.split, ProfileJSON.value($0.profile)) })),
    ])
  }

  static func check(_ r: RequirementResult) -> JSONValue {
    .object([
      ("id", .string(r.id)), ("status", .string(r.status.rawValue)),
      ("measured", .string(r.measured)), ("measured_value", r.measuredValue.map { .double($0) } ?? .null),
      ("expected", .string(r.expected)), ("message", .string(r.message)), ("action", .string(r.action)),
      ("split", r.split.map { .string($0) } ?? .null),
      ("columns", .array(r.columns.map { .string($0) })),
      ("location", r.location.map(location) ?? .null),
    ])
  }

  static func location(_ l: GoalLocation) -> JSONValue {
    .object([
      ("path", .string(l.path)), ("line", .int(Int64(l.line))), ("column", .int(Int64(l.column))),
      ("key", .string(l.keyPath)),
    ])
  }
}
