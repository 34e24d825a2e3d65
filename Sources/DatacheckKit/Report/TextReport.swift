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
    if !p.problems.isEmpty {
      lines += ["", paint("Problems", .bold)]
      lines += p.problems.map(problemLine)
    }
    // Column lines are sized to the width already; colour codes take no room on screen.
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
    guard let top = c.topValues.first else { return c.type == .empty ? "no values" : "" }
    let share = Double(top.count) / Double(max(1, c.kinds.values.reduce(0, +)))
    return "top \"\(Formatting.visible(top.value))\" (\(Formatting.percent(share)))"
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
