import ArgumentParser
import DatacheckKit
import Foundation

/// `datacheck init`: a commented starter goal from what the data shows.
struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a starter goal.yaml from the data: observed counts as comments, thresholds it meets.",
    discussion: """
      `datacheck requirements` accepts the file unchanged; edit its thresholds to what the
      experiment needs.

      Examples:
        datacheck init data/train.csv --label churned --output goal.yaml
        datacheck init part-*.csv --label price --id listing_id > goal.yaml
      """)

  @Argument(help: "The data files of the train split.")
  var files: [String]

  @Option(help: ArgumentHelp("The label column.", valueName: "column"))
  var label: String

  @Option(name: .customLong("id"), help: ArgumentHelp("An identifier column (repeatable).", valueName: "column"))
  var idColumns: [String] = []

  @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the goal to this file instead of stdout.", valueName: "path"))
  var output: String?

  @Flag(help: "Replace --output when it exists.")
  var force = false

  @OptionGroup var threading: ThreadOptions

  func run() throws {
    if let output, !force, FileManager.default.fileExists(atPath: output) {
      throw ValidationError("\(output) exists; pass --force to replace it")
    }
    var pipeline = Pipeline(paths: files)
    var options = LabelOptions(column: label)
    options.idColumns = idColumns
    pipeline.profile.label = options
    threading.apply(to: &pipeline.read)
    let profile = try pipeline.run()
    let base = output.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
      ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    try Output.emit(GoalWriter.write(profile, trainPaths: files.map { RelativePath.from(base, to: $0) }), to: output)
  }
}

/// A path as seen from another folder (`../data/train.csv`), for paths written into goal files.
enum RelativePath {
  static func from(_ folder: URL, to path: String) -> String {
    let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
    let base = folder.standardizedFileURL.pathComponents
    var common = 0
    while common < min(target.count, base.count) && target[common] == base[common] { common += 1 }
    let ups = Array(repeating: "..", count: base.count - common)
    return (ups + target[common...]).joined(separator: "/")
  }
}
