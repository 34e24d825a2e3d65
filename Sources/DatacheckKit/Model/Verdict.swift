/// The answer of `datacheck requirements`: one row per requirement, and whether the data is ready.
public struct Verdict: Sendable {
  public static let schema = "datacheck.verdict/1"

  /// The goal file's path, as given on the command line.
  public var goalPath: String
  /// The goal's free text (`goal:`), shown in reports.
  public var goalText: String?
  public var rows: [RequirementResult]
  /// Whether warnings count as failures (`--strict`).
  public var strict: Bool
  /// The profile of each split, in the order read ("train" first).
  public var profiles: [(split: String, profile: DatasetProfile)]

  public init(goalPath: String, goalText: String?, rows: [RequirementResult], strict: Bool,
              profiles: [(split: String, profile: DatasetProfile)]) {
    self.goalPath = goalPath
    self.goalText = goalText
    self.rows = rows
    self.strict = strict
    self.profiles = profiles
  }

  /// Ready: no row failed (and, under `--strict`, none warned).
  public var ready: Bool { !rows.contains { $0.status == .fail || (strict && $0.status == .warn) } }

  public func count(_ status: RequirementResult.Status) -> Int { rows.filter { $0.status == status }.count }
}

/// One requirement of the goal, measured.
public struct RequirementResult: Sendable, Equatable {
  public enum Status: String, Sendable, Comparable {
    case fail, warn, pass, info

    public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
    private var rank: Int { self == .fail ? 0 : self == .warn ? 1 : self == .pass ? 2 : 3 }
  }

  /// The requirement's id: a key of `requirements:` (`min_rows`), a metric row
  /// (`metric_baseline`), a split check (`split_overlap`), or `leakage.<check>`.
  public var id: String
  public var status: Status
  /// What was measured, as text (`412 rows`), and as a number when there is one.
  public var measured: String
  public var measuredValue: Double?
  /// What the goal asks, as text (`≥ 500 rows`).
  public var expected: String
  public var message: String
  /// The step that would close the gap; empty when the row passes.
  public var action: String
  /// Where in the goal file the requirement is declared (nil for rows the goal did not state).
  public var location: GoalLocation?
  /// The split the row is about, when it is about one.
  public var split: String?
  /// Columns the row is about.
  public var columns: [String]

  public init(id: String, status: Status, measured: String, measuredValue: Double? = nil, expected: String,
              message: String, action: String = "", location: GoalLocation? = nil, split: String? = nil,
              columns: [String] = []) {
    self.id = id
    self.status = status
    self.measured = measured
    self.measuredValue = measuredValue
    self.expected = expected
    self.message = message
    self.action = action
    self.location = location
    self.split = split
    self.columns = columns
  }
}

/// A place in the goal file: 1-based line and column, and the key path (`requirements.min_rows`).
public struct GoalLocation: Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var line: Int
  public var column: Int
  public var keyPath: String

  public init(path: String, line: Int, column: Int, keyPath: String) {
    self.path = path
    self.line = line
    self.column = column
    self.keyPath = keyPath
  }

  public var description: String { "\(path):\(line):\(column) (\(keyPath))" }
}
