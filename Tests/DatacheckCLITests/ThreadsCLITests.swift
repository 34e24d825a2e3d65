import Foundation
import Testing

/// `--threads` on the command line: the same report for any count, for `profile` and for
/// `requirements` (whose splits are compared row by row against train), with segments small
/// enough that every file is cut many times.
@Suite struct ThreadsCLITests {
  @Test(arguments: ["labels/conflicts.csv", "labels/missing_leak.csv", "quoted_newlines.csv"])
  func profileIsTheSameForAnyThreadCount(fixture: String) throws {
    let w = Workdir()
    var outputs: [String] = []
    for threads in ["1", "2"] {
      let r = try w.run(["profile", w.fixture(fixture), "--format", "json", "--threads", threads, "--segment-size", "4K"]
                        + (fixture.hasPrefix("labels/") ? ["--label", "label"] : []))
      #expect(r.status == 0, "\(r)")
      outputs.append(r.stdout)
    }
    #expect(outputs[0] == outputs[1])
  }

  @Test(arguments: ["ready", "copied_rows", "test_before_train", "split_column", "test_fraction"])
  func verdictIsTheSameForAnyThreadCount(goal: String) throws {
    let w = Workdir()
    var outputs: [String] = []
    for threads in ["1", "2"] {
      let r = try w.run(["requirements", w.fixture("goals/\(goal).yaml"), "--format", "json",
                         "--threads", threads, "--segment-size", "8K"])
      #expect(r.status == 0 || r.status == 1, "\(r)")
      outputs.append(r.stdout)
    }
    #expect(outputs[0] == outputs[1])
  }

  @Test func zeroThreadsIsAUsageError() throws {
    let w = Workdir()
    let r = try w.run(["profile", w.fixture("churn.csv"), "--threads", "0"])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains("--threads takes a whole number of at least 1"), "\(r)")
  }
}
