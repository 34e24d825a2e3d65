/// The verdict as GitHub-flavoured Markdown, fit for `$GITHUB_STEP_SUMMARY` or a PR comment:
/// a heading with ✅ / ❌ and the verdict, the counts, the goal and the data, then one table of
/// every row, failures first, then warnings, passes and notes (each group in goal order).
///
/// Table cells are escaped (`|`, `<`, line breaks), so any message keeps the table intact.
/// Formats the verdict and computes nothing.
public enum VerdictMarkdown {
  /// The Markdown text, ending with a newline.
  public static func render(_ v: Verdict) -> String {
    var out = "## \(v.ready ? "✅" : "❌") datacheck: \(v.headline)\n\n"
    out += "**\(v.countsPhrase)** — goal \(code(v.goalPath))"
    out += v.strict ? " (strict: warnings count as failures).\n\n" : ".\n\n"
    if let text = v.goalText {
      out += text.split(separator: "\n", omittingEmptySubsequences: false).map { "> \($0)" }.joined(separator: "\n") + "\n\n"
    }
    if !v.profiles.isEmpty { out += dataLine(v) + "\n\n" }
    out += "| status | requirement | measured | expected | finding | what to do |\n"
    out += "|---|---|---|---|---|---|\n"
    for row in v.rowsWorstFirst { out += tableRow(row) }
    return out
  }

  /// `Data: **train** `a.csv` (40 rows × 7 columns) · **test** …`.
  private static func dataLine(_ v: Verdict) -> String {
    "Data: " + v.profiles.map { split, p in
      "**\(cell(split))** " + p.sources.map { code($0.path) }.joined(separator: ", ")
        + " (\(Formatting.grouped(p.rows)) rows × \(p.columns.count) columns)"
    }.joined(separator: " · ")
  }

  private static func tableRow(_ r: RequirementResult) -> String {
    var requirement = code(r.id)
    if let split = r.split { requirement += " · \(cell(split))" }
    if let at = r.location { requirement += " · " + code("\(at.path):\(at.line)") }
    let cells = [status(r.status), requirement, cell(r.measured), cell(r.expected), cell(r.message), cell(r.action)]
    return "| " + cells.joined(separator: " | ") + " |\n"
  }

  private static func status(_ s: RequirementResult.Status) -> String {
    switch s {
    case .fail: return "❌ fail"
    case .warn: return "⚠️ warn"
    case .pass: return "✅ pass"
    case .info: return "ℹ️ info"
    }
  }

  /// Text made safe for a table cell: pipes escaped, `<` as an entity, line breaks as `<br>`,
  /// control characters dropped (a tab becomes a space).
  static func cell(_ s: String) -> String {
    VerdictTextReport.plain(s).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: "\n", with: "<br>")
  }

  /// A code span (`` `goal.yaml` ``; pipes escaped, line breaks as spaces), or escaped plain text
  /// when `s` holds a backtick.
  static func code(_ s: String) -> String {
    guard !s.contains("`") else { return cell(s) }
    let flat = VerdictTextReport.plain(s).replacingOccurrences(of: "\n", with: " ")
    return "`" + flat.replacingOccurrences(of: "|", with: "\\|") + "`"
  }
}
