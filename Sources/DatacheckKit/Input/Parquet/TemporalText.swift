/// ISO 8601 text of Parquet's DATE, TIMESTAMP and INT96 values, in the proleptic Gregorian
/// calendar, with 64-bit arithmetic throughout (INT96 values far outside the nanosecond range
/// of an Int64 timestamp still print their true date).
extension ValueBuffer {
  static let secondsPerDay: Int64 = 86_400
  static let nanosPerDay: Int64 = 86_400 * 1_000_000_000
  /// The Julian day number of 1970-01-01, INT96's epoch offset.
  static let julianDayOfUnixEpoch: Int64 = 2_440_588

  /// `YYYY-MM-DD` for `days` since 1970-01-01 (years past 9999 print all their digits,
  /// years before 0 a minus sign).
  mutating func appendDate(days: Int64) {
    let (year, month, day) = ValueBuffer.civil(fromDays: days)
    if year < 0 { bytes.append(UInt8(ascii: "-")) }
    appendPadded(year.magnitude > UInt64(Int64.max) ? 0 : Int64(year.magnitude), width: 4)
    bytes.append(UInt8(ascii: "-"))
    appendPadded(month, width: 2)
    bytes.append(UInt8(ascii: "-"))
    appendPadded(day, width: 2)
  }

  /// `YYYY-MM-DDTHH:MM:SS`, then `.` and `digits` digits when `fraction` is not zero, then `Z`
  /// when `utc`. `fraction` counts units of 10^-digits seconds.
  mutating func appendDateTime(days: Int64, secondOfDay: Int64, fraction: Int64, digits: Int, utc: Bool) {
    appendDate(days: days)
    bytes.append(UInt8(ascii: "T"))
    appendPadded(secondOfDay / 3600, width: 2)
    bytes.append(UInt8(ascii: ":"))
    appendPadded(secondOfDay / 60 % 60, width: 2)
    bytes.append(UInt8(ascii: ":"))
    appendPadded(secondOfDay % 60, width: 2)
    if fraction != 0 {
      bytes.append(UInt8(ascii: "."))
      appendPadded(fraction, width: digits)
    }
    if utc { bytes.append(UInt8(ascii: "Z")) }
  }

  /// A TIMESTAMP: `value` units since 1970-01-01T00:00:00.
  mutating func appendTimestamp(_ value: Int64, unit: ParquetTimeUnit, utc: Bool) {
    let perDay = ValueBuffer.secondsPerDay * unit.perSecond
    let (days, within) = ValueBuffer.floorDivide(value, perDay)
    appendDateTime(days: days, secondOfDay: within / unit.perSecond, fraction: within % unit.perSecond,
                   digits: unit.digits, utc: utc)
  }

  /// An INT96 timestamp: nanoseconds of the day (8 bytes), then the Julian day (4 bytes),
  /// both little-endian. Nanoseconds outside one day carry into the date.
  mutating func appendInt96(nanosOfDay: Int64, julianDay: Int32) {
    let (carry, within) = ValueBuffer.floorDivide(nanosOfDay, ValueBuffer.nanosPerDay)
    let days = Int64(julianDay) - ValueBuffer.julianDayOfUnixEpoch + carry
    appendDateTime(days: days, secondOfDay: within / 1_000_000_000, fraction: within % 1_000_000_000,
                   digits: 9, utc: false)
  }

  /// Quotient rounded toward minus infinity, and the remainder in 0..<divisor.
  static func floorDivide(_ a: Int64, _ divisor: Int64) -> (Int64, Int64) {
    var q = a / divisor
    var r = a % divisor
    if r < 0 { q -= 1; r += divisor }
    return (q, r)
  }

  /// Year, month, day of `days` since 1970-01-01 (Howard Hinnant's `civil_from_days`).
  static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
    let z = days.addingReportingOverflow(719_468).partialValue
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
