import Foundation
import Testing
@testable import DatacheckKit

/// Bad input ends in an `InputError` with a stable code and the place (file:line:column) that
/// fixtures/README.md gives for it, or in a counted problem; never in a crash.
@Suite struct BadInputTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var fixture: String
    var code: InputError.Code
    var line: Int?
    var column: Int?
    var testDescription: String { fixture }
  }

  @Test(arguments: [
    Case(fixture: "bad/unterminated_quote.csv", code: .unterminatedQuote, line: 3, column: 5),
    Case(fixture: "bad/stray_quote.csv", code: .strayQuote, line: 2, column: 5),
    Case(fixture: "bad/text_after_quote.csv", code: .textAfterQuote, line: 3, column: 8),
    Case(fixture: "bad/truncated.csv.gz", code: .gzipTruncated, line: nil, column: nil),
    Case(fixture: "does/not/exist.csv", code: .fileNotFound, line: nil, column: nil),
    Case(fixture: "bad", code: .unreadable, line: nil, column: nil),
  ])
  func fixtureFailsWithLocatedError(_ c: Case) throws {
    let error = try #require(throws: InputError.self) { try Fixtures.profile([Fixtures.path(c.fixture)]) }
    #expect(error.code == c.code)
    #expect(error.location.path == Fixtures.path(c.fixture))
    #expect(error.location.line == c.line)
    #expect(error.location.column == c.column)
  }

  @Test func fieldOverTheCapIsAnErrorAtItsLine() throws {
    let path = Fixtures.temporary("id,text\n1,short\n2," + String(repeating: "x", count: 150) + "\n")
    let error = try #require(throws: InputError.self) {
      try Fixtures.profile([path]) { $0.read.maxFieldSize = 100 }
    }
    #expect(error.code == .fieldTooLarge)
    #expect(error.location.line == 3)
  }

  /// A runaway quote stops at the field cap instead of buffering the rest of the file, and says
  /// where the quote opened.
  @Test func unclosedQuoteInALargeFileStopsAtTheCap() throws {
    var text = "id,text\n1,\"never closed\n"
    for i in 0..<20_000 { text += "\(i),some more text that is swallowed by the open quote\n" }
    let path = Fixtures.temporary(text)
    let error = try #require(throws: InputError.self) {
      try Fixtures.profile([path], chunkSize: 4096) { $0.read.maxFieldSize = 64 * 1024 }
    }
    #expect(error.code == .fieldTooLarge)
    #expect(error.message.contains("line 2, column 3"))
  }

  @Test func defaultCapIs16MiB() throws {
    let path = Fixtures.temporary("a\n" + String(repeating: "y", count: 16 * 1024 * 1024 + 1) + "\n")
    let error = try #require(throws: InputError.self) { try Fixtures.profile([path]) }
    #expect(error.code == .fieldTooLarge)
  }

  @Test func corruptGzipIsAnError() throws {
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path("multi_member.csv.gz"))))
    for i in 12..<40 { bytes[i] ^= 0x5A }
    let error = try #require(throws: InputError.self) { try Fixtures.profile([Fixtures.temporary(bytes, name: "x.csv.gz")]) }
    #expect(error.code == .gzipCorrupt)
  }

  @Test func headerMismatchNamesBothFiles() throws {
    let a = Fixtures.temporary("id,name\n1,a\n", name: "a.csv")
    let b = Fixtures.temporary("id,title\n2,b\n", name: "b.csv")
    let error = try #require(throws: InputError.self) { try Fixtures.profile([a, b]) }
    #expect(error.code == .headerMismatch)
    #expect(error.location.path == b)
    #expect(error.message.contains(a))
    #expect(error.message.contains("column 2 is `title` here and `name`"))
  }

  @Test func headerOnlyIsACountedProblem() throws {
    let profile = try Fixtures.profile([Fixtures.path("header_only.csv")])
    #expect(profile.rows == 0)
    #expect(profile.problems.map(\.kind) == [.noDataRows])
  }

  /// A file with no header and no records (no bytes, or only blank lines) is a profile of zero
  /// rows and zero columns with the problem `empty_file`, not an error.
  @Test func emptyFileIsAProfileOfNothing() throws {
    let profile = try Fixtures.profile([Fixtures.path("bad/empty.csv")])
    #expect(profile.rows == 0 && profile.columns.isEmpty)
    #expect(profile.problems.map(\.kind) == [.emptyFile])
    #expect(profile.problems.first?.first.map(\.line) == [1])
  }

  @Test func invalidUTF8IsCountedAndLocated() throws {
    let profile = try Fixtures.profile([Fixtures.path("bad/invalid_utf8.csv")])
    let problem = try #require(profile.problems.first { $0.kind == .invalidUTF8 })
    #expect(problem.count == 1)
    #expect(problem.first.map(\.line) == [3])
  }
}

/// Several files form one dataset.
@Suite struct DatasetTests {
  /// Shards of a table profile exactly like the table (the one-file profile is the twin).
  @Test func shardsProfileLikeTheWholeFile() throws {
    let text = try String(contentsOfFile: Fixtures.path("churn.csv"), encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let header = lines[0]
    let a = Fixtures.temporary(([header] + lines[1..<15]).joined(separator: "\n") + "\n", name: "part-1.csv")
    let b = Fixtures.temporary(([header] + lines[15...]).joined(separator: "\n") + "\n", name: "part-2.csv")
    let whole = try Fixtures.profile([Fixtures.path("churn.csv")])
    let shards = try Fixtures.profile([a, b])
    #expect(shards.rows == whole.rows)
    #expect(shards.sources.count == 2)
    let columns = { (p: DatasetProfile) in ProfileJSON.value(p).serialized().components(separatedBy: "\"columns\"")[1] }
    #expect(columns(shards) == columns(whole))
  }

  @Test func noHeaderNamesColumns() throws {
    let path = Fixtures.temporary("1,a\n2,b\n")
    let profile = try Fixtures.profile([path]) { $0.read.hasHeader = false }
    #expect(profile.rows == 2)
    #expect(profile.columns.map(\.name) == ["column_1", "column_2"])
    #expect(profile.columns[0].type == .integer)
  }

  @Test(arguments: [
    ("a;b;c\n1;2,5;3\n4;5;6\n", UInt8(ascii: ";")),
    ("a\tb\n1\t2\n", 9),
    ("a|b\n\"x|y\"|2\n3|4\n", UInt8(ascii: "|")),
    ("a,b\n\"1;2;3\",4\n", UInt8(ascii: ",")),
    ("single\n1\n2\n", UInt8(ascii: ",")),
  ])
  func delimiterIsSniffed(text: String, expected: UInt8) {
    #expect(DelimiterSniffer.sniff(Array(text.utf8)) == expected)
  }
}
