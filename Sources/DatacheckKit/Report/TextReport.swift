/// The terminal summary of a profile: a heading, one line per column, then the problems.
///
/// Lines are cut to `width`; ANSI colour only when `color` is set (the CLI sets it on a TTY).
public struct TextReport {
  public var width: Int
  public var color: Bool

  public init(width: Int = 100, color: Bool = false) {
    self.width = max(60, width)
    self.color = color
  }

  public func render(_ p: DatasetProfile) -> String {
    var lines = [heading(p), ""]
    lines += columnTable(p)
    if let label = p.label { lines += [""] + labelSection(label) }
    if !p.findings.isEmpty { lines += [""] + findingLines(p.findings) }
    if !p.problems.isEmpty {
      lines += ["", paint("Problems", .bold)]
      lines += p.problems.map(problemLine)
    }
    // Column lines are sized to the width already, finding lines wrapped; the heading and
    // problem lines are cut (colour codes take no room on screen, so they are left alone).
    return lines.map { color ? $0 : Formatting.clip($0, width) }.joined(separator: "\n") + "\n"
  }

  private func heading(_ p: DatasetProfile) -> String {
    let names = p.sources.map(\.path).joined(separator: ", ")
    let bytes = p.sources.reduce(0) { $0 + $1.bytes }
    let duplicates = (p.duplicateRowsExact ? "" : "~") + Formatting.grouped(p.duplicateRows)
    return paint(names, .bold) + ": \(Formatting.grouped(p.rows)) rows × \(p.columns.count) columns, "
      + "\(Formatting.bytes(bytes)), \(duplicates) duplicate rows"
  }

  private func columnTable(_ p: DatasetProfile) -> [String] {
    let nameWidth = min(24, max(6, p.columns.map(\.name.count).max() ?? 6))
    let head = Formatting.pad("column", nameWidth) + "  " + Formatting.pad("type", 8) + "  "
      + Formatting.pad("missing", 7, right: true) + "  " + Formatting.pad("distinct", 9, right: true) + "  summary"
    let rest = max(10, width - (nameWidth + 2 + 8 + 2 + 7 + 2 + 9 + 2))
    return [paint(head, .dim)] + p.columns.map { c in
      let missing = Formatting.pad(Formatting.percent(c.missingRatio), 7, right: true)
      let distinct = Formatting.pad((c.distinctExact ? "" : "~") + Formatting.grouped(c.distinct), 9, right: true)
      return Formatting.pad(Formatting.clip(c.name, nameWidth), nameWidth) + "  " + Formatting.pad(c.type.rawValue, 8)
        + "  " + (c.missing > 0 ? paint(missing, .yellow) : missing) + "  " + distinct + "  "
        + Formatting.clip(summary(c), rest)
    }
  }

  private func summary(_ c: ColumnProfile) -> String {
    if let n = c.numeric {
      return "min \(Formatting.short(n.min)) · mean \(Formatting.short(n.mean)) · max \(Formatting.short(n.max))"
    }
    if let min = c.temporalMin, let max = c.temporalMax { return "\(min) … \(max)" }
    guard let top = c.topValues.first else {
      return c.type == .empty ? "no values" : c.topValuesExact ? "" : Formatting.noFrequentValue
    }
    let share = Double(top.count) / Double(max(1, c.kinds.values.reduce(0, +)))
    return "top \"\(Formatting.visible(top.value))\" (\(Formatting.percent(share)))"
  }

  private func labelSection(_ l: LabelProfile) -> [String] {
    var lines = [paint("Label", .bold) + " \(l.column) (\(l.task.rawValue)): \(Formatting.grouped(l.labeled)) labeled, "
      + "\(Formatting.grouped(l.missing)) missing (coverage \(Formatting.percent(l.coverage)))"]
    if l.task == .classification {
      let shown = l.classes.prefix(8).map { "\(Formatting.visible($0.value)) \(Formatting.grouped($0.count)) (\(Formatting.percent(Double($0.count) / Double(max(1, l.labeled)))))" }
      lines.append("  classes: " + shown.joined(separator: " · ") + (l.classes.count > 8 ? " · … \(l.classes.count) in all" : ""))
      if let ratio = l.imbalanceRatio, let share = l.majorityShare {
        lines.append("  majority baseline \(Formatting.percent(share)) · imbalance \(Formatting.short(ratio)):1")
      }
    } else if let t = l.target {
      lines.append("  target: min \(Formatting.short(t.min)) · mean \(Formatting.short(t.mean)) · max \(Formatting.short(t.max))"
        + (t.std.map { " · std \(Formatting.short($0))" } ?? ""))
    }
    return lines
  }

  private func findingLines(_ findings: [Finding]) -> [String] {
    var lines: [String] = []
    for severity in Severity.allCases {
      let group = findings.filter { $0.severity == severity }
      guard !group.isEmpty else { continue }
      let style: Style = severity == .error ? .red : severity == .warning ? .yellow : .dim
      lines.append(paint("\(severity == .error ? "Errors" : severity == .warning ? "Warnings" : "Notes") (\(group.count))", .bold))
      for f in group {
        lines += wrap(f.message, first: "  " + paint(f.check, style) + ": ", firstWidth: 4 + f.check.count, rest: "      ")
        lines += wrap(f.action, first: "    → ", firstWidth: 6, rest: "      ")
      }
    }
    return lines
  }

  /// Word-wraps `text` to the width: the first line after `first` (which takes `firstWidth`
  /// columns on screen), the next ones after `rest`.
  private func wrap(_ text: String, first: String, firstWidth: Int, rest: String) -> [String] {
    var lines: [String] = []
    var line = first
    var used = firstWidth
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      if used + 1 + word.count > width && used > rest.count {
        lines.append(line)
        line = rest
        used = rest.count
      } else if line != first && line != rest {
        line += " "
        used += 1
      }
      line += word
      used += word.count
    }
    return lines + [line]
  }

  private func problemLine(_ problem: Problem) -> String {
    let place = problem.first.first.map { " — first at \($0)" } ?? ""
    let detail = problem.detail.map { " (\($0))" } ?? ""
    return "  " + paint(problem.kind.rawValue, .yellow) + " ×\(Formatting.grouped(problem.count))\(place)\(detail)"
  }

  // MARK: - colour

  enum Style: String { case bold = "1", dim = "2", yellow = "33", red = "31", green = "32" }

  func paint(_ s: String, _ style: Style) -> String { color ? "\u{1B}[\(style.rawValue)m\(s)\u{1B}[0m" : s }
}
