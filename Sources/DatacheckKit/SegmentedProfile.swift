import Foundation

/// Profiles a plain delimited file in segments, on several threads, with the result of one
/// sequential pass over the same segments.
///
/// The file is cut every `segmentBytes` bytes; segment k runs from the record boundary where
/// segment k − 1 ended to the first record boundary at or past the cut k + 1 (a line feed outside
/// quotes). A thread cannot know where a quoted newline puts that boundary without reading what
/// comes before, so it starts at the first line feed past its cut and the merge checks that start
/// against where the previous segment really ended: a wrong guess (a quoted newline straddling the
/// cut) is read again from the right place. Segments are merged in file order, so the profile is
/// the same for every thread count, byte for byte; only the segment size changes it (sketches and
/// floating-point sums depend on how the rows are grouped).
///
/// A column that ends segment 0 counted by sketches (more distinct values than the exact cap)
/// is counted by sketches from the start in segments 2 on: the whole column will be anyway, and
/// a near-unique column no longer fills an exact table of 65,536 values in every segment only to
/// drop it. Segment 1 does not wait for segment 0, and the rule depends on segment 0 alone, so
/// the profile stays the same for every thread count.
///
/// Memory: at most `threads` unmerged segment profiles besides the merged one.
struct SegmentedProfile {
  /// One segment's profile; its lines and problems are numbered from `firstLine`.
  struct Part {
    var profiler: DatasetProfiler
    var problems: ProblemLog
    var records: Int
    var lines: Int
    var firstLine: Int
    var start: Int
    var end: Int
  }

  let first: CSVFileReader
  let threads: Int
  let segmentBytes: Int
  let makeProfiler: () -> DatasetProfiler
  let observe: (inout DatasetProfiler, RecordBatch, [PreparedColumn]?) -> Void
  /// The columns segment 0 ended with sketched counts, once it has ended.
  private let sketched = Handoff<[Int]>()

