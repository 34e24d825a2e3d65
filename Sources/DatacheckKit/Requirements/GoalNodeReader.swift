import Yams

/// Walks the YAML tree of a goal file key by key, recording where each key is written.
struct GoalNodeReader {
  let path: String
  var locations: [String: GoalLocation] = [:]

  init(path: String) { self.path = path }

  mutating func goal(_ m: Node.Mapping, root: Node) throws -> Goal {
    let top = try keys(m, at: "", allowed: ["version", "goal", "data", "target", "metric", "requirements"])
    guard let versionNode = top["version"] else { throw missing("version", in: root, hint: "start the file with `version: 1`") }
    let version = try int(versionNode, "version")
    guard version == 1 else {
      throw error(.goalUnsupportedVersion, versionNode, "version", "version \(version) is not supported; this datacheck reads version 1")
    }
    guard let targetNode = top["target"] else { throw missing("target", in: root, hint: "name the label with `target: {column: …}`") }
    var goal = Goal(path: path, target: try target(targetNode))
    goal.text = try top["goal"].map { try string($0, "goal") }
    if let d = top["data"] { goal.data = try data(d) }
    if let node = top["metric"] { goal.metric = try metric(node) }
    if let r = top["requirements"] { goal.requirements = try requirements(r) }
    goal.locations = locations
    return goal
  }

  private mutating func data(_ node: Node) throws -> Goal.Data {
    let f = try keys(mapping(node, "data"), at: "data", allowed: ["train", "test", "split_column", "test_fraction", "missing_values"])
    var d = Goal.Data()
    d.train = try f["train"].map { $0.sequence != nil ? try strings($0, "data.train") : [try string($0, "data.train")] }
    d.test = try f["test"].map { try string($0, "data.test") }
    d.splitColumn = try f["split_column"].map { try string($0, "data.split_column") }
    d.testFraction = try f["test_fraction"].map { try ratio($0, "data.test_fraction", open: true) }
    d.missingValues = try f["missing_values"].map { try strings($0, "data.missing_values") }
    let ways = [d.test != nil, d.splitColumn != nil, d.testFraction != nil].filter { $0 }.count
    if ways > 1, let node = f["test"] ?? f["split_column"] ?? f["test_fraction"] {
      throw error(.goalBadValue, node, "data", "give one of data.test, data.split_column and data.test_fraction, not several")
    }
    return d
  }

  private mutating func target(_ node: Node) throws -> Goal.Target {
    let f = try keys(mapping(node, "target"), at: "target", allowed: ["column", "task", "classes", "positive"])
    guard let column = f["column"] else { throw missing("target.column", in: node, hint: "name the label column") }
    var t = Goal.Target(column: try string(column, "target.column"))
    t.task = try f["task"].map { try choice($0, "target.task", LabelProfile.Task.self, ["classification", "regression"]) }
    t.classes = try f["classes"].map { try strings($0, "target.classes") }
    t.positive = try f["positive"].map { try string($0, "target.positive") }
    return t
  }

  private mutating func metric(_ node: Node) throws -> Goal.MetricGoal {
    let f = try keys(mapping(node, "metric"), at: "metric", allowed: ["name", "target", "tolerance"])
    guard let name = f["name"] else { throw missing("metric.name", in: node, hint: "for example `name: f1`") }
    guard let target = f["target"] else { throw missing("metric.target", in: node, hint: "the value the model must reach") }
    let metric = try choice(name, "metric.name", Goal.Metric.self, Goal.Metric.allCases.map(\.rawValue))
    let value = try number(target, "metric.target")
    if !metric.isRegression && !(0...1).contains(value) {
      throw error(.goalBadValue, target, "metric.target", "\(metric.rawValue) is between 0 and 1, not \(value)")
    }
    if metric.isRegression && value < 0 { throw error(.goalBadValue, target, "metric.target", "an error metric cannot be negative") }
    return Goal.MetricGoal(name: metric, target: value, tolerance: try f["tolerance"].map { try ratio($0, "metric.tolerance", open: true) })
  }

  private mutating func requirements(_ node: Node) throws -> Goal.Requirements {
    let f = try keys(mapping(node, "requirements"), at: "requirements", allowed: RequirementKeys.all)
    var r = Goal.Requirements()
    let p = "requirements."
    r.minRows = try f["min_rows"].map { try count($0, p + "min_rows") }
    r.minLabeledRows = try f["min_labeled_rows"].map { try count($0, p + "min_labeled_rows") }
    r.minLabelCoverage = try f["min_label_coverage"].map { try ratio($0, p + "min_label_coverage") }
    r.minRowsPerClass = try f["min_rows_per_class"].map { try count($0, p + "min_rows_per_class") }
    r.maxImbalanceRatio = try f["max_imbalance_ratio"].map { try atLeast(1, $0, p + "max_imbalance_ratio") }
    if let m = f["max_missing"] { try maxMissing(m, into: &r) }
    r.maxDuplicateRatio = try f["max_duplicate_ratio"].map { try ratio($0, p + "max_duplicate_ratio") }
    r.requiredColumns = try f["required_columns"].map { try strings($0, p + "required_columns") }
    if let types = f["column_types"] { r.columnTypes = try columnTypes(types) }
    r.idColumns = try f["id_columns"].map { try strings($0, p + "id_columns") } ?? []
    r.timeColumn = try f["time_column"].map { try string($0, p + "time_column") }
    r.leakage = try f["leakage"].map { try choice($0, p + "leakage", Goal.LeakagePolicy.self, ["fail", "warn", "ignore"]) } ?? .fail
    r.maxDrift = try f["max_drift"].map { try atLeast(0, $0, p + "max_drift") }
    return r
  }

  private mutating func maxMissing(_ node: Node, into r: inout Goal.Requirements) throws {
    let key = "requirements.max_missing"
    if node.scalar != nil { r.maxMissingDefault = try ratio(node, key); return }
    let f = try keys(mapping(node, key), at: key, allowed: ["default", "columns"])
    r.maxMissingDefault = try f["default"].map { try ratio($0, key + ".default") }
    if let columns = f["columns"] {
      for (name, value) in try mapping(columns, key + ".columns") {
        let column = try string(name, key + ".columns")
        record(name, key + ".columns." + column)
        r.maxMissingColumns.append((column, try ratio(value, key + ".columns." + column)))
      }
    }
  }

  private mutating func columnTypes(_ node: Node) throws -> [(column: String, type: ColumnType)] {
    let key = "requirements.column_types"
    let names = ["integer", "float", "boolean", "date", "datetime", "string"]
    return try mapping(node, key).map { name, value in
      let column = try string(name, key)
      record(name, key + "." + column)
      return (column, try choice(value, key + "." + column, ColumnType.self, names))
    }
  }
}

/// The keys of `requirements:`.
enum RequirementKeys {
  static let all = ["min_rows", "min_labeled_rows", "min_label_coverage", "min_rows_per_class", "max_imbalance_ratio",
                    "max_missing", "max_duplicate_ratio", "required_columns", "column_types", "id_columns",
                    "time_column", "leakage", "max_drift"]
}
