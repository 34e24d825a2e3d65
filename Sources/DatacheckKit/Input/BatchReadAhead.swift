import Foundation

/// Reads a table's batches on a thread of its own, a few batches ahead of the caller: the
/// parsing (and, on a thread before it, a gzip file's decompression) runs beside the profile of
/// the batches before, when a file is read as one stream (gzip, standard input, a file of one
/// segment, a Parquet file of one row group).
///
/// The batches are the same, in the same order, as calling the reader's `next()` directly, so
/// the profile is too. An error of the reader reaches the caller after the batches before it.
/// The reader belongs to the reading thread until `finish()` returns. Memory: `depth` batches.
final class BatchReadAhead {
  typealias Item = (batch: RecordBatch, bytesRead: Int)

  /// What the reading thread and the caller share, under `condition`.
  private final class Queue {
    let condition = NSCondition()
    var ready: [Item] = []
    var failure: Error?
    var ended = false
    var stopped = false
  }

  private let queue = Queue()
  private var producer: JoinableThread?

  /// Starts reading `reader`'s batches, at most `depth` ahead; `bytesRead` runs on the reading
  /// thread after each batch (the progress to report with it).
  init(_ reader: TableReader, depth: Int = 3, bytesRead: @escaping () -> Int) {
    let queue = self.queue
    producer = JoinableThread {
      while true {
        var item: Item?
        var error: Error?
        do {
          if try reader.next() { item = (reader.batch, bytesRead()) }
        } catch let e { error = e }
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

  /// The next batch with the bytes read when it was read; nil after the last. Throws the
  /// reader's error once the batches before it are taken.
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

  /// Stops the reading thread (if it is still reading) and waits for it: the reader is the
  /// caller's again.
  func finish() {
    queue.condition.lock()
    queue.stopped = true
    queue.condition.broadcast()
    queue.condition.unlock()
    producer?.join()
  }
}
