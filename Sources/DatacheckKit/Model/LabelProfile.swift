/// The label section of a profile: coverage, classes, and what each column says about the label.
public struct LabelProfile: Sendable {
  public enum Task: String, Sendable { case classification, regression }

  public struct ClassCount: Sendable, Equatable {
    public var value: String
    public var count: Int
  }

  public var column: String
  public var task: Task
  public var labeled: Int
  public var missing: Int
  public var coverage: Double
  /// Every class with its exact count, most frequent first (classification).
  public var classes: [ClassCount]
  /// Whether the class list is complete (false past the class cap).
  public var classesComplete: Bool
  /// Majority count / minority count (classification).
  public var imbalanceRatio: Double?
  public var majorityShare: Double?
  /// The target's numeric summary (regression).
  public var target: ColumnProfile.Numeric?
  /// The target's mean absolute deviation from its median: the MAE of predicting the median.
  public var targetMeanAbsoluteDeviation: Double?
  /// What each other column says about the label, in column order.
  public var signals: [FeatureSignal]
  /// Rows whose features (label and ID columns left out) equal another row's with another label.
  public var conflicts: ConflictSummary
  /// Label changes between consecutive labeled rows, and how many a shuffled file would have.
  public var labelChanges: Int
  public var expectedLabelChanges: Double
  /// Columns equal to the target as a sum or difference of two numeric columns (regression).
  public var arithmeticCopies: [ArithmeticCopy]
  /// The folds used to judge `rare_class`.
  public var folds: Int
  /// Columns declared as identifiers (`--id`) and as the time (`--time`).
  public var idColumns: [String]
  public var timeColumn: String?

  public struct ConflictSummary: Sendable, Equatable {
    public var groups: Int
    public var rows: Int
    public var exact: Bool
  }

  public struct ArithmeticCopy: Sendable, Equatable {
    public var columns: [String]
    /// `+` or `-` (first minus second).
    public var operation: String
    public var matchRatio: Double
  }

  /// The share of labeled rows in the majority class (classification), the baseline of accuracy.
  public var baselineAccuracy: Double? { majorityShare }
}

/// What one column says about the label, measured without a model.
public struct FeatureSignal: Sendable {
  public var column: String
  public var index: Int
  /// Held-out accuracy of the best one-column rule (value → its majority class, leave-one-out;
  /// or one threshold on a number, fitted on one half of the rows and scored on the other).
  public var ruleAccuracy: Double?
  /// How the rule works: `value` or `threshold`.
  public var ruleKind: String?
  /// Rows the rule was scored on.
  public var ruleRows: Int
  /// Pearson correlation with a numeric target (regression).
  public var correlation: Double?
  /// Correlation ratio (adjusted for the number of values) with a numeric target (regression).
  public var correlationRatio: Double?
  /// Labeled rows on which this column's text equals the label's.
  public var equalToLabel: Int
  /// Label distribution where the column is missing against where it is present.
  public var missingness: Missingness?
  /// Label rate across the deciles of this column's values (for ID columns).
  public var orderEffect: OrderEffect?

  public struct Missingness: Sendable {
    public var missingRows: Int
    public var presentRows: Int
    /// The largest difference, over classes, of a class's share between missing and present rows
    /// (classification), or the standardized mean difference of the target (regression).
    public var effect: Double
    /// A two-sample z statistic for that difference.
    public var z: Double
    /// The class whose share differs most (classification).
    public var classValue: String?
    public var missingShare: Double?
    public var presentShare: Double?
  }

  public struct OrderEffect: Sendable {
    /// Positive share (or the majority class's share) in the first and last decile.
    public var firstDecileShare: Double
    public var lastDecileShare: Double
    /// Chi-square statistic of homogeneity across deciles, its degrees of freedom, and Cramér's V.
    public var chiSquare: Double
    public var degreesOfFreedom: Int
    public var cramersV: Double
  }
}
