import FuzzSupport
import Foundation

/// libFuzzer target for the Parquet reader: each input is a `.parquet` file, read and profiled by
/// the whole pipeline (with a label for odd-length inputs).
enum FuzzParquet {
  static let input: FuzzInput = {
    var input = FuzzInput(suffix: ".parquet")
    input.read.batchRows = 16
    return input
  }()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzParquet.input.write(Data(bytes: data, count: size))
  FuzzParquet.input.profile(withLabel: size % 2 == 1)  // both halves of the mutations
  return 0
}