  /// The segment size for the file at `path`: `options.segmentBytes`, or less when its first
  /// MiB's lines say a segment that long would hold more than `options.segmentRecords` records
  /// (at least 4 MiB: a smaller file stays one stream). Read from the file, so the same for
  /// every thread count.
  static func segmentBytes(of path: String, _ options: ReadOptions) throws -> Int {
    guard let records = options.segmentRecords else { return options.segmentBytes }
    let file = try FileSource(path: path, offset: 0)
    let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { block.deallocate() }
    var read = 0
    while read < block.count {
      let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: block[read...]))
      if n == 0 { break }
      read += n
    }
    let lines = block[..<read].reduce(0) { $1 == 10 ? $0 + 1 : $0 }
    guard lines > 0 else { return options.segmentBytes }
    return min(options.segmentBytes, max(4 << 20, read / lines * records))
  }

  /// How many segments the file is cut into (one when it is smaller than a segment).
  static func count(size: Int, segmentBytes: Int) -> Int { max(1, (size + segmentBytes - 1) / max(1, segmentBytes)) }

  private var size: Int { first.fileSize }
  private var count: Int { SegmentedProfile.count(size: size, segmentBytes: segmentBytes) }
  /// The file offset segment k stops at or past (nil: the last segment reads to the end).
  private func cut(_ k: Int) -> Int? { k < count ? k * segmentBytes : nil }

  /// Profiles every segment and merges them into `profiler`; gives `first` the whole file's
  /// problems, record count and fingerprint. `progress` gets the bytes merged so far.
  func run(into profiler: inout DatasetProfiler, progress: (Int) -> Void) throws {
    first.stop(at: cut(1)!)
    // One reader sees every byte in order only when it reads the file for its fingerprint alone:
    // beside the workers, or after the profile on one thread.
    var fingerprint: Result<String, Error>?
    let path = first.path
    let hashing = threads > 1 ? JoinableThread { fingerprint = Result { try FileSource.fingerprint(path: path) } } : nil
    defer { hashing?.join() }
    let pool = threads > 1 ? Pool(threads: threads, count: count, work: guessAndProfile) : nil
    defer { pool?.stop() }

    var problems = ProblemLog()
    var records = 0
    var lines = 0
    var expected = 0
    for k in 0..<count {
      if k > 0 && expected >= size { break }  // a long record carried an earlier segment to the end
      // A worker's segment counts only if it started where the previous one ended; it failed or
      // guessed wrong otherwise, and is read again from there, numbered from its true first line
      // (so that an error says where it is).
      let taken = pool?.take(k)
      let p: Part
      if case .success(let guessed)? = taken, guessed.start == expected {
        p = guessed
      } else if k == 0, let taken {
        p = try taken.get()  // the first segment has no guessed start; its error is in place
      } else {
        p = try profile(k, start: expected, firstLine: lines + 1)
      }
      profiler.absorb(p.profiler, first: k == 0)
      problems.merge(p.problems.shifted(byLines: lines + 1 - p.firstLine))
      records += p.records
      lines += p.lines
      expected = p.end
      progress(expected)
    }
    hashing?.join()
    let whole = try (fingerprint ?? Result { try FileSource.fingerprint(path: path) }).get()
    first.absorb(problems: problems, records: records, fingerprint: whole)
  }

  /// A worker's segment k: its start guessed as just past the first line feed at or after its cut.
  private func guessAndProfile(_ k: Int) throws -> Part {
    try profile(k, start: k == 0 ? 0 : guessStart(cut(k)!), firstLine: 1)
  }

  /// Reads segment k from `start` (k = 0: the reader that read the header) into a new profiler.
  private func profile(_ k: Int, start: Int, firstLine: Int) throws -> Part {
    let reader = k == 0 ? first : try CSVFileReader(segmentOf: first, start: start, stop: cut(k + 1), firstLine: firstLine)
    var profiler = makeProfiler()
    if k >= 2 { profiler.startSketching(sketched.wait()) }
    var sketchedColumns: [Int] = []
    defer { if k == 0 { sketched.put(sketchedColumns) } }   // also when segment 0 fails: none
    profiler.deferRowInserts()
    while try reader.next() { observe(&profiler, reader.batch, nil) }
    sketchedColumns = profiler.sketchedColumns
    profiler.sortDeferredRows()
    return Part(profiler: profiler, problems: reader.problems, records: reader.recordsParsed,
                lines: reader.linesEnded, firstLine: firstLine, start: k == 0 ? 0 : start, end: reader.endOffset)
  }

  /// The offset just past the first line feed at or after `cut − 1`, or the file's size.
  private func guessStart(_ cut: Int) throws -> Int {
    let file = try FileSource(path: first.path, offset: cut - 1)
    let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    defer { block.deallocate() }
    var offset = cut - 1
    while true {
      let n = try file.read(into: block)
      if n == 0 { return size }
      if let i = block[0..<n].firstIndex(of: 10) { return offset + (i - block.startIndex) + 1 }
      offset += n
    }
  }
}

/// Profiles the row groups of a Parquet file on several threads, each on its own reader, and
/// merges them in file order: every thread count gives the same profile, as for `SegmentedProfile`
/// (whose rule for columns sketched in the first part applies here too).
struct RowGroupProfile {
  let first: ParquetFileReader
  let options: ReadOptions
  let makeProfiler: () -> DatasetProfiler
  let observe: (inout DatasetProfiler, RecordBatch, [PreparedColumn]?) -> Void
  /// The columns row group 0 ended with sketched counts, once it has ended.
  private let sketched = Handoff<[Int]>()

  func run(into profiler: inout DatasetProfiler, progress: (Int) -> Void) throws {
    let count = first.rowGroupCount
    first.stop(atRowGroup: 1)
    let pool = options.threads > 1 ? Pool(threads: options.threads, count: count, work: profile) : nil
    defer { pool?.stop() }
    var problems = ProblemLog()
    var records = 0
    for g in 0..<count {
      let (part, partProblems, partRecords) = try (pool?.take(g) ?? Result { try profile(g) }).get()
      profiler.absorb(part, first: g == 0)
      problems.merge(partProblems)
      records += partRecords
      progress(g + 1)
    }
    first.absorb(problems: problems, records: records)
  }

