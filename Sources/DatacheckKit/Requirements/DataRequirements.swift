/// The keys of `requirements:` about the data itself, measured on the train split.
extension RequirementEvaluator {
  func dataRows() -> [RequirementResult] {
    let r = goal.requirements
    var out: [RequirementResult] = []
    if let min = r.minRows { out.append(minRows(min)) }
    if let min = r.minLabeledRows, let l = label {
      let short = max(0, min - l.labeled)
      out.append(row("min_labeled_rows", short > 0 ? .fail : .pass, measured: Words.rows(l.labeled), value: Double(l.labeled),
                     expected: "≥ \(Words.rows(min))", "\(Words.rows(l.labeled)) of train have a label",
                     action: "label about \(Formatting.grouped(short)) more rows"))
    }
    if let min = r.minLabelCoverage, let l = label {
      let needed = Int((min * Double(train.rows)).rounded(.up)) - l.labeled
      out.append(row("min_label_coverage", l.coverage < min ? .fail : .pass, measured: Words.percent(l.coverage), value: l.coverage,
                     expected: "≥ \(Words.percent(min))", "\(Words.percent(l.coverage)) of train rows have a label",
                     action: "label about \(Words.rows(max(0, needed))) of the \(Words.rows(l.missing)) without one"))
    }
    if let min = r.minRowsPerClass { out.append(rowsPerClass(min)) }
    if let max = r.maxImbalanceRatio, let ratio = label?.imbalanceRatio {
      out.append(row("max_imbalance_ratio", ratio > max ? .fail : .pass, measured: "\(Words.number(ratio)):1", value: ratio,
                     expected: "≤ \(Words.number(max)):1", "the majority class has \(Words.number(ratio)) times the rows of the minority",
                     action: "add rows of the minority class, or lower the ratio the goal asks after choosing a metric fit for imbalance"))
    }
    if r.maxMissingDefault != nil || !r.maxMissingColumns.isEmpty { out.append(maxMissing()) }
    if let max = r.maxDuplicateRatio {
      let ratio = train.rows == 0 ? 0 : Double(train.duplicateRows) / Double(train.rows)
      let excess = train.duplicateRows - Int((max * Double(train.rows)).rounded(.down))
      out.append(row("max_duplicate_ratio", ratio > max ? .fail : .pass, measured: Words.percent(ratio), value: ratio,
                     expected: "≤ \(Words.percent(max))", "\(Words.rows(train.duplicateRows)) repeat an earlier row",
                     action: "remove the \(Words.rows(train.duplicateRows)) duplicates (at least \(Words.rows(Swift.max(0, excess))))"))
    }
    if let required = r.requiredColumns { out.append(requiredColumns(required)) }
    if !r.columnTypes.isEmpty { out.append(columnTypes()) }
    out += namedColumns()
    return out
  }

  private func minRows(_ min: Int) -> RequirementResult {
    let short = max(0, min - train.rows)
    return row("min_rows", short > 0 ? .fail : .pass, measured: Words.rows(train.rows), value: Double(train.rows),
               expected: "≥ \(Words.rows(min))", "train has \(Words.rows(train.rows))",
               action: "collect about \(Formatting.grouped(short)) more rows")
  }

  /// One row for all classes; the action names every class short of the minimum.
  private func rowsPerClass(_ min: Int) -> RequirementResult {
    guard let l = label, l.task == .classification else {
      return row("min_rows_per_class", .info, measured: "regression", expected: "≥ \(Words.rows(min)) per class",
                 "the target is numeric: there are no classes to count")
    }
    let short = l.classes.filter { $0.count < min }
    let smallest = l.classes.map(\.count).min() ?? 0
    let actions = short.map { c -> String in
      let need = min - c.count
      let share = Double(c.count) / Double(Swift.max(1, l.labeled))
      let review = share > 0 ? "; at its current share \(Words.percent(share)), expect to review about \(Formatting.grouped(Int((Double(need) / share).rounded(.up)))) unlabeled rows to find them" : ""
      return "label about \(Formatting.grouped(need)) more rows of class `\(c.value)`\(review)"
    }
    let names = short.map { "`\($0.value)` (\(Formatting.grouped($0.count)))" }.joined(separator: ", ")
    return row("min_rows_per_class", short.isEmpty ? .pass : .fail, measured: "smallest class \(Words.rows(smallest))",
               value: Double(smallest), expected: "≥ \(Words.rows(min)) per class",
               short.isEmpty ? "every class has at least \(Words.rows(min))" : "classes under \(Formatting.grouped(min)) rows: \(names)",
               action: actions.joined(separator: "; "))
  }

