import Foundation
import Testing
@testable import DatacheckKit

/// Value classification follows SPEC's type rules, one case per line.
@Suite struct ValueParserTests {
  @Test(arguments: [
    ("0", ValueKind.integer), ("-17", .integer), ("+5", .integer), ("9223372036854775807", .integer),
    ("-9223372036854775808", .integer), ("9223372036854775808", .float), ("1.5", .float), ("1.", .float),
    (".5", .float), ("-2.5E-2", .float), ("1e3", .float), ("1e", .string), ("3.4.5", .string),
    ("0x1F", .string), ("Inf", .string), ("1_000", .string), (" 12", .string), ("-", .string), ("+", .string),
    ("true", .boolean), ("FALSE", .boolean), ("True", .boolean), ("yes", .string), ("1", .integer),
    ("2024-02-29", .date), ("2023-02-29", .string), ("2023-13-01", .string), ("2023/01/31", .slashDate),
    ("2023-01-31T10:00", .datetime), ("2023-01-31 10:00:59", .datetime), ("2023-01-31T10:00:59.123Z", .datetime),
    ("2023-01-31T10:00:00+05:30", .datetime), ("2023-01-31T10:00:00-0800", .datetime),
    ("2023-01-31T25:00:00", .string), ("2023-01-31T10:00:00+5", .string), ("2023-1-31", .string),
  ])
  func kind(_ text: String, _ expected: ValueKind) {
    let kind = Array(text.utf8).withUnsafeBytes { ValueParser.parse($0).kind }
    #expect(kind == expected, "\(text)")
  }

  /// The byte-level float parser against its slow twin, `Double(String)`, on random decimals.
  @Test func floatParserMatchesTheStandardLibrary() {
    var rng = SplitMix(seed: 7)
    var mismatches: [String] = []
    for _ in 0..<20_000 {
      let text = randomDecimal(&rng)
      let ours = Array(text.utf8).withUnsafeBytes { ValueParser.parseFloat($0) }
      let theirs = Double(text)
      if ours != theirs && !(ours?.isNaN ?? false) { mismatches.append("\(text): \(String(describing: ours)) vs \(String(describing: theirs))") }
    }
    #expect(mismatches.isEmpty, Comment(rawValue: mismatches.prefix(10).joined(separator: "\n")))
  }

  /// One scan tells integers from decimals: against the two-pass twin (an Int64 parse of
  /// `[+-]?[0-9]+`, then the float parser) on random numbers of every width, signs, points,
  /// exponents and leading zeros, and on the edges of Int64.
  @Test func integersAndDecimalsAlikeToTwoPasses() {
    var rng = SplitMix(seed: 11)
    let edges = ["9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                 "0009223372036854775807", "-0", "+0", "00", "18446744073709551615", "99999999999999999999", "1e0", "1."]
    var mismatches: [String] = []
    for i in 0..<20_000 {
      var text = i < edges.count ? edges[i] : ""
      if text.isEmpty {
        text = ["", "-", "+"][Int(rng.next() % 3)] + String(repeating: "0", count: Int(rng.next() % 3))
        text += String((0..<Int(rng.next() % 22)).map { _ in Character(String(rng.next() % 10)) })
        if rng.next() % 4 == 0 { text += "." + String(rng.next() % 1000) }
        if rng.next() % 8 == 0 { text += "e" + String(rng.next() % 30) }
      }
      let parsed = Array(text.utf8).withUnsafeBytes { ValueParser.parse($0) }
      let twin: (ValueKind, Double, Int64)
      if let integer = twoPassInteger(text) {
        twin = (.integer, Double(integer), integer)
      } else if let number = Array(text.utf8).withUnsafeBytes({ ValueParser.parseFloat($0) }) {
        twin = (.float, number, 0)
      } else {
        twin = (.string, 0, 0)
      }
      if parsed.kind != twin.0 || parsed.number.bitPattern != twin.1.bitPattern || parsed.integer != twin.2 {
        mismatches.append("\(text): \(parsed) vs \(twin)")
      }
    }
    #expect(mismatches.isEmpty, Comment(rawValue: mismatches.prefix(10).joined(separator: "\n")))
  }

  /// `[+-]?[0-9]+` within Int64, digit by digit with overflow checks.
  private func twoPassInteger(_ text: String) -> Int64? {
    var bytes = Array(text.utf8)[...]
    var negative = false
    if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { negative = sign == UInt8(ascii: "-"); bytes = bytes.dropFirst() }
    guard !bytes.isEmpty else { return nil }
    var magnitude: UInt64 = 0
    for byte in bytes {
      guard byte &- 48 < 10 else { return nil }
      let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times10.addingReportingOverflow(UInt64(byte - 48))
      guard !o1 && !o2 else { return nil }
      magnitude = sum
    }
    if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
    return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
  }

  @Test func datetimesAreComparedAsInstants() throws {
    let seconds = { (s: String) in Array(s.utf8).withUnsafeBytes { Temporal.parseDatetime($0) } }
    #expect(seconds("1970-01-01T00:00:00Z") == 0)
    #expect(seconds("1970-01-01T01:00:00+01:00") == 0)
    #expect(seconds("2000-03-01 00:00") == 951_868_800)  // date -d 2000-03-01T00:00Z +%s
    #expect(try #require(seconds("1970-01-01T00:00:00.25")) == 0.25)
  }

  private func randomDecimal(_ rng: inout SplitMix) -> String {
    let digits = { (n: Int, rng: inout SplitMix) in String((0..<n).map { _ in Character(String(rng.next() % 10)) }) }
    var text = rng.next() % 3 == 0 ? "-" : ""
    text += digits(Int(rng.next() % 20), &rng)
    if rng.next() % 2 == 0 || text.isEmpty || text == "-" { text += "." + digits(1 + Int(rng.next() % 20), &rng) }
    if rng.next() % 3 == 0 { text += "e" + (rng.next() % 2 == 0 ? "-" : "") + String(rng.next() % 330) }
    return text
  }
}
