import CCSV

/// libcsv in strict mode, fed line by line so that every record, problem and error has a place.
///
/// libcsv reports no positions, so the parser cuts its input at line ends (and at most
/// `sliceLimit` bytes) and hands libcsv one slice at a time: before each slice the line and byte
/// column are known, and libcsv's return value locates a parse error inside the slice. Records end
/// only at line ends, so a record's first line is the line its first slice started.
///
/// Fields go from libcsv's callback straight into a `RecordBatch` column: no `String` per field.
final class CSVParser {
  enum Mode { case header, records }

  let path: String
  let delimiter: UInt8
  let maxFieldSize: Int
  /// The most fields a record (the header included) may have.
  let maxColumns: Int
  let hasHeader: Bool
  let batchCapacity: Int
  private(set) var mode: Mode = .header
  /// Header fields (or, without a header, the first record's fields) once the first record ends.
  private(set) var headerFields: [[UInt8]] = []
  /// The number of columns once the header is known; fields past it are not stored.
  var columnCount = 0
  var columnNames: [String] = []
  var batch = RecordBatch(columns: 0)
  var problems = ProblemLog()
  private(set) var error: InputError? {
    didSet { failed = error != nil }
  }
  /// `error != nil`, as a plain flag for the per-field callbacks.
  private var failed = false
  private(set) var recordsParsed = 0
  /// Records ended so far, the header included: a line that ends none is blank.
  private var recordEnds = 0
  private var lineMayBeBlank = false
  private var recordEndsAtLineStart = 0

  private var parser = csv_parser()
  private var line = 1
  /// The number of the input's first line (a later segment of a file starts past line 1).
  private var firstLine = 1
  private var column = 1
  private var recordStartLine = 1
  private var fieldIndex = 0
  private var pendingCR = false
  private var quoteOpener: (line: Int, column: Int)?
  private static let sliceLimit = 64 * 1024
  /// Whether simple lines skip libcsv (see `parseSimpleLine`); tests turn it off to compare.
  var simpleLineFastPath = true
  /// Where the fields of the line being read lie (`parseSimpleLine` keeps track of `maxSpans`).
  private struct FieldSpan {
    var start: Int
    var end: Int
    /// Quoted with `""` inside: the field is the span with each `""` read as one quote.
    var escaped: Bool
  }
  private static let maxSpans = 1024
  private let fieldSpans = UnsafeMutablePointer<FieldSpan>.allocate(capacity: CSVParser.maxSpans)
  /// Lines `parseSimpleLine` read (for the tests that compare it with libcsv).
  private(set) var simpleLinesRead = 0
  /// A quoted field's value once its `""`s are read as quotes.
  private var unescaped: [UInt8] = []
  /// Bytes read so far, by libcsv or `parseSimpleLine` (this parser's input starts at 0).
  private(set) var consumed = 0
  /// Where to stop: at the first line feed that ends a record at or past this offset of the
  /// input (a segment of a file ends there); nil reads to the end.
  var stopOffset: Int?
  /// The offset just past the line feed the parser stopped at, once it has.
  private(set) var stoppedAt: Int?
  /// Line ends read so far.
  var linesEnded: Int { line - firstLine }

