/// An input error: the dataset cannot be read, so no profile is produced (exit status 2).
///
/// Every case carries where it happened and renders as `file:line:column: error[code]: message`,
/// with what to do about it.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Stable error codes, listed in the README.
  public enum Code: String, Sendable {
    case fileNotFound = "input.not-found"
    case unreadable = "input.unreadable"
    case headerMismatch = "input.header-mismatch"
    case unterminatedQuote = "csv.unterminated-quote"
    case strayQuote = "csv.stray-quote"
    case textAfterQuote = "csv.text-after-closing-quote"
    case fieldTooLarge = "csv.field-too-large"
    case tooManyFields = "csv.too-many-fields"
    case parserOutOfMemory = "csv.out-of-memory"
    case gzipTruncated = "gzip.truncated"
    case gzipCorrupt = "gzip.corrupt"
    case mixedFormats = "input.mixed-formats"
    case parquetBadMagic = "parquet.bad-magic"
    case parquetBadFooter = "parquet.bad-footer"
    case parquetEncrypted = "parquet.encrypted"
    case parquetUnsupported = "parquet.unsupported"
    case parquetBadPageHeader = "parquet.bad-page-header"
    case parquetBadPage = "parquet.bad-page"
    case parquetPageCRCMismatch = "parquet.page-crc-mismatch"
    case parquetUnsupportedEncoding = "parquet.unsupported-encoding"
    case parquetUnsupportedCodec = "parquet.unsupported-codec"
    case parquetDecompressionFailed = "parquet.decompression-failed"
    case parquetSizeLimit = "parquet.size-limit"
    case unwritable = "output.unwritable"
    case unknownColumn = "input.unknown-column"
    case goalInvalidYAML = "goal.invalid-yaml"
    case goalUnknownKey = "goal.unknown-key"
    case goalWrongType = "goal.wrong-type"
    case goalBadValue = "goal.bad-value"
    case goalMissingKey = "goal.missing-key"
    case goalUnsupportedVersion = "goal.unsupported-version"
    case usage = "usage"
  }

  public var code: Code
  public var location: Location
  public var message: String

  public init(_ code: Code, at location: Location, _ message: String) {
    self.code = code
    self.location = location
    self.message = message
  }

  public var description: String { "\(location): error[\(code.rawValue)]: \(message)" }
}
