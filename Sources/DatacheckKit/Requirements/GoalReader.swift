import Foundation
import Yams

/// Reads goal.yaml into a `Goal`, rejecting unknown keys, wrong types and bad values with the
/// file, line, column and key path (`goal.yaml:12:5: error[goal.unknown-key]: … (requirements.min_rowz)`).
public enum GoalReader {
  public static func load(path: String) throws -> Goal {
    guard let data = FileManager.default.contents(atPath: path) else {
      let code: InputError.Code = FileManager.default.fileExists(atPath: path) ? .unreadable : .fileNotFound
      throw InputError(code, at: Location(path: path), "cannot read the goal file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw InputError(.goalInvalidYAML, at: Location(path: path), "the goal file is not UTF-8 text")
    }
    return try parse(text, path: path)
  }

  public static func parse(_ text: String, path: String) throws -> Goal {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw yamlError(error, path: path)
    }
    guard let root, let mapping = root.mapping else {
      throw InputError(.goalWrongType, at: Location(path: path, line: 1, column: 1), "the goal file must be a mapping of keys (version, target, …)")
    }
    var reader = GoalNodeReader(path: path)
    return try reader.goal(mapping, root: root)
  }

  private static func yamlError(_ error: YamlError, path: String) -> InputError {
    switch error {
    case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
      return InputError(.goalInvalidYAML, at: Location(path: path, line: mark.line, column: mark.column), "not valid YAML: \(problem)")
    case let .duplicatedKeysInMapping(duplicates, _):
      return InputError(.goalInvalidYAML, at: Location(path: path), "a key is written twice: \(duplicates.joined(separator: ", "))")
    default:
      return InputError(.goalInvalidYAML, at: Location(path: path), "not valid YAML: \(error)")
    }
  }
}
