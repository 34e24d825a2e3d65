import Foundation
import Testing
@testable import DatacheckKit

/// Results may not depend on read boundaries: every fixture's profile is byte-identical whether
/// the file is read whole or in chunks of every size from 1 to 4096 bytes (the slow, obvious
/// twin here is the one-chunk read, which is checked against known answers elsewhere).
///
/// Chunk sizes past a fixture's length hand the parser the whole file in one read, exactly as
/// the whole-file run does, so the sweep stops at the length (every fixture is under 4 KiB).
@Suite struct ChunkBoundaryTests {
  @Test(arguments: Fixtures.profiled)
  func profileIsTheSameForEveryChunkSize(fixture: String) throws {
    let path = Fixtures.path(fixture)
    let whole = ProfileJSON.render(try Fixtures.profile([path]))
    let length = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    var differing: [Int] = []
    for size in 1...min(4096, length) {
      let json = ProfileJSON.render(try Fixtures.profile([path], chunkSize: size, batchRows: 64))
      if json != whole { differing.append(size) }
    }
    #expect(differing.isEmpty, "chunk sizes giving a different profile: \(differing.prefix(20))")
  }

  @Test(arguments: Fixtures.profiled)
  func profileIsTheSameForEveryBatchSize(fixture: String) throws {
    let path = Fixtures.path(fixture)
    let whole = ProfileJSON.render(try Fixtures.profile([path]))
    for rows in [1, 2, 3, 7] {
      let json = ProfileJSON.render(try Fixtures.profile([path], chunkSize: 5, batchRows: rows))
      #expect(json == whole, "batches of \(rows) rows")
    }
  }

  /// Bad input fails at the same place whatever the chunk size.
  @Test(arguments: ["bad/unterminated_quote.csv", "bad/stray_quote.csv", "bad/text_after_quote.csv", "bad/truncated.csv.gz"])
  func errorIsTheSameForEveryChunkSize(fixture: String) throws {
    let path = Fixtures.path(fixture)
    func failure(_ size: Int) -> String {
      do { _ = try Fixtures.profile([path], chunkSize: size); return "no error" } catch { return "\(error)" }
    }
    let whole = failure(1 << 20)
    #expect(whole != "no error")
    let differing = (1...512).filter { failure($0) != whole }
    #expect(differing.isEmpty, "chunk sizes giving another error: \(differing.prefix(20))")
  }
}