  init(path: String, delimiter: UInt8, maxFieldSize: Int, maxColumns: Int = 16_384, hasHeader: Bool, batchCapacity: Int) {
    self.maxColumns = maxColumns
    self.path = path
    self.delimiter = delimiter
    self.maxFieldSize = maxFieldSize
    self.hasHeader = hasHeader
    self.batchCapacity = batchCapacity
    // CSV_STRICT: a quote inside an unquoted field, or text after a closing quote, is an error;
    // without it one stray quote silently turns the rest of the file into one field.
    // CSV_STRICT_FINI: csv_fini fails when the last quoted field has no closing quote.
    csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI))
    csv_set_delim(&parser, delimiter)
    csv_set_blk_size(&parser, 64 * 1024)
  }

  deinit {
    csv_free(&parser)
    fieldSpans.deallocate()
  }

  /// Feeds one chunk of input. Check `error` afterwards: parsing stops at the first error.
  func feed(_ chunk: UnsafeRawBufferPointer) {
    let n = chunk.count
    var i = 0
    while i < n && !failed && stoppedAt == nil {
      if pendingCR {
        pendingCR = false
        if chunk[i] == 10 {  // the LF of a CRLF split across chunks: same line end
          parse(UnsafeRawBufferPointer(rebasing: chunk[i..<i + 1]), endsLine: false, lineFeedOfCRLF: true)
          i += 1
          continue
        }
      }
      let limit = min(n, i + CSVParser.sliceLimit)
      if simpleLineFastPath && mode == .records && column == 1 && parser.pstate == CCSV_ROW_NOT_BEGUN,
         let end = parseSimpleLine(chunk, from: i, limit: limit) {
        i = end
        continue
      }
      var j = i
      while j < limit && chunk[j] != 10 && chunk[j] != 13 { j += 1 }
      guard j < limit else {
        parse(UnsafeRawBufferPointer(rebasing: chunk[i..<limit]), endsLine: false)
        i = limit
        continue
      }
      var end = j + 1
      if chunk[j] == 13 {
        if end < n { if chunk[end] == 10 { end += 1 } } else { pendingCR = true }
      }
      parse(UnsafeRawBufferPointer(rebasing: chunk[i..<end]), endsLine: true)
      i = end
    }
  }

  /// Reads a whole line without libcsv when it is simple: by libcsv's rules (CSV_STRICT, no
  /// other option) fields end at the delimiter and spaces and tabs around a field are dropped
  /// (unless one is the delimiter); a field may be quoted (`"a, ""b"""`, spaces around it
  /// dropped) as long as its quotes close on this line, with nothing but the delimiter or the
  /// line end after them; a line of nothing but spaces is blank, not a record. Returns where the
  /// line ends, or nil — having changed nothing — for anything else (a quoted line end, a stray
  /// quote, text after a closing quote, a line that does not end before `limit`, more fields than
  /// it keeps track of): then libcsv reads the line, and reports what is wrong with it.
  /// (CSVFastPathTests compares both ways on every fixture and on random input.)
  private func parseSimpleLine(_ chunk: UnsafeRawBufferPointer, from start: Int, limit: Int) -> Int? {
    let base = chunk.baseAddress!.assumingMemoryBound(to: UInt8.self)
    let d = delimiter
    let isSpace = { (c: UInt8) in (c == 32 || c == 9) && c != d }
    let spans = fieldSpans
    var fields = 0
    var k = start
    var quotedAny = false
    var seen: UInt64 = 0   // every word the scans read, ORed: no high bit, no UTF-8 to check
    // Each turn reads one field, from `k` to just past its delimiter or to its line end.
    while true {
      guard fields < CSVParser.maxSpans else { return nil }
      var a = k
      while a < limit && isSpace(base[a]) { a += 1 }
      if a < limit && base[a] == 34 {
        // Quoted: to the closing quote; `""` stands for one quote.
        var q = a + 1
        var escaped = false
        while true {
          q = CSVParser.firstSpecial(base, from: q, limit: limit, or: 34, seen: &seen)
          guard q < limit, base[q] == 34 else { return nil }   // a quoted line end, or past `limit`
          guard q + 1 < limit, base[q + 1] == 34 else { break }
          escaped = true
          q += 2
        }
        var e = q + 1
        while e < limit && isSpace(base[e]) { e += 1 }
        guard e < limit else { return nil }
        let c = base[e]
        guard c == d || c == 10 || c == 13 else { return nil }   // text after the closing quote
        spans[fields] = FieldSpan(start: a + 1, end: q, escaped: escaped)
        fields += 1
        quotedAny = true
        k = e
        if c != d { break }
        k += 1
      } else {
        var b = CSVParser.firstSpecial(base, from: a, limit: limit, or: d, seen: &seen)
        guard b < limit, base[b] != 34 else { return nil }   // a quote inside an unquoted field
        let stop = b
        while b > a && isSpace(base[b - 1]) { b -= 1 }
        spans[fields] = FieldSpan(start: a, end: b, escaped: false)
        fields += 1
        k = stop
        if base[stop] != d { break }
        k += 1
      }
    }
    // `k` is at the line's CR or LF.
    var end = k + 1
    if base[k] == 13 {
      if end < chunk.count { if base[end] == 10 { end += 1 } } else { pendingCR = true }
    }
    recordStartLine = line
    if fields == 1 && !quotedAny && spans[0].start == spans[0].end {
      problems.record(.blankLine, at: Location(path: path, line: line))
    } else if fields == columnCount && fieldIndex == 0 && end - start <= maxFieldSize
                && (seen & 0x8080_8080_8080_8080 == 0 || UTF8Check.isValid(UnsafeRawBufferPointer(rebasing: chunk[start..<end]))) {
      // The usual line: as many fields as columns, none too large, and valid UTF-8 (so is
      // every field: they are cut at ASCII bytes), so the fields go straight into the batch,
      // `""` unescaped on the way (what `field` would do for each).
      batch.prepareToAppend()
      for f in 0..<fields {
        let value = UnsafeRawBufferPointer(start: base + spans[f].start, count: spans[f].end - spans[f].start)
        if spans[f].escaped {
          batch.appendPreparedUnescapingQuotes(value, toColumn: f)
        } else {
          batch.appendPrepared(value, toColumn: f)
        }
      }
      fieldIndex = fields
      endRecord()
    } else {
      for f in 0..<fields {
        let span = spans[f]
        if span.escaped {
          unescaped.removeAll(keepingCapacity: true)
          var i = span.start
          while i < span.end {
            unescaped.append(base[i])
            i += base[i] == 34 ? 2 : 1
          }
          unescaped.withUnsafeBytes { field($0) }
        } else {
          field(UnsafeRawBufferPointer(start: base + span.start, count: span.end - span.start))
        }
        if failed { return end }
      }
      endRecord()
      if failed { return end }
    }
    consumed += end - start
    line += 1
    simpleLinesRead += 1
    stopIfPast(UnsafeRawBufferPointer(rebasing: chunk[start..<end]))
    return end
  }

  /// Ends the input: submits a last record without a line end, or reports an unclosed quote.
  func finish() {
    guard !failed, stoppedAt == nil else { return }
    let context = Unmanaged.passUnretained(self).toOpaque()
    if csv_fini(&parser, CSVParser.onField, CSVParser.onRecord, context) != 0 {
      let opener = quoteOpener ?? (line, column)
      fail(.unterminatedQuote, line: opener.line, column: opener.column,
           "a quoted field opened here is never closed; close it with a quote (a quote inside a quoted field is written twice: \"\")")
    }
  }

  private var quoteIsOpen: Bool {
    parser.quoted != 0
      && (parser.pstate == CCSV_FIELD_BEGUN || parser.pstate == CCSV_FIELD_MIGHT_HAVE_ENDED)
  }

  private func parse(_ slice: UnsafeRawBufferPointer, endsLine: Bool, lineFeedOfCRLF: Bool = false) {
    if column == 1 && !lineFeedOfCRLF {
      lineMayBeBlank = parser.pstate == CCSV_ROW_NOT_BEGUN
      recordEndsAtLineStart = recordEnds
      if lineMayBeBlank { recordStartLine = line }
    }
    let wasOpen = quoteIsOpen
    let context = Unmanaged.passUnretained(self).toOpaque()
    let used = csv_parse(&parser, slice.baseAddress, slice.count, CSVParser.onField, CSVParser.onRecord, context)
    if failed { return }
    if used < slice.count { return parseFailed(at: used, in: slice) }
    consumed += used
    if !wasOpen && quoteIsOpen { locateQuoteOpener(in: slice) }
    if parser.entry_pos > maxFieldSize { return fieldTooLarge(stillOpen: true) }
    if lineFeedOfCRLF { return stopIfPast(slice) }  // the line (and its column) ended at the CR
    guard endsLine else { column += slice.count; return }
    // Blank: the line began outside any record, and libcsv (which skips spaces there) began none.
    if lineMayBeBlank && parser.pstate == CCSV_ROW_NOT_BEGUN && recordEnds == recordEndsAtLineStart { problems.record(.blankLine, at: Location(path: path, line: line)) }
    line += 1
    column = 1
    stopIfPast(slice)
  }

  /// Stops at a line feed past `stopOffset` that ends a record (not one inside quotes).
  private func stopIfPast(_ slice: UnsafeRawBufferPointer) {
    guard let stopOffset, consumed >= stopOffset, mode == .records, slice.last == 10,
          parser.pstate == CCSV_ROW_NOT_BEGUN else { return }
    stoppedAt = consumed
  }

  /// Finds the quote that opened the field still open at the end of `slice` (rare: quoted newlines).
  private func locateQuoteOpener(in slice: UnsafeRawBufferPointer) {
    var inQuotes = false
    var lastClose = -2
    var opener = 0
    for k in 0..<slice.count where slice[k] == UInt8(ascii: "\"") {
      if inQuotes {
        inQuotes = false
        lastClose = k
      } else {
        inQuotes = true
        if lastClose != k - 1 { opener = k }  // `""` inside quotes is an escaped quote, not an opener
      }
    }
    quoteOpener = (line, column + opener)
  }

  private func parseFailed(at offset: Int, in slice: UnsafeRawBufferPointer) {
    let at = column + offset
    switch Int32(csv_error(&parser)) {
    case CSV_EPARSE where parser.pstate == CCSV_FIELD_MIGHT_HAVE_ENDED:
      fail(.textAfterQuote, line: line, column: at,
           "text after the closing quote of a quoted field; a quote inside a quoted field is written twice (\"\")")
    case CSV_EPARSE:
      fail(.strayQuote, line: line, column: at,
           "a quote inside an unquoted field; quote the whole field and double the quote (\"a\"\"b\")")
    default:
      fail(.parserOutOfMemory, line: line, column: at, "the CSV parser ran out of memory on a huge field")
    }
  }

  /// `stillOpen`: the field is the one libcsv is still reading (its quote may never close);
  /// otherwise a whole field, passed to a callback while libcsv runs, when its state is not to
  /// be read.
  private func fieldTooLarge(stillOpen: Bool = false) {
    var message = "a field is larger than the \(maxFieldSize)-byte limit; raise it with --max-field-size if it is real"
    if stillOpen, let opener = quoteOpener, quoteIsOpen {
      message += " (the quoted field opened at line \(opener.line), column \(opener.column) may be missing its closing quote)"
    }
    fail(.fieldTooLarge, line: line, column: column, message)
  }

  private func tooManyFields() {
    let what = mode == .header ? "the header has" : "a record has"
    fail(.tooManyFields, line: recordStartLine, column: column,
         "\(what) more than \(maxColumns) fields; raise --max-columns if the data really is that wide (is the delimiter right?)")
  }

  private func fail(_ code: InputError.Code, line: Int, column: Int, _ message: String) {
    if !failed { error = InputError(code, at: Location(path: path, line: line, column: column), message) }
  }

  // MARK: - libcsv callbacks

  private static let onField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
    bytes, count, context in
    // The parser outlives every csv_parse call it makes, so no retain is needed here.
    Unmanaged<CSVParser>.fromOpaque(context!)._withUnsafeGuaranteedRef {
      $0.field(UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
    }
  }

  private static let onRecord: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
    Unmanaged<CSVParser>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.endRecord() }
  }

  private func field(_ value: UnsafeRawBufferPointer) {
    guard !failed else { return }
    if value.count > maxFieldSize { return fieldTooLarge() }
    if fieldIndex >= maxColumns { return tooManyFields() }
    if mode == .header {
      headerFields.append(Array(value))
    } else if fieldIndex < columnCount {
      batch.append(value, toColumn: fieldIndex)
      if !UTF8Check.isValid(value) {
        problems.record(.invalidUTF8, at: Location(path: path, line: line),
                        detail: "in column \(columnNames[fieldIndex])")
      }
    }
    fieldIndex += 1
  }

  private func endRecord() {
    guard !failed else { return }
    defer { fieldIndex = 0 }
    recordEnds += 1
    if mode == .header { return headerEnded() }
    recordsParsed += 1
    if fieldIndex < columnCount {
      for c in fieldIndex..<columnCount { batch.appendAbsent(toColumn: c) }
    }
    if fieldIndex != columnCount {
      problems.record(.raggedRow, at: Location(path: path, line: recordStartLine),
                      detail: "\(fieldIndex) fields where the header has \(columnCount)")
    }
    batch.endRecord(line: recordStartLine, fieldCount: fieldIndex)
  }

  /// Starts a parser on a later segment of a file whose header another parser read: every
  /// record is data, in `columnNames.count` columns.
  func startInRecords(columnNames: [String], firstLine: Int) {
    mode = .records
    self.firstLine = firstLine
    line = firstLine
    recordStartLine = firstLine
    columnCount = columnNames.count
    self.columnNames = columnNames
    batch = RecordBatch(columns: columnCount, capacity: batchCapacity)
  }

  /// The first record is complete: it names the columns, or (without a header) it is data too.
  private func headerEnded() {
    mode = .records
    columnCount = headerFields.count
    columnNames = headerFields.enumerated().map { i, bytes in
      hasHeader && !bytes.isEmpty ? String(decoding: bytes, as: UTF8.self) : "column_\(i + 1)"
    }
    batch = RecordBatch(columns: columnCount, capacity: batchCapacity)
    guard !hasHeader else { return }
    fieldIndex = 0
    for bytes in headerFields { bytes.withUnsafeBytes { field($0) } }
    endRecord()
  }
}