  /// Row group g into a new profiler (g = 0: the reader that read the footer).
  private func profile(_ g: Int) throws -> (DatasetProfiler, ProblemLog, Int) {
    var sketchedColumns: [Int] = []
    defer { if g == 0 { sketched.put(sketchedColumns) } }   // also when row group 0 fails: none
    let reader = g == 0 ? first : try ParquetFileReader(path: first.path, options: options, rowGroups: g..<g + 1)
    var profiler = makeProfiler()
    if g >= 2 { profiler.startSketching(sketched.wait()) }
    profiler.deferRowInserts()
    while try reader.next() { observe(&profiler, reader.batch, reader.prepared) }
    sketchedColumns = profiler.sketchedColumns
    reader.releaseColumnReaders()
    profiler.sortDeferredRows()
    return (profiler, reader.problems, reader.recordsParsed)
  }
}

extension DatasetProfiler {
  /// Merges the profiler of a file's next segment or row group; the first part of the dataset's
  /// first file becomes the profiler itself (its listed row hashes go into its own tables).
  mutating func absorb(_ part: DatasetProfiler, first: Bool) {
    if first && rows == 0 {
      self = part
      insertDeferredRows()
    } else {
      merge(part)
    }
  }
}

extension ProblemLog {
  /// The same problems, their lines moved down by `lines` (a segment's, placed in its file).
  func shifted(byLines lines: Int) -> ProblemLog {
    guard lines != 0 else { return self }
    var out = self
    out.mapLocations { location in
      var moved = location
      moved.line = location.line.map { $0 + lines }
      return moved
    }
    return out
  }
}

/// Worker threads that profile segments (or row groups) ahead of the merge, at most `threads`
/// of them ahead; the merge takes them in order.
final class Pool<Part> {
  private let condition = NSCondition()
  private var results: [Int: Result<Part, Error>] = [:]
  private var next = 0
  private var merged = 0
  private var stopped = false
  private var running: [JoinableThread] = []
  private let threads: Int
  private let count: Int

  init(threads: Int, count: Int, work: @escaping (Int) throws -> Part) {
    self.threads = threads
    self.count = count
    for _ in 0..<threads {
      running.append(JoinableThread { [self] in
        while let k = claim() {
          let result = Result { try work(k) }
          condition.lock()
          results[k] = result
          condition.broadcast()
          condition.unlock()
        }
      })
    }
  }

  /// The next segment to profile, once fewer than `threads` segments wait to be merged.
  private func claim() -> Int? {
    condition.lock()
    defer { condition.unlock() }
    while !stopped && next < count && next >= merged + threads { condition.wait() }
    guard !stopped && next < count else { return nil }
    next += 1
    return next - 1
  }

  /// Waits for segment k's result and hands it over.
  func take(_ k: Int) -> Result<Part, Error> {
    condition.lock()
    defer { condition.unlock() }
    while results[k] == nil { condition.wait() }
    merged = k + 1
    condition.broadcast()
    return results.removeValue(forKey: k)!
  }

  /// Lets the workers finish their segment and waits for them.
  func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
    for thread in running { thread.join() }
  }
}

/// A value one thread puts once and others wait for.
final class Handoff<Value>: @unchecked Sendable {
  private let condition = NSCondition()
  private var value: Value?

  func put(_ v: Value) {
    condition.lock()
    if value == nil { value = v }
    condition.broadcast()
    condition.unlock()
  }

  func wait() -> Value {
    condition.lock()
    defer { condition.unlock() }
    while value == nil { condition.wait() }
    return value!
  }
}

/// A thread that can be waited for.
final class JoinableThread {
  private let done = DispatchSemaphore(value: 0)
  private var joined = false

  /// Starts `body` on a new thread.
  init(_ body: @escaping () -> Void) {
    let thread = Thread { [done] in
      body()
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Waits for the thread's body to return (at once if it has been joined before).
  func join() {
    guard !joined else { return }
    done.wait()
    joined = true
  }
}
