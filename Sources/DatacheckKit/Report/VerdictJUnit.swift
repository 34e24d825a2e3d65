/// The verdict as JUnit XML, valid against Jenkins' `junit-10.xsd` (the one in `shared/schemas`),
/// for CI test-report views (GitLab, Jenkins, `mikepenz/action-junit-report`, …).
///
/// ```xml
/// <testsuites name="datacheck" tests="8" failures="2" errors="0">
///   <testsuite name="datacheck requirements" tests="8" failures="2" errors="0" skipped="0" file="goal.yaml">
///     <properties>…goal, ready, strict…</properties>
///     <testcase classname="datacheck.train" name="min_rows">
///       <failure message="…" type="min_rows">measured, expected, action, location</failure>
///     </testcase>
/// ```
///
/// One `testcase` per row, in goal order; `classname` is `datacheck.<split>`, or
/// `datacheck.dataset` for rows about no split. A failed row is a `failure`; a warned row is a
/// `failure` under `--strict` and otherwise passes with the warning in `system-out`; a note passes
/// with its message in `system-out`; a pass is an empty testcase. No `time` attributes: nothing
/// was timed. Text is escaped for XML 1.0: characters XML cannot hold (controls other than tab,
/// line feed and carriage return; U+FFFE, U+FFFF) are removed. Formats and computes nothing.
public enum VerdictJUnit {
  /// The XML document, with its declaration, ending with a newline.
  public static func render(_ v: Verdict) -> String {
    let tests = v.rows.count
    let failures = v.rows.filter(v.isFailure).count
    let counts = "tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\""
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"datacheck\" \(counts)>\n"
    out += "  <testsuite name=\"datacheck requirements\" \(counts) skipped=\"0\" file=\"\(attribute(v.goalPath))\">\n"
    out += properties(v)
    for row in v.rows { out += testcase(row, in: v) }
    out += "  </testsuite>\n</testsuites>\n"
    return out
  }

  private static func properties(_ v: Verdict) -> String {
    var pairs = [("goal", v.goalPath)]
    if let text = v.goalText { pairs.append(("goal_text", text)) }
    pairs += [("ready", String(v.ready)), ("strict", String(v.strict))]
    let lines = pairs.map { "      <property name=\"\($0.0)\" value=\"\(attribute($0.1))\"/>\n" }
    return "    <properties>\n" + lines.joined() + "    </properties>\n"
  }

  private static func testcase(_ r: RequirementResult, in v: Verdict) -> String {
    let open = "    <testcase classname=\"\(attribute("datacheck." + (r.split ?? "dataset")))\" name=\"\(attribute(r.id))\""
    if v.isFailure(r) {
      let message = r.status == .warn ? "warning (strict): " + r.message : r.message
      return open + ">\n      <failure message=\"\(attribute(message))\" type=\"\(attribute(r.id))\">"
        + text(details(r)) + "</failure>\n    </testcase>\n"
    }
    switch r.status {
    case .warn, .info:
      let lead = r.status == .warn ? "warning: " : "note: "
      return open + ">\n      <system-out>" + text(lead + r.message + "\n" + details(r)) + "</system-out>\n    </testcase>\n"
    case .pass, .fail:
      return open + "/>\n"
    }
  }

  /// The failure body: one `name: value` line each for what was measured, expected and asked.
  private static func details(_ r: RequirementResult) -> String {
    var lines = ["measured: \(r.measured)"]
    if !r.expected.isEmpty { lines.append("expected: \(r.expected)") }
    if !r.action.isEmpty { lines.append("action: \(r.action)") }
    if !r.columns.isEmpty { lines.append("columns: " + r.columns.joined(separator: ", ")) }
    if let at = r.location { lines.append("location: \(at)") }
    return lines.joined(separator: "\n")
  }

  // MARK: - escaping

  /// Character data: `&`, `<`, `>` as entities, `\r` as `&#13;` (parsers would turn it into `\n`),
  /// characters XML 1.0 cannot hold removed.
  static func text(_ s: String) -> String { escape(s, attribute: false) }

  /// An attribute value: as `text`, plus `"`, and tab and line breaks as character references
  /// (parsers would turn them into spaces).
  static func attribute(_ s: String) -> String { escape(s, attribute: true) }

  private static func escape(_ s: String, attribute: Bool) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where attribute: out += "&quot;"
      case "\r": out += "&#13;"
      case "\n" where attribute: out += "&#10;"
      case "\t" where attribute: out += "&#9;"
      case "\n", "\t": out.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: break
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
