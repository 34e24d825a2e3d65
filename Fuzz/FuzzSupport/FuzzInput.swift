import DatacheckKit
import Foundation

/// The file a fuzz target writes each input to, and the pipeline run on it.
///
/// One path per process (the suffix picks the reader), rewritten for every input, so the library
/// reads the bytes exactly as it reads a user's file. An `InputError` is a fine outcome; any other
/// error stops the fuzzer like a crash, because the library promises to throw only `InputError`.
public struct FuzzInput {
  public let path: String
  public var read = ReadOptions()

  public init(suffix: String) {
    path = NSTemporaryDirectory() + "datacheck-fuzz-\(getpid())\(suffix)"
  }

  /// A delimited-text input read in small pieces: 256-byte reads and 16-row batches put record
  /// and field boundaries across reads, and a 64 KiB field cap keeps memory per input bounded
  /// however much the input inflates to.
  public static func smallReads(suffix: String) -> FuzzInput {
    var input = FuzzInput(suffix: suffix)
    input.read.maxFieldSize = 64 * 1024
    input.read.chunkSize = 256
    input.read.batchRows = 16
    return input
  }

  /// Writes `bytes` to `path`.
  public func write(_ bytes: Data) {
    guard FileManager.default.createFile(atPath: path, contents: bytes) else { fatalError("cannot write \(path)") }
  }

  /// Profiles the file. `withLabel` makes the last column the label, the first its ID and the
  /// second its time column, so the label analysis and its checks see hostile values too.
  public func profile(withLabel: Bool) {
    FuzzInput.expectingInputError {
      var pipeline = Pipeline(paths: [path])
      pipeline.read = read
      if withLabel, let label = try labelOptions() { pipeline.profile.label = label }
      _ = try pipeline.run()
    }
  }

  /// Runs `body`, accepting an `InputError`; any other error stops the fuzzer.
  public static func expectingInputError(_ body: () throws -> Void) {
    do {
      try body()
    } catch is InputError {
    } catch {
      fatalError("threw something other than an InputError: \(error)")
    }
  }

  private func labelOptions() throws -> LabelOptions? {
    let names = try DatasetReader(paths: [path], options: read).columnNames
    guard names.count >= 2 else { return nil }
    var label = LabelOptions(column: names[names.count - 1])
    label.idColumns = [names[0]]
    if names.count >= 3 { label.timeColumn = names[1] }
    return label
  }
}
