import Foundation
import Testing
@testable import DatacheckKit

/// Simple lines skip libcsv (`CSVParser.parseSimpleLine`): quote-free ones, and ones whose quoted
/// fields close on the line with only spaces before the next delimiter; libcsv is the reference.
/// Both ways must give the same records, field by field, the same problems at the same lines and
/// the same error at the same place: on every fixture, on random input made of the bytes that
/// matter (delimiters, quotes, spaces, tabs, CR, LF, NUL, invalid UTF-8) read in random chunks,
/// and on random records of quoted fields with a few bytes changed.
@Suite struct CSVFastPathTests {
  /// Everything the parser produced: each record's fields (absent ones marked), line and field
  /// count; the problems with their places; the error.
  static func dump(_ bytes: [UInt8], delimiter: UInt8, hasHeader: Bool, chunks: [Int], fast: Bool,
                   maxFieldSize: Int = 1 << 20, maxColumns: Int = 16_384, simpleLines: UnsafeMutablePointer<Int>? = nil) -> String {
    let parser = CSVParser(path: "r.csv", delimiter: delimiter, maxFieldSize: maxFieldSize, maxColumns: maxColumns,
                           hasHeader: hasHeader, batchCapacity: 8)
    parser.simpleLineFastPath = fast
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
    simpleLines?.pointee += parser.simpleLinesRead
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

  /// Random records whose fields are often quoted (delimiters, `""`, spaces around the quotes,
  /// line ends inside), with one byte in ten of the trials changed to a quote, space or letter:
  /// the structures the byte soup above rarely makes (a well-formed quoted field, text after a
  /// closing quote, a quote after spaces) come up here by the thousand.
  @Test func quotedRecordsParseAlikeBothWays() {
    var rng = SplitMix(seed: 77)
    let pieces = ["a", "b c", "1", "", " ", "é", "\"\"", ",", ";", "\t", "\n", "\r\n", "x\"y"]
    var differing: [String] = []
    var quotedSimpleLines = 0
    for trial in 0..<3_000 {
      let delimiter: UInt8 = [UInt8(ascii: ","), UInt8(ascii: ";"), 9][trial % 3]
      let d = String(UnicodeScalar(delimiter))
      var text = ""
      for _ in 0..<(1 + Int(rng.next() % 6)) {
        let fields = (0..<(1 + Int(rng.next() % 4))).map { _ -> String in
          let body = (0..<Int(rng.next() % 4)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
          switch rng.next() % 4 {
          case 0: return body.replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "\r", with: "")
          case 1: return "\"" + body.replacingOccurrences(of: "\"", with: "\"\"") + "\""
          case 2: return " \"" + body.replacingOccurrences(of: "\"", with: "\"\"") + "\"  "
          default: return "\"" + body + "\""   // unescaped quotes inside: libcsv's errors
          }
        }
        text += fields.joined(separator: d) + (rng.next() % 3 == 0 ? "\r\n" : "\n")
      }
      var bytes = Array(text.utf8)
      if trial % 10 == 0 && !bytes.isEmpty {
        bytes[Int(rng.next() % UInt64(bytes.count))] = [UInt8(ascii: "\""), 32, UInt8(ascii: "z")][Int(rng.next() % 3)]
      }
      if !text.contains("\"") { continue }
      let chunks = (0..<3).map { _ in 1 + Int(rng.next() % 60) }
      let maxField = trial % 13 == 0 ? 3 : 1 << 20
      let slow = CSVFastPathTests.dump(bytes, delimiter: delimiter, hasHeader: trial % 2 == 0, chunks: chunks, fast: false, maxFieldSize: maxField)
      let fast = CSVFastPathTests.dump(bytes, delimiter: delimiter, hasHeader: trial % 2 == 0, chunks: chunks, fast: true,
                                       maxFieldSize: maxField, simpleLines: &quotedSimpleLines)
      if slow != fast && differing.count < 3 {
        differing.append("input \(String(decoding: bytes, as: UTF8.self).debugDescription) delimiter \(delimiter) chunks \(chunks):\nlibcsv:\n\(slow)fast:\n\(fast)")
      }
    }
    #expect(quotedSimpleLines > 2_000, "the fast path read only \(quotedSimpleLines) lines")
    #expect(differing.isEmpty, "\(differing.joined(separator: "\n"))")
  }

  /// Every fixture's profile, and every bad fixture's error, is the same with and without the fast path.
  @Test(arguments: ThreadsTests.fixtures)
  func fixturesProfileAlikeBothWays(fixture: String) {
    let path = Fixtures.path(fixture)
    func run(_ fast: Bool) -> String {
      do {
        return ProfileJSON.render(try Fixtures.profile([path]) { $0.read.simpleLineFastPath = fast })
      } catch {
        return "error: \(error)"
      }
    }
    #expect(run(true) == run(false), "\(fixture)")
  }
}
