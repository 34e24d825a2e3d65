import Foundation

/// A throwaway directory to run the real `datacheck` binary in, reporting everything on failure.
struct Workdir {
  struct Result: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var command: String
    var cwd: String
    var description: String {
      "\n── command: \(command)\n── cwd: \(cwd)\n── status: \(status)\n── stdout ──\n\(stdout)\n── stderr ──\n\(stderr)\n──────"
    }
  }

  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The binary next to the test bundle (SwiftPM builds it because the test target depends on it).
  static let binary: URL = {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for dir in [bundle, bundle.deletingLastPathComponent()] {
      let candidate = dir.appendingPathComponent("datacheck")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return repository.appendingPathComponent(".build/debug/datacheck")
  }()

  let dir: URL

  init() {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("datacheck-cli-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

  func write(_ name: String, _ contents: String) { try! contents.write(toFile: path(name), atomically: false, encoding: .utf8) }

  func fixture(_ name: String) -> String { Workdir.repository.appendingPathComponent("fixtures/\(name)").path }

  /// Runs `datacheck ARGS` here with `stdin` as its standard input; waits for it to end.
  func run(_ arguments: [String], stdin: Data? = nil) throws -> Result {
    let process = Process()
    process.executableURL = Workdir.binary
    process.arguments = arguments
    process.currentDirectoryURL = dir
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    let stderrData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                  stderr: String(decoding: stderrData, as: UTF8.self),
                  command: "datacheck " + arguments.joined(separator: " "), cwd: dir.path)
  }

  /// Files in the directory (to check that nothing half-written is left behind).
  var files: [String] { (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.sorted() ?? [] }
}
