import Yams

/// Typed values from YAML nodes, each failing with the node's place and key path.
extension GoalNodeReader {
  /// The keys of a mapping, all known (an unknown one is an error with a suggestion), located.
  mutating func keys(_ m: Node.Mapping, at prefix: String, allowed: [String]) throws -> [String: Node] {
    var out: [String: Node] = [:]
    for (keyNode, value) in m {
      guard let key = keyNode.scalar?.string else { throw error(.goalWrongType, keyNode, prefix, "a key must be a plain word") }
      let keyPath = prefix.isEmpty ? key : prefix + "." + key
      guard allowed.contains(key) else {
        let near = allowed.min { Spelling.distance(key, $0) < Spelling.distance(key, $1) }
        let hint = near.flatMap { Spelling.distance(key, $0) <= 3 ? " (did you mean `\($0)`?)" : nil } ?? ""
        throw error(.goalUnknownKey, keyNode, keyPath, "unknown key `\(key)`\(hint); \(prefix.isEmpty ? "the file" : "`\(prefix)`") takes \(allowed.joined(separator: ", "))")
      }
      record(keyNode, keyPath)
      out[key] = value
    }
    return out
  }

  mutating func record(_ node: Node, _ keyPath: String) {
    if let mark = node.mark { locations[keyPath] = GoalLocation(path: path, line: mark.line, column: mark.column, keyPath: keyPath) }
  }

  func mapping(_ node: Node, _ keyPath: String) throws -> Node.Mapping {
    guard let m = node.mapping else { throw error(.goalWrongType, node, keyPath, "expected a mapping of keys") }
    return m
  }

  func string(_ node: Node, _ keyPath: String) throws -> String {
    guard let s = node.scalar?.string, !s.isEmpty else { throw error(.goalWrongType, node, keyPath, "expected a text value") }
    return s
  }

  func strings(_ node: Node, _ keyPath: String) throws -> [String] {
    guard let items = node.sequence else { throw error(.goalWrongType, node, keyPath, "expected a list, like [a, b]") }
    return try items.map { item in
      guard let s = item.scalar?.string else { throw error(.goalWrongType, item, keyPath, "expected a list of text values") }
      return s
    }
  }

  func int(_ node: Node, _ keyPath: String) throws -> Int {
    guard node.scalar != nil, let n = node.int else { throw error(.goalWrongType, node, keyPath, "expected a whole number, not `\(node.scalar?.string ?? "a list or mapping")`") }
    return n
  }

  func count(_ node: Node, _ keyPath: String) throws -> Int {
    let n = try int(node, keyPath)
    guard n >= 0 else { throw error(.goalBadValue, node, keyPath, "expected a count of 0 or more, not \(n)") }
    return n
  }

  func number(_ node: Node, _ keyPath: String) throws -> Double {
    guard node.scalar != nil, let x = node.float, x.isFinite else { throw error(.goalWrongType, node, keyPath, "expected a number, not `\(node.scalar?.string ?? "a list or mapping")`") }
    return x
  }

  /// A share from 0 to 1 (`open`: strictly between).
  func ratio(_ node: Node, _ keyPath: String, open: Bool = false) throws -> Double {
    let x = try number(node, keyPath)
    let ok = open ? x > 0 && x < 1 : x >= 0 && x <= 1
    guard ok else { throw error(.goalBadValue, node, keyPath, "expected a share \(open ? "strictly " : "")between 0 and 1 (0.05 is 5 %), not \(x)") }
    return x
  }

  func atLeast(_ minimum: Double, _ node: Node, _ keyPath: String) throws -> Double {
    let x = try number(node, keyPath)
    guard x >= minimum else { throw error(.goalBadValue, node, keyPath, "expected \(Formatting.short(minimum)) or more, not \(x)") }
    return x
  }

  func choice<T: RawRepresentable>(_ node: Node, _ keyPath: String, _ type: T.Type, _ names: [String]) throws -> T where T.RawValue == String {
    let s = try string(node, keyPath)
    guard let value = T(rawValue: s) else { throw error(.goalBadValue, node, keyPath, "`\(s)` is not one of \(names.joined(separator: ", "))") }
    return value
  }

  func missing(_ keyPath: String, in node: Node, hint: String) -> InputError {
    error(.goalMissingKey, node, keyPath, "the key `\(keyPath)` is required: \(hint)")
  }

  func error(_ code: InputError.Code, _ node: Node, _ keyPath: String, _ message: String) -> InputError {
    let mark = node.mark
    let suffix = keyPath.isEmpty ? "" : " (\(keyPath))"
    return InputError(code, at: Location(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1), message + suffix)
  }
}

/// Edit distance, for "did you mean".
enum Spelling {
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(1, a.count) where !a.isEmpty {
      var previous = row[0]
      row[0] = i
      for j in 1...max(1, b.count) where !b.isEmpty {
        let current = row[j]
        row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
        previous = current
      }
    }
    return a.isEmpty ? b.count : row[b.count]
  }
}
