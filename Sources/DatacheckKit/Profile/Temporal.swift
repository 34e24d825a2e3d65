/// ISO dates and datetimes parsed from bytes into seconds since 1970-01-01T00:00:00Z.
enum Temporal {
  /// `YYYY-MM-DD` or `YYYY/MM/DD`, a real calendar day, as seconds at its midnight; else nil.
  static func parseDate(_ v: UnsafeRawBufferPointer) -> Double? {
    guard v.count == 10 else { return nil }
    return dateSeconds(v)
  }

  /// ISO 8601 `YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|±HH:MM|±HHMM]` as seconds since 1970 (UTC); else nil.
  static func parseDatetime(_ v: UnsafeRawBufferPointer) -> Double? {
    guard v.count >= 16, v[4] == UInt8(ascii: "-"), v[10] == UInt8(ascii: "T") || v[10] == UInt8(ascii: " "),
          let day = dateSeconds(v), let hour = number(v, 11, 2), v[13] == UInt8(ascii: ":"),
          let minute = number(v, 14, 2), hour < 24, minute < 60 else { return nil }
    var seconds = day + Double(hour * 3600 + minute * 60)
    var i = 16
    if i < v.count && v[i] == UInt8(ascii: ":") {
      guard let s = number(v, i + 1, 2), s <= 60 else { return nil }
      seconds += Double(s)
      i += 3
      if i < v.count && v[i] == UInt8(ascii: ".") {
        var scale = 0.1
        i += 1
        let start = i
        while i < v.count, ValueParser.isDigit(v[i]) { seconds += Double(v[i] - 48) * scale; scale /= 10; i += 1 }
        guard i > start else { return nil }
      }
    }
    guard let offset = zoneOffset(v, from: i) else { return nil }
    return seconds - offset
  }

  /// The zone designator from `i` to the end: none (taken as UTC), `Z`, `±HH:MM` or `±HHMM`.
  private static func zoneOffset(_ v: UnsafeRawBufferPointer, from i: Int) -> Double? {
    let rest = v.count - i
    if rest == 0 { return 0 }
    if rest == 1 && (v[i] == UInt8(ascii: "Z") || v[i] == UInt8(ascii: "z")) { return 0 }
    guard rest == 5 || rest == 6, v[i] == UInt8(ascii: "+") || v[i] == UInt8(ascii: "-"),
          let h = number(v, i + 1, 2), h <= 14 else { return nil }
    let minuteAt = rest == 6 ? i + 4 : i + 3
    guard rest == 5 || v[i + 3] == UInt8(ascii: ":"), let m = number(v, minuteAt, 2), m < 60 else { return nil }
    let sign: Double = v[i] == UInt8(ascii: "-") ? -1 : 1
    return sign * Double(h * 3600 + m * 60)
  }

  private static func dateSeconds(_ v: UnsafeRawBufferPointer) -> Double? {
    let separator = v[4]
    guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/"), v[7] == separator,
          let year = number(v, 0, 4), let month = number(v, 5, 2), let day = number(v, 8, 2),
          (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
    return Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
  }

  @inline(__always)
  private static func number(_ v: UnsafeRawBufferPointer, _ at: Int, _ width: Int) -> Int? {
    guard at + width <= v.count else { return nil }
    var n = 0
    for i in at..<at + width {
      let d = v[i] &- 48
      guard d < 10 else { return nil }
      n = n * 10 + Int(d)
    }
    return n
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
