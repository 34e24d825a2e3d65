/// The verdict as GitHub Actions workflow commands: annotations on the goal file, then a summary.
///
/// ```
/// ::error file=goal.yaml,line=12,col=3,title=datacheck min_rows::Only 412 rows → Collect more rows
/// ::warning file=goal.yaml,title=datacheck metric_fit::Accuracy rewards the majority → Use F1
/// ::notice::datacheck NOT READY: 1 failed · 1 warning · 5 passed (goal.yaml)
/// ```
///
/// One line per failed or warned row, in goal order: `::error` for a failure, `::warning` for a
/// warning (`::error` under `--strict`). `file` is the row's goal path; `line` and `col` are
/// given only when the goal stated the row (else the annotation is on the file). The message is
/// the row's message and `→ action`. Escaping follows GitHub's toolkit (`@actions/core`): in the
/// message `%` → `%25`, `\r` → `%0D`, `\n` → `%0A`; in property values also `:` → `%3A` and
/// `,` → `%2C`. The last line is a `::notice::` with the verdict and the counts. Passes and notes
/// get no line. Formats and computes nothing.
public enum VerdictGitHub {
  /// The workflow commands, one per line, ending with a newline.
  public static func render(_ v: Verdict) -> String {
    var lines = v.rows.filter { $0.status == .fail || $0.status == .warn }.map { annotation($0, in: v) }
    let strict = v.strict ? ", strict" : ""
    lines.append("::notice::" + message("datacheck \(v.headline): \(v.countsPhrase) (\(v.goalPath)\(strict))"))
    return lines.joined(separator: "\n") + "\n"
  }

  private static func annotation(_ r: RequirementResult, in v: Verdict) -> String {
    var properties = [("file", r.location?.path ?? v.goalPath)]
    if let at = r.location { properties += [("line", String(at.line)), ("col", String(at.column))] }
    properties.append(("title", "datacheck \(r.id)"))
    let list = properties.map { "\($0.0)=\(property($0.1))" }.joined(separator: ",")
    let text = r.message + (r.action.isEmpty ? "" : " → " + r.action)
    return "::\(v.isFailure(r) ? "error" : "warning") \(list)::\(message(text))"
  }

  /// A command's data: `%`, `\r`, `\n` percent-encoded.
  static func message(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A property value: as `message`, plus `:` → `%3A` and `,` → `%2C`.
  static func property(_ s: String) -> String {
    message(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
