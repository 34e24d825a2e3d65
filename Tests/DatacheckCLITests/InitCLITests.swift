import Foundation
import Testing

/// `datacheck init` writes a goal that `requirements` accepts unchanged, and on the data it came
/// from the verdict is ready.
@Suite struct InitCLITests {
  @Test(arguments: [("churn.csv", "churned"), ("goals/train.csv", "churned"), ("goals/train.csv", "usage")])
  func ownGoalIsReady(file: String, label: String) throws {
    let w = Workdir()
    let made = try w.run(["init", w.fixture(file), "--label", label, "--output", "goal.yaml"])
    #expect(made.status == 0, "\(made)")
    let goal = try String(contentsOfFile: w.path("goal.yaml"), encoding: .utf8)
    #expect(goal.contains("version: 1") && goal.contains("column: \(label)"), "\(goal)")
    let verdict = try w.run(["requirements", "goal.yaml"])
    #expect(verdict.status == 0, "\(verdict)\n\(goal)")
    #expect(verdict.stdout.hasPrefix("READY"), "\(verdict)")
  }

  /// Data with a planted leak gets a goal that says so, and is not ready.
  @Test func leakIsNamedInTheGoal() throws {
    let w = Workdir()
    let made = try w.run(["init", w.fixture("labels/sum_target.csv"), "--label", "price", "-o", "goal.yaml"])
    #expect(made.status == 0, "\(made)")
    let goal = try String(contentsOfFile: w.path("goal.yaml"), encoding: .utf8)
    #expect(goal.contains("#   error target_copy: the target `price` = `base_price` + `tax`"), "\(goal)")
    let verdict = try w.run(["requirements", "goal.yaml"])
    #expect(verdict.status == 1, "\(verdict)")
  }

  @Test func existingGoalIsNotReplacedWithoutForce() throws {
    let w = Workdir()
    w.write("goal.yaml", "mine\n")
    let r = try w.run(["init", w.fixture("churn.csv"), "--label", "churned", "--output", "goal.yaml"])
    #expect(r.status == 2, "\(r)")
    #expect(try String(contentsOfFile: w.path("goal.yaml"), encoding: .utf8) == "mine\n")
    let forced = try w.run(["init", w.fixture("churn.csv"), "--label", "churned", "--output", "goal.yaml", "--force"])
    #expect(forced.status == 0, "\(forced)")
  }
}
