import ArgumentParser
import DatacheckKit

#if canImport(Glibc)
import Glibc
#endif

/// `datacheck requirements`: the declared goal against the data, one verdict, a CI gate.
struct Requirements: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Say whether the data is ready for the goal in GOAL.yaml, requirement by requirement.",
    discussion: """
      FILE arguments are the train split (they replace data.train); --split
      adds others (--split test=holdout.csv). Paths in the goal are relative
      to the goal file.

      Exit status: 0 ready (warnings allowed unless --strict), 1 not ready,
      2 usage error, unreadable data or an invalid goal (2 wins over 1).

      Examples:
        datacheck requirements goal.yaml
        datacheck requirements goal.yaml train.csv --split test=test.csv
        datacheck requirements goal.yaml --format junit --output dc.xml
        datacheck requirements goal.yaml --format github
        datacheck requirements goal.yaml --format markdown \\
          >> "$GITHUB_STEP_SUMMARY"

      A goal file (datacheck init writes one from the data):

      \(GoalSample.text)
      """)

  @Argument(help: "The goal file (YAML).")
  var goal: String

  @Argument(help: "Data files of the train split (CSV, TSV, gzip CSV); they replace data.train.")
  var files: [String] = []

  @Option(name: .customLong("split"), help: ArgumentHelp("Another split, as NAME=PATH (repeatable): test=holdout.csv.", valueName: "name=path"))
  var splits: [String] = []

  @Option(help: "The report format: text, json, markdown, junit, sarif or github.")
  var format: VerdictFormat = .text

  @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the report to this file (atomically) instead of stdout.", valueName: "path"))
  var output: String?

  @Flag(help: "Treat warnings as failures.")
  var strict = false

  @OptionGroup var threading: ThreadOptions

  mutating func validate() throws {
    for split in splits where split.split(separator: "=", maxSplits: 1).count != 2 {
      throw ValidationError("--split takes NAME=PATH, not `\(split)`")
    }
  }

  func run() throws {
    try Output.reportingErrors(asJSON: format == .json && output == nil) { try execute() }
  }

  private func execute() throws {
    var pipeline = RequirementsPipeline(goalPath: goal)
    pipeline.files = files
    pipeline.splits = splits.map { s in
      let parts = s.split(separator: "=", maxSplits: 1).map(String.init)
      return (parts[0], parts[1])
    }
    pipeline.strict = strict
    threading.apply(to: &pipeline.read)
    let verdict = try ProgressBar().run { progress in
      pipeline.progress = progress
      return try pipeline.run()
    }
    try Output.emit(render(verdict), to: output)
    if !verdict.ready { throw ExitCode(ExitStatus.notReady.rawValue) }
  }

  private func render(_ v: Verdict) -> String {
    switch format {
    case .json: return VerdictJSON.render(v)
    case .markdown: return VerdictMarkdown.render(v)
    case .junit: return VerdictJUnit.render(v)
    case .sarif: return VerdictSARIF.render(v)
    case .github: return VerdictGitHub.render(v)
    case .text:
      let tty = output == nil && Terminal.isTTY(STDOUT_FILENO)
      return VerdictTextReport(width: tty ? Terminal.width : 100, color: tty).render(v)
    }
  }
}

enum VerdictFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, markdown, junit, sarif, github
}
