import DatacheckKit
import FuzzSupport

/// libFuzzer target for goal.yaml: each input is decoded as UTF-8 (as `GoalReader.load` requires)
/// and parsed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
  FuzzInput.expectingInputError { _ = try GoalReader.parse(text, path: "goal.yaml") }
  return 0
}
