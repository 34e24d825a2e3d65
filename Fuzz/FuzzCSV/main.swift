import FuzzSupport
import Foundation

/// libFuzzer target for the delimited-text reader: each input is a CSV file, sniffed and profiled
/// by the whole pipeline (with a label for odd-length inputs).
enum FuzzCSV {
  static let input: FuzzInput = {
    var input = FuzzInput(suffix: ".csv")
    // Small reads and batches put record and field boundaries across reads; a small field cap
    // keeps memory per input bounded.
    input.read.maxFieldSize = 64 * 1024
    input.read.chunkSize = 256
    input.read.batchRows = 16
    return input
  }()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzCSV.input.write(Data(bytes: data, count: size))
  FuzzCSV.input.profile(withLabel: size % 2 == 1)  // both halves of the mutations
  return 0
}
