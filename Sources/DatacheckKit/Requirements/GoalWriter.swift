import Foundation

/// Writes a starter goal.yaml from a profile with a label: observed values as comments, and
/// thresholds this data meets, so that `datacheck requirements` accepts it unchanged and the
/// data as profiled is ready. The team then tightens what matters to it.
public enum GoalWriter {
  public static func write(_ p: DatasetProfile, trainPaths: [String]) -> String {
    guard let l = p.label else { return "" }
    let sources = p.sources.map(\.path).joined(separator: ", ")
    var y = """
      # A starter goal written by `datacheck init` from \(sources)
      # (\(Formatting.grouped(p.rows)) rows × \(p.columns.count) columns). Observed values are in comments; every
      # threshold below is one this data meets today: tighten them to what the experiment needs.
      version: 1
      goal: Describe what the model is for, and for whom
      data:
        train: \(list(trainPaths.map(quote)))
        # test: path/to/test.csv      # a held-out split adds overlap, drift and resolution checks

      """
    let errors = p.findings.filter { $0.severity == .error }
    if !errors.isEmpty {
      y = "# This data has \(errors.count) error finding(s); `datacheck requirements` will say not ready until they are fixed:\n"
        + errors.map { "#   error \($0.check): \($0.message)\n" }.joined() + y
    }
    y += target(l) + metric(l) + requirements(p, l)
    return y
  }

  private static func target(_ l: LabelProfile) -> String {
    var y = "target:\n  column: \(quote(l.column))\n  task: \(l.task.rawValue)\n"
    guard l.task == .classification, !l.classes.isEmpty else { return y }
    let counts = l.classes.prefix(10).map { "\($0.value) \(Formatting.grouped($0.count))" }.joined(separator: " · ")
    y += "  classes: \(list(l.classes.prefix(50).map { quote($0.value) }))   # observed: \(counts)\n"
    if l.classes.count == 2, let minority = l.classes.last { y += "  positive: \(quote(minority.value))   # the minority class\n" }
    return y
  }

  /// F1 for two classes, balanced accuracy for more, RMSE for a number; the target halfway
  /// between what a trivial model reaches and perfect.
  private static func metric(_ l: LabelProfile) -> String {
    if l.task == .regression {
      guard let std = l.target?.std, std > 0 else { return "" }
      return "metric:\n  name: rmse\n  target: \(number(std / 2))   # predicting the mean gives \(number(std))\n"
    }
    let k = l.classes.count
    guard k >= 2, let minority = l.classes.last else { return "" }
    let p = Double(minority.count) / Double(max(1, l.labeled))
    let (name, base) = k == 2 ? ("f1", 2 * p / (1 + p)) : ("balanced_accuracy", 1 / Double(k))
    let goal = ((base + (1 - base) / 2) * 100).rounded(.up) / 100
    return "metric:\n  name: \(name)\n  target: \(number(goal))   # a trivial model reaches \(Formatting.short(base))\n"
      + "  # tolerance: 0.02        # the 95 % interval half-width the test split must allow\n"
  }

  private static func requirements(_ p: DatasetProfile, _ l: LabelProfile) -> String {
    var y = "requirements:\n"
    y += "  min_rows: \(roundDown(p.rows))   # observed \(Formatting.grouped(p.rows))\n"
    y += "  min_labeled_rows: \(roundDown(l.labeled))   # observed \(Formatting.grouped(l.labeled))\n"
    y += "  min_label_coverage: \(number((l.coverage * 100).rounded(.down) / 100))   # observed \(Formatting.percent(l.coverage))\n"
    if l.task == .classification, let smallest = l.classes.last {
      y += "  min_rows_per_class: \(roundDown(smallest.count))   # smallest class `\(smallest.value)`: \(Formatting.grouped(smallest.count))\n"
      if let ratio = l.imbalanceRatio { y += "  max_imbalance_ratio: \(number((ratio * 1.2 * 10).rounded(.up) / 10))   # observed \(Formatting.short(ratio)):1\n" }
    }
    let worst = p.columns.map(\.missingRatio).max() ?? 0
    y += "  max_missing: \(number(max(0.3, ((worst + 0.05) * 100).rounded(.up) / 100)))   # worst column: \(Formatting.percent(worst))\n"
    let dup = p.rows == 0 ? 0 : Double(p.duplicateRows) / Double(p.rows)
    y += "  max_duplicate_ratio: \(number(((dup + 0.01) * 100).rounded(.up) / 100))   # observed \(Formatting.percent(dup))\n"
    y += "  required_columns: \(list(p.columns.map { quote($0.name) }))\n"
    let typed = p.columns.filter { $0.type != .string && $0.type != .empty && $0.name != l.column }
    if !typed.isEmpty { y += "  column_types: {\(typed.map { "\(quote($0.name)): \($0.type.rawValue)" }.joined(separator: ", "))}\n" }
    let ids = p.columns.filter { p.identifierColumns.contains($0.name) }.map { quote($0.name) }
    if !ids.isEmpty { y += "  id_columns: \(list(ids))\n" }
    if let time = p.columns.first(where: { $0.type.isTemporal && $0.name != l.column }) { y += "  time_column: \(quote(time.name))\n" }
    y += "  leakage: fail   # fail | warn | ignore\n"
    y += "  max_drift: 0.2   # PSI or Jensen–Shannon between train and test\n"
    return y
  }

  /// A count rounded down to two significant digits (3,000 → 3000; 2,549 → 2500).
  static func roundDown(_ n: Int) -> Int {
    guard n >= 100 else { return n }
    var scale = 1
    while n / scale >= 100 { scale *= 10 }
    return n / scale * scale
  }

  static func number(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%g", x)
  }

  static func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

  /// A YAML scalar: quoted (JSON-style, which YAML reads) unless it is a plain word.
  static func quote(_ s: String) -> String {
    let plain = !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." || $0 == "/" }
      && !["yes", "no", "true", "false", "on", "off", "null", "y", "n"].contains(s.lowercased()) && !s.first!.isNumber
    if plain { return s }
    var out = ""
    JSONValue.escape(s, into: &out)
    return out
  }
}
