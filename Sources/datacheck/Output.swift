import DatacheckKit
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where reports go: stdout, or a file written atomically; diagnostics go to stderr.
enum Output {
  /// Writes `text` to `path` atomically, or to stdout when `path` is nil.
  ///
  /// The file is written beside its destination under a temporary name, flushed, then renamed
  /// over it: readers see the old file or the whole new one, never a part. A closed stdout
  /// (EPIPE, as under `| head`) ends the program with status 0.
  static func emit(_ text: String, to path: String?) throws {
    guard let path else { return writeStdout(text) }
    try writeAtomically(text, to: path)
  }

  static func writeAtomically(_ text: String, to path: String) throws {
    let directory = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    removeStaleTemporaries(of: name, in: directory)
    let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).datacheck-\(getpid()).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw outputError(path, "cannot create \(temporary): \(String(cString: strerror(errno)))") }
    var ok = writeAll(fd, text)
    ok = ok && fsync(fd) == 0
    ok = close(fd) == 0 && ok
    guard ok, rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw outputError(path, "cannot write the report: \(reason)")
    }
  }

  /// Removes what a killed run left of its temporary file for the same report (its process is gone).
  private static func removeStaleTemporaries(of name: String, in directory: String) {
    let folder = directory.isEmpty ? "." : directory
    let prefix = ".\(name).datacheck-"
    for file in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where file.hasPrefix(prefix) && file.hasSuffix(".tmp") {
      guard let pid = Int32(file.dropFirst(prefix.count).dropLast(4)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
      unlink(folder + "/" + file)
    }
  }

  /// Runs `body`; when `asJSON`, an input error is also written to stdout as JSON (the caller
  /// still prints it to stderr and exits with 2).
  static func reportingErrors(asJSON: Bool, _ body: () throws -> Void) throws {
    do {
      try body()
    } catch let error as InputError where asJSON {
      writeStdout(errorJSON(error))
      throw error
    }
  }

  /// The error as JSON, for `--format json` readers: `{"schema": "datacheck.error/1", "error": {…}}`.
  static func errorJSON(_ e: InputError) -> String {
    var fields: [(String, JSONValue)] = [("code", .string(e.code.rawValue)), ("path", .string(e.location.path))]
    if let line = e.location.line { fields.append(("line", .int(Int64(line)))) }
    if let column = e.location.column { fields.append(("column", .int(Int64(column)))) }
    fields.append(("message", .string(e.message)))
    return JSONValue.object([("schema", .string("datacheck.error/1")), ("error", .object(fields))]).serialized() + "\n"
  }

  static func writeStdout(_ text: String) {
    if !writeAll(STDOUT_FILENO, text) && errno == EPIPE { exit(ExitStatus.ready.rawValue) }
  }

  static func diagnostic(_ text: String) {
    _ = writeAll(STDERR_FILENO, text.hasSuffix("\n") ? text : text + "\n")
  }

  private static func writeAll(_ fd: Int32, _ text: String) -> Bool {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 { if errno == EINTR { continue }; return false }
        offset += n
      }
      return true
    }
  }

  private static func outputError(_ path: String, _ message: String) -> InputError {
    InputError(.unwritable, at: Location(path: path), message)
  }
}

/// Terminal facts: whether a stream is a TTY and how wide it is.
enum Terminal {
  static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

  /// The width of stdout's terminal, `$COLUMNS`, or 100 when neither says.
  static var width: Int {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(columns), n > 0 { return n }
    return 100
  }
}
