import Foundation
import Testing
@testable import DatacheckKit

/// Quote-free lines skip libcsv (`CSVParser.parseUnquotedLine`); libcsv is the reference. Both
/// ways must give the same records, field by field, the same problems at the same lines and the
/// same error at the same place: on every fixture, and on random input made of the bytes that
/// matter (delimiters, quotes, spaces, tabs, CR, LF, NUL, invalid UTF-8) read in random chunks.
@Suite struct CSVFastPathTests {
  /// Everything the parser produced: each record's fields (absent ones marked), line and field
  /// count; the problems with their places; the error.
  static func dump(_ bytes: [UInt8], delimiter: UInt8, hasHeader: Bool, chunks: [Int], fast: Bool,
                   maxFieldSize: Int = 1 << 20, maxColumns: Int = 16_384) -> String {
    let parser = CSVParser(path: "r.csv", delimiter: delimiter, maxFieldSize: maxFieldSize, maxColumns: maxColumns,
                           hasHeader: hasHeader, batchCapacity: 8)
    parser.unquotedFastPath = fast
    var out = ""
    func drain() {
      let batch = parser.batch
      for r in 0..<batch.count {
        let fields = batch.columns.map { column -> String in
          column.isAbsent(r) ? "∅" : column.withValue(r) { Array($0).map(String.init).joined(separator: ".") }
        }
        out += "line \(batch.lines[r]) ×\(batch.fieldCounts[r]): \(fields.joined(separator: " | "))\n"
      }
      parser.batch.removeAll()
    }
    var offset = 0, next = 0
    bytes.withUnsafeBytes { all in
      while offset < all.count && parser.error == nil {
        let size = min(chunks[next % chunks.count], all.count - offset)
        next += 1
        parser.feed(UnsafeRawBufferPointer(rebasing: all[offset..<offset + size]))
        offset += size
        drain()
      }
    }
    if parser.error == nil { parser.finish(); drain() }
    out += "header: \(parser.headerFields.map { $0.map(String.init).joined(separator: ".") })\n"
    for p in parser.problems.problems { out += "\(p.kind) ×\(p.count) at \(p.first) \(p.detail ?? "")\n" }
    if let error = parser.error { out += "error: \(error)\n" }
    return out
  }

  @Test func randomInputParsesAlikeBothWays() {
    var rng = SplitMix(seed: 2026)
    let alphabet: [UInt8] = Array("ab1 ,;\t\"\"\n\n\r".utf8) + [0, 0xC3, 0xA9, 0xFF]
    var differing: [String] = []
    for trial in 0..<3_000 {
      let length = Int(rng.next() % 120)
      var bytes = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      if trial % 3 == 0 { bytes = bytes.filter { $0 != UInt8(ascii: "\"") } }   // quote-free: mostly the fast path
      let delimiter: UInt8 = [UInt8(ascii: ","), UInt8(ascii: ";"), 9, 32][trial % 4]
      let chunks = (0..<3).map { _ in 1 + Int(rng.next() % 40) }
      let hasHeader = trial % 5 != 0
      let maxColumns = trial % 7 == 0 ? 3 : 16_384
      let maxField = trial % 11 == 0 ? 4 : 1 << 20
      let slow = CSVFastPathTests.dump(bytes, delimiter: delimiter, hasHeader: hasHeader, chunks: chunks, fast: false,
                                       maxFieldSize: maxField, maxColumns: maxColumns)
      let fast = CSVFastPathTests.dump(bytes, delimiter: delimiter, hasHeader: hasHeader, chunks: chunks, fast: true,
                                       maxFieldSize: maxField, maxColumns: maxColumns)
      if slow != fast && differing.count < 3 {
        differing.append("input \(bytes) delimiter \(delimiter) chunks \(chunks):\nlibcsv:\n\(slow)fast:\n\(fast)")
      }
    }
    #expect(differing.isEmpty, "\(differing.joined(separator: "\n"))")
  }

  /// Every fixture's profile, and every bad fixture's error, is the same with and without the fast path.
  @Test(arguments: ThreadsTests.fixtures)
  func fixturesProfileAlikeBothWays(fixture: String) {
    let path = Fixtures.path(fixture)
    func run(_ fast: Bool) -> String {
      do {
        return ProfileJSON.render(try Fixtures.profile([path]) { $0.read.unquotedFastPath = fast })
      } catch {
        return "error: \(error)"
      }
    }
    #expect(run(true) == run(false), "\(fixture)")
  }
}
