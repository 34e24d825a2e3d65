/// What one non-missing value looks like; a column's type is the join of its values' kinds.
public enum ValueKind: Int, Sendable, CaseIterable {
  case integer, float, boolean, date, slashDate, datetime, string
}

/// The type SPEC assigns a column: the most specific type every non-missing value fits.
public enum ColumnType: String, Sendable, Codable {
  case empty, integer, float, boolean, date, datetime, string

  /// Resolves the counts of value kinds seen in a column into its type.
  ///
  /// The widening rules, one per line:
  /// - no values → empty;
  /// - integers with floats → float (an integer is a float);
  /// - dates with datetimes → datetime (a date is its midnight);
  /// - YYYY-MM-DD with YYYY/MM/DD → string (SPEC takes the slash form only when every value has it);
  /// - anything else mixed → string.
  public static func resolve(_ counts: [Int]) -> ColumnType {
    let seen = Set(ValueKind.allCases.filter { counts[$0.rawValue] > 0 })
    switch seen {
    case []: return .empty
    case [.integer]: return .integer
    case [.float], [.integer, .float]: return .float
    case [.boolean]: return .boolean
    case [.date], [.slashDate]: return .date
    case [.datetime], [.date, .datetime]: return .datetime
    default: return .string
    }
  }

  public var isNumeric: Bool { self == .integer || self == .float }
  public var isTemporal: Bool { self == .date || self == .datetime }
}
