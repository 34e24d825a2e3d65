import FuzzSupport
import Foundation

/// libFuzzer target for the gzip reader: each input is a `.csv.gz` file. The gzip magic is put in
/// front of inputs that lack it, so the decompressor, not the magic check, sees the bytes.
enum FuzzGzip {
  static let magic: [UInt8] = [0x1F, 0x8B]
  // Small reads also stop inflate with its output buffer full.
  static let input = FuzzInput.smallReads(suffix: ".csv.gz")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  var bytes = Data(bytes: data, count: size)
  if !bytes.starts(with: FuzzGzip.magic) { bytes.insert(contentsOf: FuzzGzip.magic, at: 0) }
  FuzzGzip.input.write(bytes)
  FuzzGzip.input.profile(withLabel: false)  // this target is about the decompressor
  return 0
}
