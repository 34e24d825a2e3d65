/// The terminal form of a verdict: a heading with READY / NOT READY and the counts, the goal and
/// the data, then one block per failed or warned row, one line per passed row, and the notes.
///
/// Failures come first, then warnings, passes and notes (info rows), each group in goal order.
/// Blocks are word-wrapped to `width` (a word longer than a line stands alone on its line);
/// one-line rows are cut to it. ANSI colour only when `color` is set (the CLI sets it on a TTY).
/// Formats the verdict and computes nothing.
public struct VerdictTextReport {
  public var width: Int
  public var color: Bool

  public init(width: Int = 100, color: Bool = false) {
    self.width = max(40, width)
    self.color = color
  }

  /// The report, one line per `\n`, ending with a newline.
  public func render(_ v: Verdict) -> String {
    let rows = v.rowsWorstFirst
    var lines = heading(v)
    let blocks = rows.filter { $0.status == .fail || $0.status == .warn }
    if !blocks.isEmpty { lines += [""] + blocks.flatMap(block) }
    let passes = rows.filter { $0.status == .pass }
    if !passes.isEmpty { lines += [""] + passes.map(passLine) }
    let notes = rows.filter { $0.status == .info }
    if !notes.isEmpty { lines += [""] + notes.flatMap(block) }
    return lines.joined(separator: "\n") + "\n"
  }

  private func heading(_ v: Verdict) -> [String] {
    let word = paint(paint(v.headline, v.ready ? .green : .red), .bold)
    let strict = v.strict ? " (strict: warnings count as failures)" : ""
    var lines = [word + "  " + Formatting.clip(v.countsPhrase + strict, width - v.headline.count - 2)]
    let goal = v.goalText.map { "Goal (\(v.goalPath)): " + $0 } ?? "Goal: \(v.goalPath)"
    let goalLines = VerdictTextReport.wrapWords(goal, first: width, rest: width - 2)
    lines += goalLines.enumerated().map { $0.offset == 0 ? $0.element : "  " + $0.element }
    for (split, p) in v.profiles {
      let data = "Data (\(split)): " + p.sources.map(\.path).joined(separator: ", ")
        + ", \(Formatting.grouped(p.rows)) rows × \(p.columns.count) columns"
      lines.append(paint(Formatting.clip(VerdictTextReport.plain(data), width), .dim))
    }
    return lines
  }

  /// A failed, warned or info row: the id with its split and goal line, what was measured
  /// against what was expected, the message, and `→ action`.
  private func block(_ row: RequirementResult) -> [String] {
    let context = ([row.split].compactMap { $0 } + row.columns.prefix(2).map { "`\($0)`" }).joined(separator: ", ")
    var head = row.id + (context.isEmpty ? "" : " (\(context))")
    if let at = row.location { head += " — \(at.path):\(at.line):\(at.column)" }
    let measured = "measured " + row.measured + (row.expected.isEmpty ? "" : ", expected " + row.expected)
    let indent = String(repeating: " ", count: VerdictTextReport.markWidth)
    var lines = indented(head, first: mark(row.status), rest: indent)
    lines += indented(measured, first: indent, rest: indent)
    lines += indented(row.message, first: indent, rest: indent)
    if !row.action.isEmpty { lines += indented("→ " + row.action, first: indent, rest: indent + "  ") }
    return lines
  }

  /// A passed row on one line, cut to the width.
  private func passLine(_ row: RequirementResult) -> String {
    let context = ([row.split].compactMap { $0 } + row.columns.prefix(2).map { "`\($0)`" }).joined(separator: ", ")
    let text = "\(row.id)\(context.isEmpty ? "" : " (\(context))"): \(row.measured)" + (row.expected.isEmpty ? "" : " (expected \(row.expected))")
    return mark(.pass) + Formatting.clip(VerdictTextReport.plain(text).replacingOccurrences(of: "\n", with: " "),
                                         width - VerdictTextReport.markWidth)
  }

  /// `text` wrapped after `first` (a mark, possibly coloured, or spaces) and then after `rest`.
  private func indented(_ text: String, first: String, rest: String) -> [String] {
    let lines = VerdictTextReport.wrapWords(text, first: width - VerdictTextReport.markWidth, rest: width - rest.count)
    return lines.enumerated().map { ($0.offset == 0 ? first : rest) + $0.element }
  }

  /// Columns taken on screen by a status mark (`✗ FAIL  `).
  static let markWidth = 8

  private func mark(_ status: RequirementResult.Status) -> String {
    switch status {
    case .fail: return paint("✗ FAIL", .red) + "  "
    case .warn: return paint("! WARN", .yellow) + "  "
    case .pass: return paint("✓ pass", .green) + "  "
    case .info: return paint("· info", .dim) + "  "
    }
  }

  /// Splits `text` into lines of at most `first` columns (the first line) and `rest` columns
  /// (the others), breaking at spaces and at newlines. A word longer than a line stands alone.
  /// Control characters are dropped first (a tab becomes a space, `\r\n` and `\r` a newline).
  static func wrapWords(_ text: String, first: Int, rest: Int) -> [String] {
    var lines: [String] = []
    for paragraph in plain(text).split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      for word in paragraph.split(separator: " ") {
        let limit = lines.isEmpty ? first : rest
        if !line.isEmpty && line.count + 1 + word.count > limit {
          lines.append(line)
          line = ""
        }
        line += (line.isEmpty ? "" : " ") + word
      }
      lines.append(line)
    }
    return lines
  }

  /// `s` safe for a terminal: line breaks as `\n`, a tab as a space, other control characters
  /// (escape sequences included) removed.
  static func plain(_ s: String) -> String {
    var out = ""
    for scalar in s.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
      switch scalar.value {
      case 0x0A: out.unicodeScalars.append(scalar)
      case 0x09: out += " "
      case 0x0D: out += "\n"
      case 0..<0x20, 0x7F..<0xA0: break
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  // MARK: - colour

  enum Style: String { case bold = "1", dim = "2", yellow = "33", red = "31", green = "32" }

  func paint(_ s: String, _ style: Style) -> String { color ? "\u{1B}[\(style.rawValue)m\(s)\u{1B}[0m" : s }
}

// MARK: - Shared by the verdict renderers (ordering and wording, no statistics)

extension Verdict {
  /// The rows worst first — fail, warn, pass, info — keeping goal order within a status.
  var rowsWorstFirst: [RequirementResult] {
    rows.enumerated().sorted { ($0.element.status, $0.offset) < ($1.element.status, $1.offset) }.map(\.element)
  }

  /// Whether CI formats report `row` as failed: it failed, or it warned under `--strict`.
  func isFailure(_ row: RequirementResult) -> Bool { row.status == .fail || (strict && row.status == .warn) }

  /// `READY` or `NOT READY`.
  var headline: String { ready ? "READY" : "NOT READY" }

  /// `2 failed · 1 warning · 5 passed · 1 note`, leaving out zero counts but for `passed`.
  var countsPhrase: String {
    let parts = [(count(.fail), "failed", "failed"), (count(.warn), "warning", "warnings"),
                 (count(.pass), "passed", "passed"), (count(.info), "note", "notes")]
    return parts.filter { $0.0 > 0 || $0.1 == "passed" }
      .map { "\($0.0) \($0.0 == 1 ? $0.1 : $0.2)" }.joined(separator: " · ")
  }
}
