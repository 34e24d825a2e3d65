/// A mostly numeric (or date) column with a few words in it is read as text, and its numbers lost.
///
/// Finding `mixed_types`, warning: a `string` column where one other kind (integer, float, date,
/// boolean) makes up at least half of the present values and text the rest.
enum MixedTypes: Check {
  static let id = "mixed_types"
  static let dominantShare = 0.5

  static func run(_ p: DatasetProfile) -> [Finding] {
    p.columns.compactMap { c in
      guard c.type == .string, let text = c.kinds[.string], text > 0, c.present > 0,
            let (kind, n) = c.kinds.filter({ $0.key != .string }).max(by: { $0.value < $1.value }),
            Double(n) / Double(c.present) >= dominantShare else { return nil }
      return Finding(check: id, severity: .warning, columns: [c.name], message: .mixed(c, kind: kind, n: n, text: text),
                     value: Double(text) / Double(c.present), threshold: 1 - dominantShare,
                     action: "declare those values missing (--na) or correct them, so \(Say.column(c.name)) reads as \(kind.typeName)")
    }
  }
}

extension ValueKind {
  var typeName: String {
    switch self {
    case .integer: return "integer"
    case .float: return "float"
    case .boolean: return "boolean"
    case .date, .slashDate: return "date"
    case .datetime: return "datetime"
    case .string: return "string"
    }
  }
}

extension String {
  fileprivate static func mixed(_ c: ColumnProfile, kind: ValueKind, n: Int, text: Int) -> String {
    let examples = c.stringExamples.map { "`\(Formatting.visible($0))`" }.joined(separator: ", ")
    return "\(Say.column(c.name)) is \(kind.typeName) on \(Say.percent(Double(n) / Double(c.present))) of its values, "
      + "but \(Say.count(text)) are text (\(examples))"
  }
}
