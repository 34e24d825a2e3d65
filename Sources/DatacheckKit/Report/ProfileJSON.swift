/// The profile as SPEC's `datacheck.profile/1` JSON.
public enum ProfileJSON {
  public static let version = "0.1.0"

  public static func render(_ p: DatasetProfile) -> String {
    value(p).serialized() + "\n"
  }

  public static func value(_ p: DatasetProfile) -> JSONValue {
    .object([
      ("schema", .string(DatasetProfile.schema)),
      ("datacheck_version", .string(version)),
      ("sources", .array(p.sources.map(source))),
      ("rows", .int(Int64(p.rows))),
      ("columns", .array(p.columns.map(column))),
      ("duplicate_rows", .int(Int64(p.duplicateRows))),
      ("duplicate_rows_exact", .bool(p.duplicateRowsExact)),
    ] + (p.label.map { [("label", LabelJSON.value($0))] } ?? []) + [
      ("findings", .array(p.findings.map(finding))),
      ("problems", .array(p.problems.map(problem))),
    ])
  }

  static func finding(_ f: Finding) -> JSONValue {
    .object([
      ("check", .string(f.check)), ("severity", .string(f.severity.rawValue)),
      ("columns", .array(f.columns.map { .string($0) })), ("message", .string(f.message)),
      ("value", f.value.map { .double($0) } ?? .null), ("threshold", f.threshold.map { .double($0) } ?? .null),
      ("action", .string(f.action)),
    ])
  }

  static func source(_ s: SourceInfo) -> JSONValue {
    .object([
      ("path", .string(s.path)), ("format", .string(s.format)), ("compression", .string(s.compression)),
      ("bytes", .int(Int64(s.bytes))), ("fingerprint", .string(s.fingerprint)), ("delimiter", .string(s.delimiter)),
    ])
  }

  static func column(_ c: ColumnProfile) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("name", .string(c.name)), ("index", .int(Int64(c.index))), ("type", .string(c.type.rawValue)),
      ("missing", .int(Int64(c.missing))), ("missing_ratio", .double(c.missingRatio)),
      ("missing_tokens", .object(c.missingTokens.map { ($0.value, .int(Int64($0.count))) })),
      ("distinct", .int(Int64(c.distinct))), ("distinct_exact", .bool(c.distinctExact)),
    ]
    if let n = c.numeric {
      pairs += numeric(n, integral: c.type == .integer)
    } else if let min = c.temporalMin, let max = c.temporalMax {
      pairs += [("min", .string(min)), ("max", .string(max))]
    }
    pairs += [
      ("top_values", .array(c.topValues.map { .object([("value", .string($0.value)), ("count", .int(Int64($0.count)))]) })),
      ("top_values_exact", .bool(c.topValuesExact)),
      ("length", c.length.map { .object([("min", .int(Int64($0.min))), ("max", .int(Int64($0.max))), ("mean", .double($0.mean))]) } ?? .null),
    ]
    if c.absent > 0 { pairs.append(("absent", .int(Int64(c.absent)))) }
    return .object(pairs)
  }

  /// min, max, mean, std and quantiles of a numeric column (or a numeric target).
  static func numeric(_ n: ColumnProfile.Numeric, integral: Bool) -> [(String, JSONValue)] {
    [
      ("min", n.integerMin.map { .int($0) } ?? .double(n.min)),
      ("max", n.integerMax.map { .int($0) } ?? .double(n.max)),
      ("mean", .double(n.mean)), ("std", n.std.map { .double($0) } ?? .null),
      ("quantiles", .object(n.quantiles.map { ($0.name, number($0.value, integral: integral)) })),
      ("quantiles_exact", .bool(n.quantilesExact)),
    ]
  }

  static func problem(_ p: Problem) -> JSONValue {
    let first: [JSONValue] = p.first.map { location in
      var pairs: [(String, JSONValue)] = [("path", .string(location.path))]
      if let line = location.line { pairs.append(("line", .int(Int64(line)))) }
      if let column = location.column { pairs.append(("column", .int(Int64(column)))) }
      return .object(pairs)
    }
    var pairs: [(String, JSONValue)] = [("kind", .string(p.kind.rawValue)), ("count", .int(Int64(p.count))), ("first", .array(first))]
    if let detail = p.detail { pairs.append(("detail", .string(detail))) }
    return .object(pairs)
  }

  /// A value of an integer column prints as an integer when it is one exactly.
  static func number(_ d: Double, integral: Bool) -> JSONValue {
    integral && d == d.rounded() && abs(d) < 9.0e15 ? .int(Int64(d)) : .double(d)
  }
}
