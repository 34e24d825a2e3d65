/// Where something is in the input: a file and, when known, a 1-based line and byte column.
public struct Location: Sendable, Equatable, Hashable, CustomStringConvertible {
  public var path: String
  public var line: Int?
  public var column: Int?

  public init(path: String, line: Int? = nil, column: Int? = nil) {
    self.path = path
    self.line = line
    self.column = column
  }

  /// `file:line:column`, `file:line` or `file`, as compilers and editors print positions.
  public var description: String {
    var text = path
    if let line { text += ":\(line)" }
    if line != nil, let column { text += ":\(column)" }
    return text
  }
}
