import Foundation

/// `datacheck requirements`: the goal, the data of each split, one verdict.
///
/// 1. Read the goal (`GoalReader`).
/// 2. Resolve the splits: FILE arguments (they replace `data.train`), `--split NAME=PATH`, or the
///    goal's `data.train` / `data.test` (relative to the goal file); or the rows of one dataset by
///    `data.split_column` (train/test/valid values) or `data.test_fraction` (by row hash). Each
///    split of one file is its own pass over the file.
/// 3. Profile the train split with the goal's label, ID and time columns and missing tokens,
///    then every other split against it (row, feature and ID overlap, time order).
/// 4. Evaluate every requirement, the metric and the splits into rows (`RequirementResult`).
public struct RequirementsPipeline {
  public var goalPath: String
  /// Data files given on the command line (the train split).
  public var files: [String] = []
  /// Splits given with `--split NAME=PATH`, in order.
  public var splits: [(name: String, path: String)] = []
  public var strict = false
  public var read = ReadOptions()
  public var progress: ((Int, Int?) -> Void)?

  public init(goalPath: String) { self.goalPath = goalPath }

  public func run() throws -> Verdict {
    let goal = try GoalReader.load(path: goalPath)
    let sources = try resolveSplits(goal)
    var options = ProfileOptions()
    if let tokens = goal.data.missingValues { options.missingTokens = MissingTokens(tokens) }
    var label = LabelOptions(column: goal.target.column)
    label.idColumns = goal.requirements.idColumns
    label.timeColumn = goal.requirements.timeColumn
    label.task = goal.target.task ?? (goal.metric?.name.isRegression == true ? .regression : nil)
    options.label = label
    options.keepIdentifierValues = sources.count > 1
    var profiles: [(split: String, profile: DatasetProfile)] = []
    var trainProfiler: DatasetProfiler?
    var comparisons: [SplitComparison] = []
    for (name, paths, selection) in sources {
      var pipeline = Pipeline(paths: paths)
      pipeline.selection = selection
      pipeline.read = read
      pipeline.profile = options
      pipeline.profile.reference = trainProfiler?.splitReference()
      pipeline.progress = progress
      let (profile, profiler) = try pipeline.runKeepingProfiler()
      if let train = trainProfiler {
        let skip = profiles[0].profile.identifierColumns.union(goal.requirements.idColumns)
          .union(goal.requirements.timeColumn.map { [$0] } ?? []).union(goal.data.splitColumn.map { [$0] } ?? [])
        comparisons.append(.compare(train: train, test: profiler, split: name, labelColumn: goal.target.column, skip: skip))
      } else {
        trainProfiler = profiler
      }
      if selection != nil && profile.rows == 0 && name != "train" && name != "test" { continue }   // no such split
      profiles.append((name, profile))
    }
    let rows = RequirementEvaluator(goal: goal, profiles: profiles, comparisons: comparisons).rows()
    return Verdict(goalPath: goalPath, goalText: goal.text, rows: rows, strict: strict, profiles: profiles)
  }

  /// Names of split values in `data.split_column`, by split.
  static let splitValues: [(split: String, values: [String])] = [
    ("train", ["train", "training"]), ("test", ["test", "testing", "holdout"]), ("valid", ["valid", "validation", "val", "dev"]),
  ]

  /// The files of each split, train first, and which of their rows it takes.
  func resolveSplits(_ goal: Goal) throws -> [(String, [String], RowSelection?)] {
    let files = try resolveFiles(goal)
    if let column = goal.data.splitColumn, files.count == 1 {
      return RequirementsPipeline.splitValues.map { ($0.split, files[0].1, .column(column, values: $0.values)) }
    }
    if let fraction = goal.data.testFraction, files.count == 1 {
      return [("train", files[0].1, .hashRange(lower: fraction, upper: 1)), ("test", files[0].1, .hashRange(lower: 0, upper: fraction))]
    }
    return files.map { ($0.0, $0.1, nil) }
  }

  private func resolveFiles(_ goal: Goal) throws -> [(String, [String])] {
    let folder = (goalPath as NSString).deletingLastPathComponent
    let relative = { (p: String) in p.hasPrefix("/") || folder.isEmpty ? p : folder + "/" + p }
    var result: [(String, [String])] = []
    if !files.isEmpty { result.append(("train", files)) } else if let train = splits.first(where: { $0.name == "train" }) {
      result.append(("train", [train.path]))
    } else if let train = goal.data.train {
      result.append(("train", train.map(relative)))
    } else {
      throw InputError(.usage, at: Location(path: goalPath),
                       "no data: give FILE arguments, --split train=PATH, or `data.train` in the goal")
    }
    for split in splits where split.name != "train" { result.append((split.name, [split.path])) }
    if !result.contains(where: { $0.0 == "test" }), let test = goal.data.test, !splits.contains(where: { $0.name == "test" }) {
      result.append(("test", [relative(test)]))
    }
    if (goal.data.splitColumn != nil || goal.data.testFraction != nil) && result.count > 1 {
      throw InputError(.usage, at: Location(path: goalPath),
                       "data.split_column and data.test_fraction split one dataset: give no other split (--split, data.test)")
    }
    return result
  }
}
