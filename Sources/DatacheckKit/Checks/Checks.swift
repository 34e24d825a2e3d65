/// A check: a pure function of the profile that returns findings. One check per file.
protocol Check {
  /// The stable id findings carry (`target_proxy`).
  static var id: String { get }
  static func run(_ profile: DatasetProfile) -> [Finding]
}

/// Every check, integrity first, then the label-aware ones.
public enum Checks {
  static let all: [Check.Type] = [
    ConstantColumn.self, AllMissingColumn.self, HighMissing.self, MixedMissingTokens.self, MixedTypes.self,
    DuplicateRows.self, IDColumn.self, RowIndexColumn.self, LabelSorted.self,
    ClassImbalance.self, RareClass.self, ConflictingLabels.self, TargetCopy.self, TargetProxy.self,
    MissingPredictsLabel.self, IDPredictsLabel.self, NoSignal.self,
  ]

  /// Runs every check; findings most severe first, then in check order.
  public static func run(_ profile: DatasetProfile) -> [Finding] {
    let found = all.flatMap { $0.run(profile) }
    return found.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }.map(\.element)
  }
}

extension DatasetProfile {
  /// The columns that are not the label.
  var features: [ColumnProfile] { columns.filter { $0.name != label?.column } }

  /// Columns that identify rows rather than describe them: declared with `--id`, found by
  /// `id_column`, or counting rows. They are judged by `id_predicts_label`, not as proxies.
  var identifierColumns: Set<String> {
    var names = Set(label?.idColumns ?? [])
    for c in features where IDColumn.isIdentifier(c, rows: rows) || RowIndexColumn.isRowIndex(c, rows: rows) {
      names.insert(c.name)
    }
    return names
  }
}

/// Small formatting helpers for check messages.
enum Say {
  static func percent(_ x: Double) -> String { Formatting.percent(x) }
  static func count(_ n: Int) -> String { Formatting.grouped(n) }
  static func number(_ x: Double) -> String { Formatting.short(x) }
  static func column(_ name: String) -> String { "`\(name)`" }
}
