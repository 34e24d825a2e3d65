#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Parquet file opened for positioned reads (`pread`): Parquet is read from its end (the
/// footer) and then column chunk by column chunk, so it needs a regular file, not a pipe.
final class ParquetFile {
  let path: String
  let size: Int
  private let fd: Int32
  /// Bytes read so far, for progress.
  private(set) var bytesRead = 0

  /// The magic bytes at both ends of a Parquet file, and of one with an encrypted footer.
  static let magic: [UInt8] = Array("PAR1".utf8)
  static let encryptedMagic: [UInt8] = Array("PARE".utf8)

  init(path: String) throws {
    self.path = path
    fd = open(path, O_RDONLY)
    if fd < 0 {
      let reason = String(cString: strerror(errno))
      throw InputError(errno == ENOENT ? .fileNotFound : .unreadable, at: Location(path: path), "cannot open the file: \(reason)")
    }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      close(fd)
      throw InputError(.unreadable, at: Location(path: path), "a Parquet file must be a regular file (it is read from its end)")
    }
    size = Int(info.st_size)
  }

  deinit { close(fd) }

  /// Fills `buffer` with the bytes at `offset`; throws when the file ends first.
  func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
    var done = 0
    while done < buffer.count {
      let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
      if n < 0 && errno == EINTR { continue }
      if n < 0 {
        throw InputError(.unreadable, at: Location(path: path), "read failed at byte \(offset + done): \(String(cString: strerror(errno)))")
      }
      if n == 0 {
        throw InputError(.parquetBadFooter, at: Location(path: path), "the file ends at byte \(offset + done), inside data the footer points to")
      }
      done += n
      bytesRead += n
    }
  }

  /// Reads `count` bytes at `offset` into a new array.
  func bytes(at offset: Int, count: Int) throws -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    try out.withUnsafeMutableBytes { try read(at: offset, into: $0) }
    return out
  }

  /// The `xxh64:` fingerprint of the whole file, read sequentially (not counted in `bytesRead`).
  func fingerprint() throws -> String {
    var hasher = XXH64Stream()
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { chunk.deallocate() }
    var offset = 0
    while offset < size {
      let n = pread(fd, chunk.baseAddress!, min(chunk.count, size - offset), off_t(offset))
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { break }
      hasher.update(UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
      offset += n
    }
    let hex = String(hasher.digest(), radix: 16)
    return "xxh64:" + String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// Whether `path` looks like Parquet: a `.parquet` name, or `PAR1` / `PARE` as its first bytes.
  /// Standard input (`-`) is never Parquet: it cannot be read from its end.
  static func looksLikeParquet(path: String) -> Bool {
    guard path != "-" else { return false }
    if path.lowercased().hasSuffix(".parquet") { return true }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var head = [UInt8](repeating: 0, count: 4)
    let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, 4, 0) }
    return n == 4 && (head == magic || head == encryptedMagic)
  }
}
