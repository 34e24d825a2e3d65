/// A feature equal to the label — or, for a numeric target, a sum or difference of two features
/// equal to it — is the label itself under another name.
///
/// Finding `target_copy`, error: a column whose text equals the label's on every labeled row
/// (≥ 99.9 % for a regression target); or, for a regression target, a numeric column or the sum
/// or difference of two numeric columns within rounding of the target on ≥ 99.9 % of rows.
enum TargetCopy: Check {
  static let id = "target_copy"
  static let threshold = 0.999

  static func copiedColumns(_ p: DatasetProfile) -> Set<String> {
    Set(run(p).filter { $0.columns.count == 1 }.flatMap(\.columns))
  }

  static func run(_ p: DatasetProfile) -> [Finding] {
    guard let label = p.label, label.labeled > 0 else { return [] }
    let needed = label.task == .classification ? 1.0 : threshold
    var findings = label.signals.filter { Double($0.equalToLabel) / Double(label.labeled) >= needed }.map { s in
      Finding(check: id, severity: .error, columns: [s.column], message: .equal(s.column, label),
              value: Double(s.equalToLabel) / Double(label.labeled), threshold: needed,
              action: "drop \(Say.column(s.column)): it is the label")
    }
    let copied = Set(findings.flatMap(\.columns))
    for copy in label.arithmeticCopies where !(copy.columns.count == 1 && copied.contains(copy.columns[0])) {
      findings.append(Finding(check: id, severity: .error, columns: copy.columns, message: .arithmetic(copy, label),
                              value: copy.matchRatio, threshold: threshold,
                              action: "drop \(copy.columns.map(Say.column).joined(separator: " or ")): together they are the target"))
    }
    return findings
  }
}

extension String {
  fileprivate static func equal(_ column: String, _ l: LabelProfile) -> String {
    "\(Say.column(column)) equals the label \(Say.column(l.column)) on every labeled row"
  }

  fileprivate static func arithmetic(_ c: LabelProfile.ArithmeticCopy, _ l: LabelProfile) -> String {
    let expression = c.columns.count == 1 ? Say.column(c.columns[0]) : c.columns.map(Say.column).joined(separator: " \(c.operation) ")
    return "the target \(Say.column(l.column)) = \(expression) on \(Say.percent(c.matchRatio)) of rows (within rounding)"
  }
}
