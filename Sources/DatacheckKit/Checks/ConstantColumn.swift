/// A column with a single value carries no information.
///
/// Finding `constant_column`, warning: every present value of the column is the same
/// (exact distinct count 1). Method: the profile's distinct count. Threshold: 1 value.
enum ConstantColumn: Check {
  static let id = "constant_column"

  static func run(_ p: DatasetProfile) -> [Finding] {
    p.columns.filter { $0.distinctExact && $0.distinct == 1 && $0.present > 0 }.map { c in
      Finding(check: id, severity: .warning, columns: [c.name], message: .constant(c), value: 1, threshold: 1,
              action: "drop \(Say.column(c.name)) from the features")
    }
  }
}

extension String {
  fileprivate static func constant(_ c: ColumnProfile) -> String {
    let value = c.topValues.first.map { "`\(Formatting.visible($0.value))`" } ?? "one value"
    let missing = c.missing > 0 ? " (the other \(Say.count(c.missing)) rows are missing)" : ""
    return "\(Say.column(c.name)) holds only \(value)\(missing)"
  }
}
