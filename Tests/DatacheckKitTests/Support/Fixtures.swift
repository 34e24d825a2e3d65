import Foundation
@testable import DatacheckKit

/// Paths of the repository's fixtures, and one-call profiling for tests.
enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures")

  static func path(_ name: String) -> String { root.appendingPathComponent(name).path }

  /// The fixtures that profile without error and have an expected answer in fixtures/expected/.
  static var profiled: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("expected").path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.map {
      $0.hasPrefix("bad_") ? "bad/" + $0.dropFirst(4) : $0
    }.sorted()
  }

  /// Profiles `paths` as one dataset, reading `chunkSize` bytes at a time.
  static func profile(_ paths: [String], chunkSize: Int = 1 << 20, batchRows: Int = 8192,
                      configure: (inout Pipeline) -> Void = { _ in }) throws -> DatasetProfile {
    var pipeline = Pipeline(paths: paths)
    pipeline.read.chunkSize = chunkSize
    pipeline.read.batchRows = batchRows
    configure(&pipeline)
    return try pipeline.run()
  }

  /// Writes `contents` to a new temporary file and returns its path.
  static func temporary(_ contents: [UInt8], name: String = "data.csv") -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("datacheck-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try! Data(contents).write(to: url)
    return url.path
  }

  static func temporary(_ text: String, name: String = "data.csv") -> String {
    temporary(Array(text.utf8), name: name)
  }
}
