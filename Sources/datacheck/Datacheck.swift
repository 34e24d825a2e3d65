import ArgumentParser
import DatacheckKit

#if canImport(Glibc)
import Glibc
#endif

/// The exit statuses of datacheck, as SPEC defines them.
enum ExitStatus: Int32 {
  case ready = 0
  case notReady = 1
  case usageOrInput = 2
}

@main
struct Datacheck: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "datacheck",
    abstract: "Tells an ML team, before an experiment starts, whether it really has data for its goal.",
    discussion: """
      Exit status: 0 ready (profile, init: written), 1 not ready, 2 usage
      error or bad input. Errors name their place as file:line:column.

      Start with: datacheck profile data.csv --label COLUMN
      then:       datacheck init data.csv --label COLUMN --output goal.yaml
      and gate:   datacheck requirements goal.yaml
      """,
    version: ProfileJSON.version,
    subcommands: [Profile.self, Requirements.self, Init.self])

  /// Runs a command and maps every outcome to SPEC's exit statuses: an `InputError` or a usage
  /// error is 2 (ArgumentParser alone would say 1 and 64), help and `--version` are 0.
  static func main() {
    signal(SIGPIPE, SIG_IGN)  // a closed pipe (`| head`) is seen as EPIPE on write, and is not an error
    #if canImport(Glibc)
    // Large arrays (row-hash tables, value arenas) come and go as segments merge. A fixed mmap
    // threshold hands every block of 1 MiB or more back to the system when it is freed (glibc's
    // own threshold rises to the largest block freed, which then stays in the heap), and one
    // malloc arena keeps worker threads from each holding freed memory of their own: peak RSS
    // on 10M rows with --threads 2 went from 231 to about 195 MiB, at the same speed.
    _ = mallopt(mallocMmapThreshold, 1 << 20)
    _ = mallopt(mallocArenaMax, 1)
    #endif
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as InputError {
      Output.diagnostic("datacheck: \(error)")
      Glibc.exit(ExitStatus.usageOrInput.rawValue)
    } catch let error as ExitCode {
      Glibc.exit(error.rawValue)
    } catch {
      if exitCode(for: error) == .success { exit(withError: error) }
      Output.diagnostic(fullMessage(for: error))
      Glibc.exit(ExitStatus.usageOrInput.rawValue)
    }
    Glibc.exit(ExitStatus.ready.rawValue)
  }
}

#if canImport(Glibc)
// glibc's mallopt and its parameters (malloc.h, which the Glibc module leaves out).
@_silgen_name("mallopt") private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
private let mallocMmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
private let mallocArenaMax: Int32 = -8  // M_ARENA_MAX
#endif
