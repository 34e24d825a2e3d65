import Foundation
import Testing
@testable import DatacheckKit

/// The cases csv-spectrum and CPython's csv tests cover, each behaviour pinned: the records (and
/// fields) datacheck reads from a few bytes, read whole and one byte at a time.
@Suite struct CSVEdgeCaseTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var records: [[String]]
    var testDescription: String { name }

    init(_ name: String, _ text: String, _ records: [[String]]) {
      self.name = name
      bytes = Array(text.utf8)
      self.records = records
    }
  }

  static let cases: [Case] = [
    Case("quoted quotes", "\"a \"\"quoted\"\" word\",b\n", [["a \"quoted\" word", "b"]]),
    Case("empty quoted field", "\"\",x\n", [["", "x"]]),
    Case("empty unquoted fields", "a,,c\n", [["a", "", "c"]]),
    Case("trailing delimiter", "a,b,\n", [["a", "b", ""]]),
    Case("quoted delimiter", "\"a,b\",c\n", [["a,b", "c"]]),
    Case("quoted LF", "\"line1\nline2\",b\n", [["line1\nline2", "b"]]),
    Case("quoted CRLF", "\"a\r\nb\",c\r\n", [["a\r\nb", "c"]]),
    Case("quoted lone CR", "\"a\rb\",c\n", [["a\rb", "c"]]),
    Case("CRLF line ends", "a,b\r\nc,d\r\n", [["a", "b"], ["c", "d"]]),
    Case("lone CR line ends", "a,b\rc,d\r", [["a", "b"], ["c", "d"]]),
    Case("no final line end", "a,b\nc,d", [["a", "b"], ["c", "d"]]),
    Case("UTF-8", "é,日本\n", [["é", "日本"]]),
    Case("spaces around fields are dropped", " a , b \n", [["a", "b"]]),
    Case("spaces around quotes are dropped", " \"a\" , \"b c\" \n", [["a", "b c"]]),
    Case("spaces inside quotes are kept", "\" a \",b\n", [[" a ", "b"]]),
    Case("blank lines are not records", "a,b\n\n   \nc,d\n", [["a", "b"], ["c", "d"]]),
    Case("a blank line inside quotes is data", "\"a\n\nb\",c\n", [["a\n\nb", "c"]]),
    Case("quote as the only content", "\"\"\"\",x\n", [["\"", "x"]]),
  ]

  @Test(arguments: cases)
  func records(_ c: Case) throws {
    for chunk in [1 << 20, 1] {
      #expect(try read(c.bytes, chunk: chunk) == c.records, "chunk \(chunk)")
    }
  }

  @Test func byteOrderMarkIsStrippedAndReported() throws {
    let path = Fixtures.temporary([0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n".utf8))
    let profile = try Fixtures.profile([path])
    #expect(profile.columns.map(\.name) == ["a", "b"])
    #expect(profile.problems.map(\.kind) == [.bom])
  }

  @Test(arguments: [("a\"b,c\n", InputError.Code.strayQuote, 1, 2), ("\"a\"b,c\n", .textAfterQuote, 1, 4), ("x\n\"abc\n", .unterminatedQuote, 2, 1)])
  func strictModeErrors(text: String, code: InputError.Code, line: Int, column: Int) throws {
    let error = try #require(throws: InputError.self) { try read(Array(text.utf8), chunk: 1 << 20) }
    #expect(error.code == code && error.location.line == line && error.location.column == column, "\(error)")
  }

  /// A CRLF whose LF starts the next read chunk ends the same line as one read whole: the next
  /// line's ragged record and its stray quote are placed on their own line and column whatever
  /// the chunk size (the column count once kept the LF, so the line after started at column 2).
  @Test func crlfSplitAcrossChunksKeepsPlaces() throws {
    let ragged = Fixtures.temporary("a,b\r\n1,2\r\n3\r\n4,5\r\n")
    let quote = Fixtures.temporary("a,b\r\n1,2\r\n4,x\"y\r\n")
    for chunk in 1...20 {
      let profile = try Fixtures.profile([ragged], chunkSize: chunk)
      #expect(profile.problems.first { $0.kind == .raggedRow }?.first.map(\.line) == [3], "chunk \(chunk)")
      let error = try #require(throws: InputError.self) { try Fixtures.profile([quote], chunkSize: chunk) }
      #expect(error.code == .strayQuote && error.location.line == 3 && error.location.column == 4, "chunk \(chunk): \(error)")
    }
  }

  /// The records as text, read without a header (`--no-header`) with `,`.
  private func read(_ bytes: [UInt8], chunk: Int) throws -> [[String]] {
    var options = ReadOptions()
    options.hasHeader = false
    options.delimiter = UInt8(ascii: ",")
    options.chunkSize = chunk
    let reader = try DatasetReader(paths: [Fixtures.temporary(bytes)], options: options)
    var out: [[String]] = []
    try reader.forEachBatch { batch in
      for r in 0..<batch.count {
        let n = Int(batch.fieldCounts[r])
        out.append((0..<min(n, batch.columns.count)).map { c in batch.columns[c].withValue(r) { String(decoding: $0, as: UTF8.self) } })
      }
    }
    return out
  }
}
