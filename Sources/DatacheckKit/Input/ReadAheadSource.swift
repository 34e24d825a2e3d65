import Foundation

/// Produces items on a thread of its own, at most `depth` ahead of the caller: a gzip file's
/// chunks are decompressed (`ReadAheadSource`), or a stream's batches parsed (`Pipeline`), beside
/// the work on the ones before.
///
/// The items come in the order `produce` made them; an error of `produce` reaches the caller
/// after the items before it. Whatever `produce` reads belongs to the thread until `next()` has
/// returned nil or thrown, or `finish()` has returned. Memory: `depth` items.
final class ReadAhead<Item> {
  /// What the producing thread and the caller share, under `condition`. The thread holds this,
  /// not the `ReadAhead`, so that its deinit can stop the thread.
  private final class Queue {
    let condition = NSCondition()
    var ready: [Item] = []
    var failure: Error?
    var ended = false
    var stopped = false
  }

  private let queue = Queue()
  private var producer: JoinableThread?

  /// Starts calling `produce` (nil: the end) on a new thread, at most `depth` items ahead.
  init(depth: Int, produce: @escaping () throws -> Item?) {
    let queue = self.queue
    producer = JoinableThread {
      while true {
        var item: Item?
        var error: Error?
        do { item = try produce() } catch let e { error = e }
        queue.condition.lock()
        while queue.ready.count >= depth && !queue.stopped { queue.condition.wait() }
        if let item, !queue.stopped { queue.ready.append(item) } else { queue.failure = error; queue.ended = true }
        let done = queue.ended || queue.stopped
        queue.condition.broadcast()
        queue.condition.unlock()
        if done { return }
      }
    }
  }

  deinit { finish() }

  /// The next item; nil after the last. Throws `produce`'s error once the items before it are
  /// taken.
  func next() throws -> Item? {
    queue.condition.lock()
    while queue.ready.isEmpty && !queue.ended { queue.condition.wait() }
    guard !queue.ready.isEmpty else {
      queue.condition.unlock()
      if let failure = queue.failure { throw failure }
      return nil
    }
    let item = queue.ready.removeFirst()
    queue.condition.broadcast()
    queue.condition.unlock()
    return item
  }

  /// Stops the thread (if it is still producing) and waits for it.
  func finish() {
    queue.condition.lock()
    queue.stopped = true
    queue.condition.broadcast()
    queue.condition.unlock()
    producer?.join()
  }
}

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

  private let buffer: UnsafeMutableRawBufferPointer
  private let ahead: ReadAhead<Chunk>
  private var current: [UInt8] = []
  private var offset = 0
  /// What `position()` said when the chunk being read now was read.
  private(set) var position = 0
  private let positionOfBase: () -> Int

  /// Starts reading `base` in chunks of `chunkSize` bytes, at most `depth` chunks ahead;
  /// `position` runs on the reading thread.
  init(_ base: ByteSource, chunkSize: Int = 1 << 20, depth: Int = 4, position: @escaping () -> Int) {
    positionOfBase = position
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
    self.buffer = buffer
    ahead = ReadAhead(depth: depth) {
      let n = try base.read(into: buffer)
      return n > 0 ? Chunk(bytes: Array(buffer[0..<n]), position: position()) : nil
    }
  }

  deinit {
    ahead.finish()   // the thread reads into `buffer`
    buffer.deallocate()
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    if offset == current.count {
      guard let chunk = try ahead.next() else {
        position = positionOfBase()  // the reading thread has ended: the base is ours
        return 0
      }
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
