import Foundation
@testable import DatacheckKit

/// Paths of the parquet-testing conformance files and helpers to read Parquet in tests.
enum ParquetTesting {
  /// `<repo>/../shared/conformance/parquet-testing`: read-only, beside the repository (CI has it
  /// there too). A user's clone may not have it; the tests that need it are then skipped.
  static let conformanceRoot = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/conformance/parquet-testing")

  static let hasConformance = FileManager.default.fileExists(atPath: conformanceRoot.appendingPathComponent("EXPECTED.md").path)

  static func conformance(_ name: String) -> String { conformanceRoot.appendingPathComponent(name).path }

  static func fixture(_ name: String) -> String { Fixtures.path("parquet/" + name) }

  /// Every row of a Parquet file as text, nil for a null, read `batchRows` rows at a time.
  static func readAll(_ path: String, batchRows: Int = 8192) throws -> (names: [String], rows: [[String?]]) {
    var options = ReadOptions()
    options.batchRows = batchRows
    let reader = try ParquetFileReader(path: path, options: options)
    var rows: [[String?]] = []
    while try reader.next() {
      let batch = reader.batch
      for r in 0..<batch.count {
        rows.append(batch.columns.map { column in
          column.isAbsent(r) ? nil : column.withValue(r) { String(decoding: $0, as: UTF8.self) }
        })
      }
    }
    return (reader.columnNames, rows)
  }

  /// Parses the parquet-testing `_expect.csv` files: commas, fields optionally in double quotes
  /// (commas inside, no quotes inside); an empty unquoted field is a null.
  static func expectCSV(_ path: String) throws -> (names: [String], rows: [[String?]]) {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.split(separator: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
    let names = splitCSVLine(lines[0]).map { ($0 ?? "").trimmingCharacters(in: .whitespaces) }
    return (names, lines.dropFirst().map(splitCSVLine))
  }

  private static func splitCSVLine(_ line: String) -> [String?] {
    var fields: [String?] = []
    var field = ""
    var quoted = false, inQuotes = false
    for ch in line {
      if ch == "\"" { inQuotes.toggle(); quoted = true; continue }
      if ch == "," && !inQuotes {
        fields.append(field.isEmpty && !quoted ? nil : field)
        field = ""; quoted = false
        continue
      }
      field.append(ch)
    }
    fields.append(field.isEmpty && !quoted ? nil : field)
    return fields
  }

  /// Profiles `paths` as one dataset and returns the profile as parsed JSON.
  static func profileJSON(_ paths: [String]) throws -> [String: Any] {
    let profile = try Fixtures.profile(paths)
    return try JSONSerialization.jsonObject(with: Data(ProfileJSON.render(profile).utf8)) as! [String: Any]
  }

  /// The `InputError` that reading all of `path` throws, or nil when it reads cleanly.
  static func readError(_ path: String) -> InputError? {
    do {
      _ = try readAll(path)
      return nil
    } catch let error as InputError {
      return error
    } catch {
      return InputError(.unreadable, at: Location(path: path), "unexpected \(error)")
    }
  }
}
