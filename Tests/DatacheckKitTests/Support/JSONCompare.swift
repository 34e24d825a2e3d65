import Foundation

/// Deep comparison of parsed JSON values, numbers within a relative tolerance.
enum JSONCompare {
  /// The differences between two JSON texts, as `path: expected …, got …` lines.
  static func differences(_ expected: String, _ actual: String, tolerance: Double = 1e-9) -> [String] {
    let parse = { (s: String) in try? JSONSerialization.jsonObject(with: Data(s.utf8)) }
    var out: [String] = []
    compare(parse(expected), parse(actual), "$", &out, tolerance: tolerance)
    return out
  }

  static func compare(_ expected: Any?, _ actual: Any?, _ path: String, _ out: inout [String], tolerance: Double = 1e-9) {
    switch (expected, actual) {
    case (nil, nil), (is NSNull, is NSNull), (is NSNull, nil): return
    case let (e as [String: Any], a as [String: Any]):
      if Set(e.keys) != Set(a.keys) { out.append("\(path): keys \(e.keys.sorted()) ≠ \(a.keys.sorted())") }
      for (key, value) in e { compare(value, a[key], "\(path).\(key)", &out, tolerance: tolerance) }
    case let (e as [Any], a as [Any]):
      if e.count != a.count { out.append("\(path): \(e.count) items ≠ \(a.count): \(a)"); return }
      for (i, (x, y)) in zip(e, a).enumerated() { compare(x, y, "\(path)[\(i)]", &out, tolerance: tolerance) }
    case let (e as String, a as String):
      if e != a { out.append("\(path): expected \(e.debugDescription), got \(a.debugDescription)") }
    case let (e as NSNumber, a as NSNumber):
      let x = e.doubleValue, y = a.doubleValue
      if abs(x - y) > tolerance * max(1, abs(x)) { out.append("\(path): expected \(x), got \(y)") }
    default:
      out.append("\(path): expected \(String(describing: expected)), got \(String(describing: actual))")
    }
  }
}
