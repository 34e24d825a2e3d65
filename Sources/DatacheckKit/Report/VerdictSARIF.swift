/// The verdict as SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers: the
/// goal file is the artifact, and each failed or warned requirement is a result on its line.
///
/// One run; `tool.driver` is datacheck with one rule per distinct requirement id (in goal order,
/// described by the first row with that id). One result per failed or warned row, in goal
/// order: `level` `error` for a failure and `warning` for a warning (`error` under `--strict`),
/// `message.text` the message and `→ action`, located at the row's goal line and column — line 1
/// for rows the goal did not state. The artifact URI is the goal path as given, relative stays
/// relative, with characters a URI reference cannot hold percent-encoded. Passes and notes are
/// not results. Validates against the OASIS schema (Errata 01); formats and computes nothing.
public enum VerdictSARIF {
  static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

  /// The SARIF log, pretty-printed JSON ending with a newline.
  public static func render(_ v: Verdict) -> String {
    value(v).serialized() + "\n"
  }

  public static func value(_ v: Verdict) -> JSONValue {
    let ids = ruleIDs(v)
    let results = v.rows.filter { $0.status == .fail || $0.status == .warn }.map { row in
      result(row, ruleIndex: ids.firstIndex(of: row.id) ?? 0, in: v)
    }
    let driver: JSONValue = .object([
      ("name", .string("datacheck")),
      ("version", .string(ProfileJSON.version)),
      ("rules", .array(ids.map { id in rule(id, v.rows.first { $0.id == id }) })),
    ])
    return .object([
      ("$schema", .string(schemaURI)),
      ("version", .string("2.1.0")),
      ("runs", .array([.object([("tool", .object([("driver", driver)])), ("results", .array(results))])])),
    ])
  }

  /// Distinct row ids, in the order they first appear.
  private static func ruleIDs(_ v: Verdict) -> [String] {
    var seen = Set<String>()
    return v.rows.map(\.id).filter { seen.insert($0).inserted }
  }

  private static func rule(_ id: String, _ first: RequirementResult?) -> JSONValue {
    let expected = first?.expected ?? ""
    let text = expected.isEmpty ? "datacheck requirement \(id)" : "\(id): \(expected)"
    return .object([("id", .string(id)), ("shortDescription", .object([("text", .string(text))]))])
  }

  private static func result(_ r: RequirementResult, ruleIndex: Int, in v: Verdict) -> JSONValue {
    let text = r.message + (r.action.isEmpty ? "" : " → " + r.action)
    var region: [(String, JSONValue)] = [("startLine", .int(Int64(max(1, r.location?.line ?? 1))))]
    if let column = r.location?.column { region.append(("startColumn", .int(Int64(max(1, column))))) }
    let physical: JSONValue = .object([
      ("artifactLocation", .object([("uri", .string(uriReference(r.location?.path ?? v.goalPath)))])),
      ("region", .object(region)),
    ])
    var properties: [(String, JSONValue)] = [("measured", .string(r.measured)), ("expected", .string(r.expected))]
    if let split = r.split { properties.append(("split", .string(split))) }
    if !r.columns.isEmpty { properties.append(("columns", .array(r.columns.map { .string($0) }))) }
    return .object([
      ("ruleId", .string(r.id)),
      ("ruleIndex", .int(Int64(ruleIndex))),
      ("level", .string(v.isFailure(r) ? "error" : "warning")),
      ("message", .object([("text", .string(text))])),
      ("locations", .array([.object([("physicalLocation", physical)])])),
      ("properties", .object(properties)),
    ])
  }

  /// `path` as a URI reference: bytes other than unreserved characters and `/` percent-encoded
  /// (`my goal.yaml` → `my%20goal.yaml`; a `:` too, so no segment reads as a scheme).
  static func uriReference(_ path: String) -> String {
    var out = ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
           UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
           UInt8(ascii: "~"), UInt8(ascii: "/"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return out
  }
}
