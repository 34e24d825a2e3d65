/// A JSON value with ordered keys, serialised deterministically (the order SPEC shows).
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

  /// Pretty-printed with two-space indentation and a final newline at the top level.
  public func serialized(indent: Int = 0) -> String {
    var out = ""
    write(to: &out, indent: indent)
    return out
  }

  private func write(to out: inout String, indent: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d): out += JSONValue.format(d)
    case .string(let s): JSONValue.escape(s, into: &out)
    case .array(let items): writeList(items.map { (nil, $0) }, open: "[", close: "]", to: &out, indent: indent)
    case .object(let pairs): writeList(pairs.map { ($0.0, $0.1) }, open: "{", close: "}", to: &out, indent: indent)
    }
  }

  private func writeList(_ items: [(String?, JSONValue)], open: String, close: String, to out: inout String, indent: Int) {
    guard !items.isEmpty else { out += open + close; return }
    if let inline = JSONValue.inline(items, open: open, close: close) { out += inline; return }
    let pad = String(repeating: " ", count: indent + 2)
    out += open + "\n"
    for (i, (key, value)) in items.enumerated() {
      out += pad
      if let key { JSONValue.escape(key, into: &out); out += ": " }
      value.write(to: &out, indent: indent + 2)
      out += i == items.count - 1 ? "\n" : ",\n"
    }
    out += String(repeating: " ", count: indent) + close
  }

  /// A short list of scalars on one line (`{"value": "a", "count": 3}`), else nil.
  private static func inline(_ items: [(String?, JSONValue)], open: String, close: String) -> String? {
    guard items.count <= 4, items.allSatisfy({ !$0.1.isContainer }) else { return nil }
    let parts = items.map { key, value in
      var text = ""
      if let key { escape(key, into: &text); text += ": " }
      return text + value.serialized()
    }
    let text = open + parts.joined(separator: ", ") + close
    return text.count <= 72 ? text : nil
  }

  private var isContainer: Bool {
    switch self {
    case .array, .object: return true
    default: return false
    }
  }

  /// Shortest round-trip form; integral values keep a `.0` so readers see a float; NaN and ±inf → null.
  static func format(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    return d.description
  }

  static func escape(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
