import Foundation

/// Number formatting shared by the human-readable renderers.
enum Formatting {
  /// A column's summary when its counts are estimates and no value is certain to stand out
  /// (near-unique values: ids, free text, prices).
  static let noFrequentValue = "no value stands out"

  /// `1234567` → `1,234,567`.
  static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return n < 0 ? "-" + out : out
  }

  /// A short human form of a number: integers as is, others with up to 4 significant digits.
  static func short(_ d: Double) -> String {
    if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
    let magnitude = abs(d)
    if magnitude >= 1e6 || magnitude < 1e-3 { return scientific(d) }
    let decimals = magnitude >= 1000 ? 1 : magnitude >= 100 ? 2 : magnitude >= 1 ? 3 : 4
    return trimmed(fixed(d, decimals: decimals))
  }

  static func percent(_ ratio: Double) -> String { fixed(ratio * 100, decimals: 1) + "%" }

  static func bytes(_ n: Int) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(n)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
    return unit == 0 ? "\(n) B" : fixed(value, decimals: 1) + " " + units[unit]
  }

  static func fixed(_ d: Double, decimals: Int) -> String {
    let scale = (0..<decimals).reduce(1.0) { acc, _ in acc * 10 }
    let rounded = (abs(d) * scale).rounded() / scale
    let whole = Int64(rounded.rounded(.down))
    var text = (d < 0 && rounded != 0 ? "-" : "") + String(whole)
    if decimals > 0 {
      let fraction = Int64(((rounded - Double(whole)) * scale).rounded())
      let digits = String(fraction)
      text += "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
    return text
  }

  private static func trimmed(_ s: String) -> String {
    guard s.contains(".") else { return s }
    var t = s
    while t.hasSuffix("0") { t.removeLast() }
    if t.hasSuffix(".") { t.removeLast() }
    return t
  }

  private static func scientific(_ d: Double) -> String {
    var exponent = 0
    var m = abs(d)
    while m >= 10 { m /= 10; exponent += 1 }
    while m < 1 && m > 0 { m *= 10; exponent -= 1 }
    return (d < 0 ? "-" : "") + trimmed(fixed(m, decimals: 2)) + "e" + String(exponent)
  }

  /// Cuts `s` to `width` characters, marking the cut with `…`.
  static func clip(_ s: String, _ width: Int) -> String {
    guard s.count > width else { return s }
    return width <= 1 ? String(s.prefix(width)) : String(s.prefix(width - 1)) + "…"
  }

  static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - s.count))
    return right ? fill + s : s + fill
  }

  /// A value shown inline: control characters made visible.
  static func visible(_ s: String) -> String {
    s.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\t", with: "\\t")
  }
}
