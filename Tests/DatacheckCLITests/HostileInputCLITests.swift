import Foundation
import Testing

/// Bad input never crashes, hangs or exhausts memory, and a killed run loses nothing: each case
/// runs the real binary under a 300 MiB address-space limit (`ulimit -v`).
@Suite struct HostileInputCLITests {
  static let limitKiB = 300 * 1024

  /// Runs datacheck through /bin/sh under the memory limit.
  private func limited(_ w: Workdir, _ arguments: [String]) throws -> Workdir.Result {
    let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "ulimit -v \(HostileInputCLITests.limitKiB) && exec '\(Workdir.binary.path)' \(quoted)"]
    process.currentDirectoryURL = w.dir
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return .init(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                 stderr: String(decoding: stderr, as: UTF8.self), command: "ulimit -v … datacheck " + quoted, cwd: w.dir.path)
  }

  /// A quote never closed in a 100 MiB file: stopped at the 16 MiB field cap, with where it opened.
  @Test func runawayQuoteStopsAtTheFieldCap() throws {
    let w = Workdir()
    var bytes = Array("id,text\n1,\"".utf8)
    bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 100 << 20)
    try Data(bytes).write(to: URL(fileURLWithPath: w.path("runaway.csv")))
    let r = try limited(w, ["profile", "runaway.csv"])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains("error[csv.field-too-large]") && r.stderr.contains("opened at line 2, column 3"), "\(r)")
  }

  /// 1 GiB of one byte, gzip-compressed to 1 MiB: decompressed as a stream, refused at the cap.
  @Test func gzipBombIsRefusedInBoundedMemory() throws {
    let w = Workdir()
    let r = try limited(w, ["profile", w.fixture("bad/gzip_bomb.csv.gz")])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains("error[csv.field-too-large]"), "\(r)")
  }

  @Test func millionColumnHeaderIsRefused() throws {
    let w = Workdir()
    w.write("wide.csv", String(repeating: "c,", count: 1_000_000) + "c\n")
    let r = try limited(w, ["profile", "wide.csv"])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains("wide.csv:1:1: error[csv.too-many-fields]: the header has more than 16384 fields"), "\(r)")
  }

  /// 8 MiB of distinct rows (with --label) profile within the limit: memory follows columns, not rows.
  @Test func largeFileFitsTheLimit() throws {
    let w = Workdir()
    let rows = 250_000
    let lines = (0..<rows).map { "\($0),g\($0 % 97),\(Double($0) * 0.37)" }
    w.write("big.csv", "id,group,value\n" + lines.joined(separator: "\n") + "\n")
    let r = try limited(w, ["profile", "big.csv", "--label", "group", "--format", "json", "--output", "p.json"])
    #expect(r.status == 0, "\(r)")
    #expect(try String(contentsOfFile: w.path("p.json"), encoding: .utf8).contains("\"rows\": \(rows)"))
  }

  /// Killed with SIGKILL mid-run: the old report stays whole and nothing else is left behind; a
  /// temporary file a killed run left at write time is cleaned by the next run.
  @Test func sigkillLosesNothing() throws {
    let w = Workdir()
    var text = "id,value\n"
    for i in 0..<400_000 { text += "\(i),\(i * 7 % 1000)\n" }
    w.write("big.csv", text)
    w.write("out.json", "old report\n")
    let process = Process()
    process.executableURL = Workdir.binary
    process.arguments = ["profile", "big.csv", "--format", "json", "--output", "out.json"]
    process.currentDirectoryURL = w.dir
    try process.run()
    usleep(300_000)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(try String(contentsOfFile: w.path("out.json"), encoding: .utf8) == "old report\n")
    #expect(w.files == ["big.csv", "out.json"])

    w.write(".out.json.datacheck-999999.tmp", "{\"half\": ")   // as if killed while writing
    let r = try w.run(["profile", "big.csv", "--format", "json", "--output", "out.json"])
    #expect(r.status == 0, "\(r)")
    #expect(w.files == ["big.csv", "out.json"])
    #expect(try String(contentsOfFile: w.path("out.json"), encoding: .utf8).contains("\"rows\": 400000"))
  }
}
