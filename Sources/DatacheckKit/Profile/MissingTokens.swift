/// The set of tokens that mean "missing", and a per-column count of each.
public struct MissingTokens: Sendable, Equatable {
  /// SPEC's default set; `--na` (or the goal's `missing_values`) replaces it.
  public static let defaults = ["", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "<NA>", "#N/A"]

  public let tokens: [String]
  private let bytes: [[UInt8]]
  private let maxLength: Int
  /// Bit `b & 63` is set when some non-empty token starts with byte `b`: most values fail this
  /// one test instead of being compared with each token.
  private let firstBytes: UInt64
  private let hasEmpty: Bool

  public init(_ tokens: [String] = MissingTokens.defaults) {
    self.tokens = tokens
    bytes = tokens.map { Array($0.utf8) }
    maxLength = bytes.map(\.count).max() ?? -1
    firstBytes = bytes.reduce(0) { bits, token in token.first.map { bits | 1 << ($0 & 63) } ?? bits }
    hasEmpty = bytes.contains { $0.isEmpty }
  }

  /// The index of the token `v` equals, or nil when `v` is a value.
  @inline(__always)
  public func match(_ v: UnsafeRawBufferPointer) -> Int? {
    guard v.count <= maxLength else { return nil }
    if let first = v.first {
      guard firstBytes & 1 << (first & 63) != 0 else { return nil }
    } else if !hasEmpty {
      return nil
    }
    for (i, token) in bytes.enumerated() where token.count == v.count {
      if token.withUnsafeBytes({ $0.elementsEqual(v) }) { return i }
    }
    return nil
  }
}
