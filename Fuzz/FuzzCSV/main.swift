import FuzzSupport
import Foundation

/// libFuzzer target for the delimited-text reader: each input is a CSV file, sniffed and profiled
/// by the whole pipeline (with a label for odd-length inputs).
enum FuzzCSV {
  static let input: FuzzInput = {
    var input = FuzzInput.smallReads(suffix: ".csv")
    // 97-byte segments on two threads: cuts land in quoted fields and guessed starts are checked.
    input.read.segmentBytes = 97
    input.read.threads = 2
    return input
  }()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzCSV.input.write(Data(bytes: data, count: size))
  FuzzCSV.input.profile(withLabel: size % 2 == 1)  // both halves of the mutations
  return 0
}
