/// Where in a Parquet file something happened: the file, and when known the row group, the
/// column and the page (all 0-based, as Parquet tools count them).
///
/// Errors read `data.parquet: error[parquet.page-crc-mismatch]: row group 0, column \`a\`, page 0: …`.
struct ParquetPlace: CustomStringConvertible {
  var path: String
  var rowGroup: Int?
  var column: String?
  var page: Int?

  init(path: String, rowGroup: Int? = nil, column: String? = nil, page: Int? = nil) {
    self.path = path
    self.rowGroup = rowGroup
    self.column = column
    self.page = page
  }

  /// `row group 0, column \`a\`, page 3`, or `the footer` when nothing finer is known.
  var description: String {
    var parts: [String] = []
    if let rowGroup { parts.append("row group \(rowGroup)") }
    if let column { parts.append("column `\(column)`") }
    if let page { parts.append("page \(page)") }
    return parts.isEmpty ? "the footer" : parts.joined(separator: ", ")
  }

  /// An input error at this place.
  func error(_ code: InputError.Code, _ message: String) -> InputError {
    InputError(code, at: Location(path: path), "\(self): \(message)")
  }

  func with(page: Int) -> ParquetPlace {
    var copy = self
    copy.page = page
    return copy
  }
}

/// Limits that keep memory bounded whatever a Parquet file claims.
enum ParquetLimits {
  /// The largest page (compressed or not) datacheck allocates for; larger claims are
  /// `parquet.size-limit` errors. Writers default to 1 MiB pages.
  static let maxPageBytes = 256 << 20
  /// The largest page header; real headers are a few hundred bytes (statistics included).
  static let maxPageHeaderBytes = 16 << 20
  /// The first read of a page header; it grows up to `maxPageHeaderBytes` when needed.
  static let headerWindow = 64 << 10
  /// A schema nested deeper than this is refused as corrupt.
  static let maxSchemaDepth = 100
}
