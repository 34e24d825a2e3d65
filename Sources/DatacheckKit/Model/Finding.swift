/// How much a finding matters.
public enum Severity: String, Sendable, Comparable, CaseIterable {
  case error, warning, info

  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
  private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
}

/// What a check found: the measured value against its threshold, the columns, and what to do.
public struct Finding: Sendable, Equatable {
  public var check: String
  public var severity: Severity
  public var columns: [String]
  public var message: String
  /// The measured value (an accuracy, a ratio, a count), when the check measures one.
  public var value: Double?
  public var threshold: Double?
  /// The step that would remove the finding.
  public var action: String

  public init(check: String, severity: Severity, columns: [String], message: String,
              value: Double? = nil, threshold: Double? = nil, action: String) {
    self.check = check
    self.severity = severity
    self.columns = columns
    self.message = message
    self.value = value
    self.threshold = threshold
    self.action = action
  }
}
