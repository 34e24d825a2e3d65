import CZlib

/// Decompresses a gzip stream from another source, member after member.
///
/// Memory: one 256 KiB input buffer and zlib's 32 KiB window, whatever the file's size.
/// A stream that ends inside a member is `gzip.truncated`; bytes zlib rejects are `gzip.corrupt`.
final class GzipSource: ByteSource {
  private let base: ByteSource
  private let path: String
  private var stream = z_stream()
  private let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
  private var baseExhausted = false
  private var inMember = false
  private var finished = false
  private var compressedOffset = 0

  /// The zlib manual: "windowBits can also be greater than 15 for optional gzip decoding. Add 16
  /// to decode only the gzip format". 15 is the largest window, so 15 + 16 reads any gzip member.
  private static let gzipWindowBits: Int32 = 15 + 16

  init(_ base: ByteSource, path: String) throws {
    self.base = base
    self.path = path
    let rc = CZlib_inflateInit2(&stream, GzipSource.gzipWindowBits)
    guard rc == Z_OK else {
      throw InputError(.gzipCorrupt, at: Location(path: path), "zlib could not start (code \(rc))")
    }
  }

  deinit {
    inflateEnd(&stream)
    input.deallocate()
  }

  /// The gzip magic bytes (RFC 1952: ID1 = 31, ID2 = 139).
  static func isGzip(_ head: [UInt8]) -> Bool { head.count >= 2 && head[0] == 0x1f && head[1] == 0x8b }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    while !finished {
      if stream.avail_in == 0 && !baseExhausted { try refill() }
      if stream.avail_in == 0 && baseExhausted {
        if inMember { throw truncated() }
        finished = true
        break
      }
      inMember = true
      let produced = try inflateSome(into: buffer)
      if produced > 0 { return produced }
    }
    return 0
  }

  /// Runs inflate once; returns the bytes produced. At the end of a member, resets for the next.
  private func inflateSome(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
    stream.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
    let before = stream.avail_in
    let rc = inflate(&stream, Z_NO_FLUSH)
    compressedOffset += Int(before - stream.avail_in)
    let produced = buffer.count - Int(stream.avail_out)
    switch rc {
    case Z_STREAM_END:
      // The zlib manual: inflate() stops at the end of each gzip member; a file may hold several
      // (`cat a.gz b.gz`), so reset and go on while input remains.
      inMember = false
      inflateReset(&stream)
    case Z_OK, Z_BUF_ERROR:
      break
    default:
      let reason = stream.msg.map { String(cString: $0) } ?? "code \(rc)"
      throw InputError(.gzipCorrupt, at: Location(path: path),
                       "the gzip data is corrupt at compressed byte \(compressedOffset): \(reason)")
    }
    return produced
  }

  private func refill() throws {
    let n = try base.read(into: input)
    if n == 0 { baseExhausted = true; return }
    stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
    stream.avail_in = UInt32(n)
  }

  private func truncated() -> InputError {
    InputError(.gzipTruncated, at: Location(path: path),
               "the gzip stream ends early, after \(compressedOffset) compressed bytes: the file is truncated; download or copy it again")
  }
}
