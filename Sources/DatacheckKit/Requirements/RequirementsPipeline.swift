import Foundation

/// `datacheck requirements`: the goal, the data of each split, one verdict.
///
/// 1. Read the goal (`GoalReader`).
/// 2. Resolve the splits: FILE arguments (they replace `data.train`), `--split NAME=PATH`, or the
///    goal's `data.train` / `data.test` (relative to the goal file).
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
    for (name, paths) in sources {
      var pipeline = Pipeline(paths: paths)
      pipeline.read = read
      pipeline.profile = options
      pipeline.profile.reference = trainProfiler?.splitReference()
      pipeline.progress = progress
      let (profile, profiler) = try pipeline.runKeepingProfiler()
      if let train = trainProfiler {
        let skip = profiles[0].profile.identifierColumns.union(goal.requirements.idColumns)
          .union(goal.requirements.timeColumn.map { [$0] } ?? [])
        comparisons.append(.compare(train: train, test: profiler, split: name, labelColumn: goal.target.column, skip: skip))
      } else {
        trainProfiler = profiler
      }
      profiles.append((name, profile))
    }
    let rows = RequirementEvaluator(goal: goal, profiles: profiles, comparisons: comparisons).rows()
    return Verdict(goalPath: goalPath, goalText: goal.text, rows: rows, strict: strict, profiles: profiles)
  }

  /// The files of each split, train first.
  func resolveSplits(_ goal: Goal) throws -> [(String, [String])] {
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
    if goal.data.splitColumn != nil || goal.data.testFraction != nil {
      throw InputError(.usage, at: Location(path: goalPath),
                       "data.split_column and data.test_fraction are not supported yet: give the test split as a file (data.test or --split test=PATH)")
    }
    return result
  }
}
