/// A recoverable problem in the input: counted, located at its first occurrences, never fatal.
///
/// The reader keeps going after a problem (a ragged row is still profiled, a BOM is stripped);
/// the profile reports each kind once with its count and the first few places it occurred.
public struct Problem: Sendable, Equatable {
  /// The kinds of recoverable problems, with their stable codes.
  public enum Kind: String, Sendable, CaseIterable, Comparable {
    /// A record whose field count differs from the header's.
    case raggedRow = "ragged_row"
    /// An empty (or all-blank) line outside a quoted field: not a row.
    case blankLine = "blank_line"
    /// A UTF-8 byte order mark at the start of a file, stripped before parsing.
    case bom = "bom"
    /// A value that is not valid UTF-8; it is profiled as its bytes.
    case invalidUTF8 = "invalid_utf8"
    /// A file with a header and no data records.
    case noDataRows = "no_data_rows"
    /// A file with no header and no records (no bytes, or only blank lines): profiled as zero
    /// rows of zero columns.
    case emptyFile = "empty_file"
    /// A Parquet column that is not flat (a list, map or struct): not profiled, named in `detail`.
    case unsupportedColumn = "unsupported_column"
    /// A Parquet logical type datacheck does not know: the column is read as its physical type.
    case unknownLogicalType = "unknown_logical_type"
    /// Parquet footer statistics that disagree with the values read (the values win).
    case statisticsMismatch = "statistics_mismatch"

    public static func < (a: Kind, b: Kind) -> Bool {
      allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// What the user should do about it, shown in reports.
    public var advice: String {
      switch self {
      case .raggedRow: return "check the writer of the file: these records do not have one field per column"
      case .blankLine: return "blank lines are skipped; remove them if they are not meant to be there"
      case .bom: return "the byte order mark was ignored"
      case .invalidUTF8: return "re-encode the file as UTF-8"
      case .noDataRows: return "the file holds a header and no records"
      case .emptyFile: return "the file holds no header and no records: check that it was written completely"
      case .unsupportedColumn: return "nested columns (lists, maps, structs) are not profiled; flatten them to profile them"
      case .unknownLogicalType: return "the column was profiled as its physical type"
      case .statisticsMismatch: return "the file's writer stored statistics that do not match its data; the data was profiled"
      }
    }
  }

  public static let maxLocations = 5

  public var kind: Kind
  public var count: Int
  /// The first `maxLocations` occurrences, in input order.
  public var first: [Location]
  /// A short description of the first occurrence (for example "3 fields, header has 4").
  public var detail: String?

  public init(kind: Kind, count: Int = 0, first: [Location] = [], detail: String? = nil) {
    self.kind = kind
    self.count = count
    self.first = first
    self.detail = detail
  }
}

/// Collects recoverable problems by kind while the input is read.
public struct ProblemLog: Sendable, Equatable {
  private var byKind: [Problem.Kind: Problem] = [:]

  public init() {}

  /// Counts one occurrence of `kind` at `location`, keeping the first few locations.
  public mutating func record(_ kind: Problem.Kind, at location: Location, detail: @autoclosure () -> String? = nil) {
    var problem = byKind[kind] ?? Problem(kind: kind)
    problem.count += 1
    if problem.first.count < Problem.maxLocations { problem.first.append(location) }
    if problem.detail == nil { problem.detail = detail() }
    byKind[kind] = problem
  }

  /// Adds the problems of a later part of the input (their locations come after ours).
  public mutating func merge(_ other: ProblemLog) {
    for (kind, theirs) in other.byKind {
      guard var mine = byKind[kind] else { byKind[kind] = theirs; continue }
      mine.count += theirs.count
      mine.first = Array((mine.first + theirs.first).prefix(Problem.maxLocations))
      if mine.detail == nil { mine.detail = theirs.detail }
      byKind[kind] = mine
    }
  }

  public func count(of kind: Problem.Kind) -> Int { byKind[kind]?.count ?? 0 }

  /// Rewrites every kept location (to place a segment's problems in its file).
  mutating func mapLocations(_ transform: (Location) -> Location) {
    for (kind, problem) in byKind { byKind[kind]!.first = problem.first.map(transform) }
  }

  /// The problems in a stable order.
  public var problems: [Problem] { byKind.values.sorted { $0.kind < $1.kind } }
}
