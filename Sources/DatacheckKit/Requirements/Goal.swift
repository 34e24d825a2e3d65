/// The declared goal of an experiment, read from goal.yaml (SPEC's schema, `version: 1`).
public struct Goal: Sendable {
  public enum Metric: String, Sendable, CaseIterable {
    case accuracy, balancedAccuracy = "balanced_accuracy", precision, recall, f1, auc, rmse, mae

    /// Whether a larger value is better (errors are smaller-is-better).
    public var higherIsBetter: Bool { self != .rmse && self != .mae }
    public var isRegression: Bool { self == .rmse || self == .mae }
  }

  public enum LeakagePolicy: String, Sendable, CaseIterable { case fail, warn, ignore }

  public struct Data: Sendable {
    /// One path, or several shards of one table (a YAML list).
    public var train: [String]?
    public var test: String?
    public var splitColumn: String?
    public var testFraction: Double?
    public var missingValues: [String]?
  }

  public struct Target: Sendable {
    public var column: String
    public var task: LabelProfile.Task?
    public var classes: [String]?
    public var positive: String?
  }

  public struct MetricGoal: Sendable {
    public var name: Metric
    public var target: Double
    public var tolerance: Double?
  }

  public struct Requirements: Sendable {
    public var minRows: Int?
    public var minLabeledRows: Int?
    public var minLabelCoverage: Double?
    public var minRowsPerClass: Int?
    public var maxImbalanceRatio: Double?
    public var maxMissingDefault: Double?
    public var maxMissingColumns: [(column: String, ratio: Double)] = []
    public var maxDuplicateRatio: Double?
    public var requiredColumns: [String]?
    public var columnTypes: [(column: String, type: ColumnType)] = []
    public var idColumns: [String] = []
    public var timeColumn: String?
    public var leakage: LeakagePolicy = .fail
    public var maxDrift: Double?
  }

  /// The goal file's path as given, and its folder (data paths are relative to it).
  public var path: String
  public var text: String?
  public var data = Data()
  public var target: Target
  public var metric: MetricGoal?
  public var requirements = Requirements()
  /// Where each key was written: key path (`requirements.min_rows`) → line and column.
  public var locations: [String: GoalLocation] = [:]

  /// The place of a key path, or of its nearest written parent.
  public func location(_ keyPath: String) -> GoalLocation? {
    var key = keyPath
    while true {
      if let place = locations[key] { return place }
      guard let dot = key.lastIndex(of: ".") else { return nil }
      key = String(key[..<dot])
    }
  }
}
