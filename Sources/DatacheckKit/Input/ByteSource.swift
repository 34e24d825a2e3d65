#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stream of bytes read in chunks: a file, standard input, or a decompressor over another source.
protocol ByteSource: AnyObject {
  /// Reads up to `buffer.count` bytes into `buffer`; returns how many, 0 only at the end of input.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A file (or standard input) read with `read(2)`, fingerprinted with XXH64 as it goes.
///
/// Keeps no more than the caller's buffer in memory. `bytesRead` and `totalBytes` feed progress.
final class FileSource: ByteSource {
  let path: String
  private let fd: Int32
  private let ownsDescriptor: Bool
  private(set) var bytesRead: Int = 0
  /// The file's size when it is a regular file, else nil (a pipe, standard input).
  let totalBytes: Int?
  private var hasher = XXH64Stream()
  /// Whether reads update the fingerprint: not for a segment of a file (or the reader of its
  /// first segment), whose whole-file fingerprint is read on its own (1 % of a profile).
  var fingerprinting = true

  /// Opens `path`, or standard input for `-`. Throws `InputError` when the file cannot be opened.
  init(path: String) throws {
    self.path = path
    if path == "-" {
      fd = STDIN_FILENO
      ownsDescriptor = false
    } else {
      fd = open(path, O_RDONLY)
      ownsDescriptor = true
      if fd < 0 {
        let reason = String(cString: strerror(errno))
        let code: InputError.Code = errno == ENOENT ? .fileNotFound : .unreadable
        throw InputError(code, at: Location(path: path), "cannot open the file: \(reason)")
      }
    }
    var info = stat()
    if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
      totalBytes = Int(info.st_size)
    } else if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
      if ownsDescriptor { close(fd) }
      throw InputError(.unreadable, at: Location(path: path), "is a directory, not a data file")
    } else {
      totalBytes = nil
    }
  }

  /// Opens `path` to be read from byte `offset` on (a later segment of a regular file).
  convenience init(path: String, offset: Int) throws {
    try self.init(path: path)
    if offset > 0 && lseek(fd, off_t(offset), SEEK_SET) < 0 {
      let reason = String(cString: strerror(errno))
      throw InputError(.unreadable, at: Location(path: path), "cannot seek to byte \(offset): \(reason)")
    }
  }

  deinit {
    if ownsDescriptor { close(fd) }
  }

  /// The fingerprint of a whole file, read on its own from the start (for a file whose
  /// segments are read in parallel, so that no one reader sees every byte in order).
  static func fingerprint(path: String) throws -> String {
    let file = try FileSource(path: path)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    while try file.read(into: buffer) > 0 {}
    return file.fingerprint
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    while true {
      let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
      if n >= 0 {
        bytesRead += n
        if fingerprinting { hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) }
        return n
      }
      if errno == EINTR { continue }
      let reason = String(cString: strerror(errno))
      throw InputError(.unreadable, at: Location(path: path), "read failed after \(bytesRead) bytes: \(reason)")
    }
  }

  /// The `xxh64:` fingerprint of every byte read so far (the whole file once it is read).
  var fingerprint: String {
    let hex = String(hasher.digest(), radix: 16)
    return "xxh64:" + String(repeating: "0", count: 16 - hex.count) + hex
  }
}

/// A source that lets its first bytes be looked at before they are consumed.
///
/// Format detection (gzip magic bytes, the delimiter sniffer) peeks; the parser then reads
/// everything from the start, so nothing is read twice from the underlying source.
final class PeekableSource: ByteSource {
  private let base: ByteSource
  private var pending: [UInt8] = []
  private var pendingStart = 0

  init(_ base: ByteSource) { self.base = base }

  /// Returns at least `count` leading bytes, fewer only when the input is shorter.
  func peek(_ count: Int) throws -> [UInt8] {
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while pending.count - pendingStart < count {
      let n = try chunk.withUnsafeMutableBytes { try base.read(into: $0) }
      if n == 0 { break }
      pending.append(contentsOf: chunk[0..<n])
    }
    return Array(pending[pendingStart..<min(pending.count, pendingStart + count)])
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    if pendingStart < pending.count {
      let n = min(buffer.count, pending.count - pendingStart)
      pending.withUnsafeBytes { src in
        buffer.baseAddress!.copyMemory(from: src.baseAddress! + pendingStart, byteCount: n)
      }
      pendingStart += n
      if pendingStart == pending.count { pending = []; pendingStart = 0 }
      return n
    }
    return try base.read(into: buffer)
  }
}

/// Caps every read at `limit` bytes: tests use it to feed the parser in chunks of any size.
final class ChunkingSource: ByteSource {
  private let base: ByteSource
  private let limit: Int

  init(_ base: ByteSource, limit: Int) {
    self.base = base
    self.limit = max(1, limit)
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    try base.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(limit, buffer.count)]))
  }
}
