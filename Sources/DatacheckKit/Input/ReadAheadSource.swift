import Foundation

/// Reads another source on a thread of its own, a few chunks ahead of the caller: a gzip file is
/// decompressed on one core while it is parsed and profiled on another.
///
/// The bytes are the same, in the same order, as reading `base` directly, so the profile is too.
/// An error of `base` reaches the caller after the bytes before it. Memory: `depth` chunks.
final class ReadAheadSource: ByteSource {
  private struct Chunk {
    var bytes: [UInt8]
    /// `position()` once the chunk was read (the compressed bytes consumed, for progress).
    var position: Int
  }

  /// What the reading thread and the caller share, under `condition`. The thread holds this,
  /// not the source, so that the source's deinit can stop it.
  private final class Queue {
    let condition = NSCondition()
    var ready: [Chunk] = []
    var failure: Error?
    var ended = false
    var stopped = false
  }

  private let queue = Queue()
  private var producer: JoinableThread?
  private var current: [UInt8] = []
  private var offset = 0
  /// What `position()` said when the chunk being read now was read.
  private(set) var position = 0
  private let positionOfBase: () -> Int

  /// Starts reading `base` in chunks of `chunkSize` bytes, at most `depth` chunks ahead;
  /// `position` runs on the reading thread.
  init(_ base: ByteSource, chunkSize: Int = 1 << 20, depth: Int = 4, position: @escaping () -> Int) {
    let queue = self.queue
    positionOfBase = position
    producer = JoinableThread {
      let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
      defer { buffer.deallocate() }
      while true {
        var chunk: Chunk?
        var error: Error?
        do {
          let n = try base.read(into: buffer)
          if n > 0 { chunk = Chunk(bytes: Array(buffer[0..<n]), position: position()) }
        } catch let e { error = e }
        queue.condition.lock()
        while queue.ready.count >= depth && !queue.stopped { queue.condition.wait() }
        if let chunk, !queue.stopped { queue.ready.append(chunk) } else { queue.failure = error; queue.ended = true }
        let done = queue.ended || queue.stopped
        queue.condition.broadcast()
        queue.condition.unlock()
        if done { return }
      }
    }
  }

  deinit {
    queue.condition.lock()
    queue.stopped = true
    queue.condition.broadcast()
    queue.condition.unlock()
    producer?.join()
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    if offset == current.count {
      queue.condition.lock()
      while queue.ready.isEmpty && !queue.ended { queue.condition.wait() }
      if queue.ready.isEmpty {
        queue.condition.unlock()
        if let failure = queue.failure { throw failure }
        position = positionOfBase()  // the reading thread has ended: the base is ours
        return 0
      }
      let chunk = queue.ready.removeFirst()
      queue.condition.broadcast()
      queue.condition.unlock()
      current = chunk.bytes
      position = chunk.position
      offset = 0
    }
    let n = min(buffer.count, current.count - offset)
    current.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
    offset += n
    return n
  }
}
