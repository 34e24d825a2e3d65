import CBrotli
import CLZ4
import CSnappy
import CZlib
import CZstd

/// Decompresses Parquet pages with Debian's codec libraries, into a buffer of exactly the size
/// the page header declares.
///
/// A codec never writes past `output`, and producing fewer or more bytes than declared is a
/// failure, so a page that lies about its size costs at most the declared (and capped) size.
/// No C type leaves this file.
enum ParquetDecompression {
  struct Failure: Error {
    var reason: String
  }

  /// The codecs datacheck reads. LZO and the deprecated Hadoop-framed LZ4 are not among them.
  static func isSupported(_ codec: ParquetCodec) -> Bool {
    codec != .lzo && codec != .lz4
  }

  /// The most bytes `compressed` bytes can decompress to with `codec`, or nil where the format
  /// has no useful bound (zstd and brotli frames can repeat a block almost without limit).
  /// From the formats: a 3-byte snappy copy makes at most 64 bytes; deflate at most 258 bytes
  /// per 2 bits (1032:1, zlib's FAQ); LZ4 at most 255 bytes per length byte.
  static func maxDecompressedSize(_ codec: ParquetCodec, compressed: Int) -> Int? {
    switch codec {
    case .uncompressed: return compressed
    case .snappy: return compressed * 22 + 64
    case .gzip: return compressed * 1032 + 64
    case .lz4Raw, .lz4: return compressed * 256 + 64
    case .zstd, .brotli, .lzo: return nil
    }
  }

  /// Decompresses `input` into all of `output` (whose base address must not be nil).
  /// Throws `Failure` when the data is corrupt or its size differs from `output.count`.
  static func decompress(_ codec: ParquetCodec, _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
    if input.isEmpty {
      // datapage_v2_empty_datapage: an empty section is not a compressed stream of 0 bytes.
      guard output.isEmpty else { throw Failure(reason: "the page is empty but declares \(output.count) bytes") }
      return
    }
    switch codec {
    case .uncompressed:
      guard input.count == output.count else { throw sizeMismatch(input.count, output.count) }
      output.copyMemory(from: input)
    case .snappy: try snappy(input, output)
    case .gzip: try gzip(input, output)
    case .zstd: try zstd(input, output)
    case .lz4Raw: try lz4(input, output)
    case .brotli: try brotli(input, output)
    case .lzo, .lz4: throw Failure(reason: "\(codec.name) is not supported")
    }
  }

  private static func sizeMismatch(_ got: Int, _ declared: Int) -> Failure {
    Failure(reason: "the data decompresses to \(got) bytes, the page header declares \(declared)")
  }

  private static func snappy(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer) throws {
    let source = input.baseAddress!.assumingMemoryBound(to: CChar.self)
    var length = 0
    guard snappy_uncompressed_length(source, input.count, &length) == SNAPPY_OK else {
      throw Failure(reason: "the snappy data has no valid length header")
    }
    guard length == output.count else { throw sizeMismatch(length, output.count) }
    var produced = output.count
    let target = output.baseAddress!.assumingMemoryBound(to: CChar.self)
    guard snappy_uncompress(source, input.count, target, &produced) == SNAPPY_OK, produced == output.count else {
      throw Failure(reason: "the snappy data is corrupt")
    }
  }

  /// The zlib manual: "Add 32 to windowBits to enable zlib and gzip decoding with automatic
  /// header detection"; 15 is the largest window.
  private static let autoDetectWindowBits: Int32 = 15 + 32

  private static func gzip(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer) throws {
    var stream = z_stream()
    guard CZlib_inflateInit2(&stream, autoDetectWindowBits) == Z_OK else { throw Failure(reason: "zlib could not start") }
    defer { inflateEnd(&stream) }
    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self))
    stream.avail_in = UInt32(input.count)
    stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
    stream.avail_out = UInt32(output.count)
    while true {
      let rc = inflate(&stream, Z_NO_FLUSH)
      if rc == Z_STREAM_END {
        if stream.avail_in == 0 { break }
        // The zlib manual: inflate() stops at the end of each gzip member, and a page may hold
        // several (concatenated_gzip_members.parquet), so reset and go on while input remains.
        guard inflateReset(&stream) == Z_OK else { throw Failure(reason: "zlib could not reset") }
        continue
      }
      if rc == Z_OK { continue }
      if rc == Z_BUF_ERROR && stream.avail_out == 0 {
        throw Failure(reason: "the gzip data decompresses to more than the \(output.count) bytes the page header declares")
      }
      if rc == Z_BUF_ERROR { throw Failure(reason: "the gzip data ends early") }
      let reason = stream.msg.map { String(cString: $0) } ?? "code \(rc)"
      throw Failure(reason: "the gzip data is corrupt: \(reason)")
    }
    let produced = output.count - Int(stream.avail_out)
    guard produced == output.count else { throw sizeMismatch(produced, output.count) }
  }

  private static func zstd(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer) throws {
    // ZSTD_decompress reads every frame of `input` (a page may hold several).
    let n = ZSTD_decompress(output.baseAddress!, output.count, input.baseAddress!, input.count)
    if ZSTD_isError(n) != 0 {
      throw Failure(reason: "the zstd data is corrupt: \(String(cString: ZSTD_getErrorName(n)))")
    }
    guard n == output.count else { throw sizeMismatch(n, output.count) }
  }

  private static func lz4(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer) throws {
    // LZ4_RAW is one LZ4 block; the safe decoder never writes past dstCapacity.
    let n = LZ4_decompress_safe(input.baseAddress!.assumingMemoryBound(to: CChar.self),
                                output.baseAddress!.assumingMemoryBound(to: CChar.self),
                                Int32(input.count), Int32(output.count))
    guard n >= 0 else { throw Failure(reason: "the LZ4 block is corrupt or larger than declared") }
    guard Int(n) == output.count else { throw sizeMismatch(Int(n), output.count) }
  }

  private static func brotli(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer) throws {
    var produced = output.count
    let result = BrotliDecoderDecompress(input.count, input.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                         &produced, output.baseAddress!.assumingMemoryBound(to: UInt8.self))
    guard result == BROTLI_DECODER_RESULT_SUCCESS else {
      throw Failure(reason: "the brotli data is corrupt or larger than declared")
    }
    guard produced == output.count else { throw sizeMismatch(produced, output.count) }
  }
}
