import ArgumentParser
import DatacheckKit
import Foundation

/// `--threads`: how many cores read and profile the data. Shared by every command that reads data.
struct ThreadOptions: ParsableArguments {
  @Option(help: ArgumentHelp(
    "Threads that read and profile a file (default: every core). The report is the same for any number.",
    valueName: "n"))
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  /// The segment a plain file is cut into, exactly (by default 32 MiB, or less for a file of
  /// short lines). Hidden: tests use tiny segments to put cuts everywhere; a different size
  /// groups the rows differently, so sketched figures may differ in their last digits.
  @Option(help: .hidden)
  var segmentSize: ByteSize?

  func validate() throws {
    if threads < 1 { throw ValidationError("--threads takes a whole number of at least 1") }
  }

  /// Sets the threads and segment size of `read`.
  func apply(to read: inout ReadOptions) {
    read.threads = threads
    if let segmentSize {
      read.segmentBytes = segmentSize.bytes
      read.segmentRecords = nil
    }
  }
}
