/// The set of tokens that mean "missing", and a per-column count of each.
public struct MissingTokens: Sendable, Equatable {
  /// SPEC's default set; `--na` (or the goal's `missing_values`) replaces it.
  public static let defaults = ["", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "<NA>", "#N/A"]

  public let tokens: [String]
  private let bytes: [[UInt8]]
  private let maxLength: Int

  public init(_ tokens: [String] = MissingTokens.defaults) {
    self.tokens = tokens
    bytes = tokens.map { Array($0.utf8) }
    maxLength = bytes.map(\.count).max() ?? -1
  }

  /// The index of the token `v` equals, or nil when `v` is a value.
  @inline(__always)
  public func match(_ v: UnsafeRawBufferPointer) -> Int? {
    guard v.count <= maxLength else { return nil }
    for (i, token) in bytes.enumerated() where token.count == v.count {
      if token.withUnsafeBytes({ $0.elementsEqual(v) }) { return i }
    }
    return nil
  }
}