  private func maxMissing() -> RequirementResult {
    let r = goal.requirements
    let limits = Dictionary(r.maxMissingColumns.map { ($0.column, $0.ratio) }, uniquingKeysWith: { a, _ in a })
    let over = train.columns.compactMap { c -> (String, Double, Double)? in
      guard let limit = limits[c.name] ?? r.maxMissingDefault, c.missingRatio > limit else { return nil }
      return (c.name, c.missingRatio, limit)
    }
    let worst = train.columns.map(\.missingRatio).max() ?? 0
    let list = over.map { "`\($0.0)` \(Words.percent($0.1)) (max \(Words.percent($0.2)))" }.joined(separator: ", ")
    return row("max_missing", over.isEmpty ? .pass : .fail, measured: over.isEmpty ? "worst \(Words.percent(worst))" : list,
               value: worst, expected: "≤ " + (r.maxMissingDefault.map(Words.percent) ?? "per column"),
               over.isEmpty ? "every column is within its missing limit" : "\(over.count) column(s) miss more than allowed: \(list)",
               action: "impute or fill in \(over.map { "`\($0.0)`" }.joined(separator: ", ")), or drop them from the features",
               columns: over.map(\.0))
  }

  private func requiredColumns(_ required: [String]) -> RequirementResult {
    let names = Set(train.columns.map(\.name))
    let missing = required.filter { !names.contains($0) }
    return row("required_columns", missing.isEmpty ? .pass : .fail, measured: "\(required.count - missing.count) of \(required.count) present",
               expected: "all \(required.count)", missing.isEmpty ? "every required column is present"
                 : "missing: " + missing.map { "`\($0)`" }.joined(separator: ", "),
               action: "add \(missing.map { "`\($0)`" }.joined(separator: ", ")) to the export", columns: missing)
  }

  private func columnTypes() -> RequirementResult {
    let byName = Dictionary(train.columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let wrong = goal.requirements.columnTypes.filter { byName[$0.column]?.type != $0.type }
    let list = wrong.map { "`\($0.column)` is \(byName[$0.column]?.type.rawValue ?? "absent"), not \($0.type.rawValue)" }
    let examples = wrong.compactMap { w in byName[w.column].flatMap { $0.stringExamples.first.map { "`\(w.column)` holds text like `\($0)`" } } }
    return row("column_types", wrong.isEmpty ? .pass : .fail,
               measured: "\(goal.requirements.columnTypes.count - wrong.count) of \(goal.requirements.columnTypes.count) as declared",
               expected: "all as declared", wrong.isEmpty ? "every declared type matches" : list.joined(separator: "; "),
               action: (["fix the values that do not fit"] + examples).joined(separator: ": "), columns: wrong.map(\.column))
  }

  /// The identifier and time columns the goal names must exist (and the time be a date).
  private func namedColumns() -> [RequirementResult] {
    let r = goal.requirements
    let byName = Dictionary(train.columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var out: [RequirementResult] = []
    if !r.idColumns.isEmpty {
      let absent = r.idColumns.filter { byName[$0] == nil }
      out.append(row("id_columns", absent.isEmpty ? .pass : .fail, measured: "\(r.idColumns.count - absent.count) of \(r.idColumns.count) present",
                     expected: "all present", absent.isEmpty ? "identifier columns found: kept out of the features and checked across splits"
                       : "not in the data: " + absent.map { "`\($0)`" }.joined(separator: ", "),
                     action: "fix the names in requirements.id_columns", columns: absent))
    }
    if let time = r.timeColumn {
      let type = byName[time]?.type
      let ok = type == .date || type == .datetime
      out.append(row("time_column", ok ? .pass : .fail, measured: type.map { "`\(time)` is \($0.rawValue)" } ?? "`\(time)` absent",
                     expected: "a date or datetime column", ok ? "`\(time)` orders the rows in time" : "`\(time)` cannot order the rows in time",
                     action: type == nil ? "fix requirements.time_column" : "write `\(time)` as ISO dates (YYYY-MM-DD)", columns: [time]))
    }
    return out
  }

  /// `target.classes`: each declared class present in each split.
  func classRows() -> [RequirementResult] {
    guard let declared = goal.target.classes else { return [] }
    return profiles.map { split, profile in
      let seen = Set(profile.label?.classes.map(\.value) ?? [])
      let absent = declared.filter { !seen.contains($0) }
      let extra = (profile.label?.classes.map(\.value) ?? []).filter { !declared.contains($0) }
      let note = extra.isEmpty ? "" : "; also seen, not declared: " + extra.prefix(5).map { "`\($0)`" }.joined(separator: ", ")
      return row("classes", absent.isEmpty ? .pass : .fail, measured: "\(declared.count - absent.count) of \(declared.count) present",
                 expected: "every declared class", (absent.isEmpty ? "every declared class occurs in \(split)"
                   : "\(split) has no row of " + absent.map { "`\($0)`" }.joined(separator: ", ")) + note,
                 action: "add labeled rows of " + absent.map { "`\($0)`" }.joined(separator: ", ") + " to \(split)",
                 key: "target.classes", split: split)
    }
  }
}
