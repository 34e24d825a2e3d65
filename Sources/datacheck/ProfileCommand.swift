import ArgumentParser
import DatacheckKit

#if canImport(Glibc)
import Glibc
#endif

/// `datacheck profile`: one streaming pass over the files, one report.
struct Profile: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Profile a dataset: size, column types, missing values, distinct and top values, duplicates.",
    discussion: """
      Several FILEs form one dataset (shards of one table, with one header).
      FILE may be `-` for standard input. gzip is recognised by its magic
      bytes, Parquet by its extension or magic; the delimiter is sniffed
      among , ; TAB and | unless --delimiter is given.

      Examples:
        datacheck profile data.csv
        datacheck profile data.csv --label churned --id customer_id
        datacheck profile part-*.csv.gz --format json --output profile.json
        datacheck profile data.tsv --na '' --na '?' --format markdown
        zcat data.csv.gz | datacheck profile -

      Exit status: 0 when the profile was written, 2 on a usage error or
      unreadable input.
      """)

  @Argument(help: "The data files (CSV, TSV, gzip CSV; `-` for standard input).")
  var files: [String]

  @Option(name: .customLong("na"), help: ArgumentHelp(
    "A token meaning a missing value; repeat it to give several. Replaces the default set.",
    valueName: "token"))
  var missingTokens: [String] = []

  @Option(help: ArgumentHelp("The field delimiter: a single character, or `tab`.", valueName: "char"))
  var delimiter: String?

  @Flag(help: "The first line is data: name the columns column_1, column_2, ….")
  var noHeader = false

  @Option(help: "The report format: text, json or markdown.")
  var format: ReportFormat = .text

  @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the report to this file (atomically) instead of stdout.", valueName: "path"))
  var output: String?

  @Option(help: ArgumentHelp("The largest field accepted, in bytes (suffixes K, M, G).", valueName: "size"))
  var maxFieldSize: ByteSize = ByteSize(bytes: 16 << 20)

  @Option(help: ArgumentHelp("The most fields a record may have.", valueName: "count"))
  var maxColumns: Int = 16_384

  @Option(help: ArgumentHelp("The label column: adds label coverage, class balance and leakage checks.", valueName: "column"))
  var label: String?

  @Option(name: .customLong("id"), help: ArgumentHelp("An identifier column (repeatable): kept out of features and proxy checks.", valueName: "column"))
  var idColumns: [String] = []

  @Option(help: ArgumentHelp("The time column of the data.", valueName: "column"))
  var time: String?

  @Option(help: "classification or regression (default: inferred from the label).")
  var task: LabelTask?

  @Option(help: "Cross-validation folds planned; a class needs 2 rows per fold (rare_class).")
  var folds: Int = 5

  @OptionGroup var threading: ThreadOptions

  mutating func validate() throws {
    if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
    if label == nil && (!idColumns.isEmpty || time != nil || task != nil) {
      throw ValidationError("--id, --time and --task go with --label")
    }
    if folds < 2 { throw ValidationError("--folds takes a whole number of at least 2") }
    if maxColumns < 1 { throw ValidationError("--max-columns takes a whole number of at least 1") }
    if let delimiter, Profile.delimiterByte(delimiter) == nil {
      throw ValidationError("--delimiter takes one ASCII character (or `tab`), not `\(delimiter)`")
    }
  }

  func run() throws {
    try Output.reportingErrors(asJSON: format == .json && output == nil) { try execute() }
  }

  private func execute() throws {
    var pipeline = Pipeline(paths: files)
    pipeline.read.hasHeader = !noHeader
    pipeline.read.delimiter = delimiter.flatMap(Profile.delimiterByte)
    pipeline.read.maxFieldSize = maxFieldSize.bytes
    pipeline.read.maxColumns = maxColumns
    threading.apply(to: &pipeline.read)
    if !missingTokens.isEmpty { pipeline.profile.missingTokens = MissingTokens(missingTokens) }
    if let label {
      var options = LabelOptions(column: label)
      options.idColumns = idColumns
      options.timeColumn = time
      options.task = task.map { $0 == .classification ? .classification : .regression }
      options.folds = folds
      pipeline.profile.label = options
    }
    let profile = try ProgressBar().run { progress in
      pipeline.progress = progress
      return try pipeline.run()
    }
    try Output.emit(render(profile), to: output)
  }

  private func render(_ profile: DatasetProfile) -> String {
    switch format {
    case .json: return ProfileJSON.render(profile)
    case .markdown: return MarkdownReport.render(profile)
    case .text:
      let tty = output == nil && Terminal.isTTY(STDOUT_FILENO)
      return TextReport(width: tty ? Terminal.width : 100, color: tty).render(profile)
    }
  }

  static func delimiterByte(_ text: String) -> UInt8? {
    switch text.lowercased() {
    case "tab", "\\t", "\t": return 9
    default:
      let bytes = Array(text.utf8)
      return bytes.count == 1 && bytes[0] < 0x80 && bytes[0] != UInt8(ascii: "\"") && bytes[0] != 10 && bytes[0] != 13 ? bytes[0] : nil
    }
  }
}

enum LabelTask: String, ExpressibleByArgument, CaseIterable {
  case classification, regression
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, markdown
}

/// A size in bytes given as `16777216`, `16M`, `512K` or `1G`.
struct ByteSize: ExpressibleByArgument {
  var bytes: Int

  init(bytes: Int) { self.bytes = bytes }

  init?(argument: String) {
    let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
    var text = argument.uppercased()
    if text.hasSuffix("B") { text.removeLast() }
    var scale = 1
    if let last = text.last, let unit = units[last] { scale = unit; text.removeLast() }
    guard let n = Int(text), n > 0 else { return nil }
    bytes = n * scale
  }

  var defaultValueDescription: String { "16M" }
}
