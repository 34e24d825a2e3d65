import Foundation

/// The profile as GitHub-flavoured Markdown: a summary line, a column table, the problems.
public enum MarkdownReport {
  public static func render(_ p: DatasetProfile) -> String {
    var out = "## datacheck profile: \(p.sources.map { "`\($0.path)`" }.joined(separator: ", "))\n\n"
    let duplicates = (p.duplicateRowsExact ? "" : "about ") + Formatting.grouped(p.duplicateRows)
    out += "**\(Formatting.grouped(p.rows)) rows × \(p.columns.count) columns**, \(duplicates) duplicate rows.\n\n"
    out += "| column | type | missing | distinct | summary |\n|---|---|---:|---:|---|\n"
    for c in p.columns {
      let distinct = (c.distinctExact ? "" : "~") + Formatting.grouped(c.distinct)
      out += "| \(cell(c.name)) | \(c.type.rawValue) | \(Formatting.percent(c.missingRatio)) | \(distinct) | \(cell(summary(c))) |\n"
    }
    if let l = p.label { out += labelSection(l) }
    if !p.findings.isEmpty {
      out += "\n### Findings\n\n| severity | check | columns | finding | what to do |\n|---|---|---|---|---|\n"
      for f in p.findings {
        out += "| \(f.severity.rawValue) | `\(f.check)` | \(cell(f.columns.joined(separator: ", "))) | \(cell(f.message)) | \(cell(f.action)) |\n"
      }
    }
    if !p.problems.isEmpty {
      out += "\n### Problems\n\n| problem | count | first at | detail |\n|---|---:|---|---|\n"
      for problem in p.problems {
        let place = problem.first.first.map { "`\($0)`" } ?? ""
        out += "| \(problem.kind.rawValue) | \(Formatting.grouped(problem.count)) | \(place) | \(cell(problem.detail ?? problem.kind.advice)) |\n"
      }
    }
    return out
  }

  private static func labelSection(_ l: LabelProfile) -> String {
    var out = "\n### Label `\(l.column)` (\(l.task.rawValue))\n\n"
    out += "\(Formatting.grouped(l.labeled)) labeled, \(Formatting.grouped(l.missing)) missing (coverage \(Formatting.percent(l.coverage))).\n"
    if l.task == .classification {
      out += "\n| class | rows | share |\n|---|---:|---:|\n"
      for c in l.classes.prefix(20) {
        out += "| \(cell(c.value)) | \(Formatting.grouped(c.count)) | \(Formatting.percent(Double(c.count) / Double(max(1, l.labeled)))) |\n"
      }
    } else if let t = l.target {
      out += "\nTarget: min \(Formatting.short(t.min)), mean \(Formatting.short(t.mean)), max \(Formatting.short(t.max)).\n"
    }
    return out
  }

  private static func summary(_ c: ColumnProfile) -> String {
    if let n = c.numeric {
      return "min \(Formatting.short(n.min)), mean \(Formatting.short(n.mean)), max \(Formatting.short(n.max))"
    }
    if let min = c.temporalMin, let max = c.temporalMax { return "\(min) … \(max)" }
    if c.topValues.isEmpty && !c.topValuesExact { return Formatting.noFrequentValue }
    return c.topValues.prefix(3).map { "`\(Formatting.visible($0.value))` (\(Formatting.grouped($0.count)))" }.joined(separator: ", ")
  }

  /// Escapes what would break a table cell.
  private static func cell(_ s: String) -> String {
    Formatting.visible(s).replacingOccurrences(of: "|", with: "\\|")
  }
}
