/// The rows about splits: overlap of rows, groups and time with train; classes, categories and
/// distributions that differ. Each non-train split is compared with train.
extension RequirementEvaluator {
  func splitRows() -> [RequirementResult] {
    profiles.dropFirst().flatMap { split, profile -> [RequirementResult] in
      let comparison = comparisons.first { $0.split == split }
      return overlapRows(split, profile) + [missingClassesRow(split, profile)].compactMap { $0 }
        + (comparison.map { driftRows($0) } ?? [])
    }
  }

  private func overlapRows(_ split: String, _ p: DatasetProfile) -> [RequirementResult] {
    guard let o = p.overlap else { return [] }
    let about = o.exact ? "" : "about "
    // A copy with its label is leakage; rows equal on the features alone may be look-alikes: a warning.
    let status: RequirementResult.Status = o.rowsWithLabel > 0 ? policyStatus(.error) : o.rowsWithoutLabel > 0 ? policyStatus(.warning) : .pass
    var out = [row("split_overlap", status,
                   measured: "\(about)\(Words.rows(o.rowsWithLabel)) with label, \(Words.rows(o.rowsWithoutLabel)) without",
                   value: Double(o.rowsWithLabel), expected: "0 rows",
                   o.rowsWithLabel + o.rowsWithoutLabel == 0 ? "no \(split) row also occurs in train"
                     : "\(about)\(Words.rows(o.rowsWithLabel)) of \(split) are copies of train rows (label included); \(Words.rows(o.rowsWithoutLabel)) equal a train row on every feature (ID columns aside)",
                   action: "remove from \(split) the rows that occur in train (or deduplicate before splitting)",
                   key: "requirements.leakage", split: split)]
    for (column, rows) in o.idRows.sorted(by: { $0.key < $1.key }) {
      out.append(row("group_overlap", rows > 0 ? policyStatus(.error) : .pass, measured: "\(about)\(Words.rows(rows))",
                     value: Double(rows), expected: "0 rows", rows == 0 ? "no `\(column)` of \(split) occurs in train"
                       : "\(about)\(Words.rows(rows)) of \(split) have a `\(column)` that also occurs in train",
                     action: "split by `\(column)` so that each one falls in a single split", key: "requirements.id_columns",
                     split: split, columns: [column]))
    }
    if let time = goal.requirements.timeColumn, o.timedRows > 0 {
      out.append(row("temporal_overlap", o.rowsBeforeTrainEnd > 0 ? policyStatus(.error) : .pass,
                     measured: Words.rows(o.rowsBeforeTrainEnd), value: Double(o.rowsBeforeTrainEnd), expected: "0 rows",
                     o.rowsBeforeTrainEnd == 0 ? "every \(split) row comes after the end of train on `\(time)`"
                       : "\(Words.rows(o.rowsBeforeTrainEnd)) of \(split) are earlier than the last train row on `\(time)`",
                     action: "split by time: every \(split) row after the last train row", key: "requirements.time_column",
                     split: split, columns: [time]))
    }
    return out
  }

  private func missingClassesRow(_ split: String, _ p: DatasetProfile) -> RequirementResult? {
    guard let trainLabel = label, trainLabel.task == .classification, let l = p.label else { return nil }
    let ours = Set(trainLabel.classes.map(\.value)), theirs = Set(l.classes.map(\.value))
    let absent = ours.subtracting(theirs).sorted(), unseen = theirs.subtracting(ours).sorted()
    let quote = { (xs: [String]) in xs.prefix(5).map { "`\($0)`" }.joined(separator: ", ") }
    var message = "train and \(split) have the same classes"
    if !absent.isEmpty { message = "\(split) has no row of \(quote(absent))" }
    if !unseen.isEmpty { message += (absent.isEmpty ? "" : "; ") + "train has no row of \(quote(unseen))" }
    if absent.isEmpty && !unseen.isEmpty { message = "train has no row of \(quote(unseen))" }
    return row("missing_classes", absent.isEmpty && unseen.isEmpty ? .pass : .fail,
               measured: "\(absent.count + unseen.count) class(es) in one split only", value: Double(absent.count + unseen.count),
               expected: "0", message, action: "add labeled rows of those classes to the split that lacks them",
               key: "target.classes", split: split)
  }

  private func driftRows(_ c: SplitComparison) -> [RequirementResult] {
    let limit = goal.requirements.maxDrift
    var out: [RequirementResult] = []
    for new in c.newCategories where new.rows > 0 {
      out.append(row("new_categories", new.share > 0.01 ? .warn : .info, measured: "\(Words.rows(new.rows)) (\(Words.percent(new.share)))",
                     value: new.share, expected: "values seen in train",
                     "\(Words.rows(new.rows)) of \(c.split) have a `\(new.column)` value that never occurs in train",
                     action: "make sure the model handles unseen values of `\(new.column)` (or collect them for train)",
                     key: "requirements.max_drift", split: c.split, columns: [new.column]))
    }
    if let shift = c.labelShift { out.append(driftRow("label_shift", shift, limit: limit, split: c.split)) }
    out += c.drift.map { driftRow("feature_drift", $0, limit: limit, split: c.split) }
    return out
  }

  private func driftRow(_ id: String, _ d: SplitComparison.Drift, limit: Double?, split: String) -> RequirementResult {
    let name = d.method == "psi" ? "PSI" : "Jensen–Shannon"
    let status: RequirementResult.Status = limit.map { d.value > $0 ? .fail : .pass } ?? .info
    return row(id, status, measured: "\(name) \(Words.number(d.value))", value: d.value,
               expected: limit.map { "≤ \(Words.number($0))" } ?? "reported (no max_drift)",
               "`\(d.column)` differs between train and \(split) by \(name) \(Words.number(d.value))",
               action: "find out why `\(d.column)` differs (time, source, sampling) before trusting \(split) scores",
               key: "requirements.max_drift", split: split, columns: [d.column])
  }
}
