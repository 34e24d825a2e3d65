import CZlib

/// The pages of one column chunk, read one at a time: header, CRC check, decompression.
///
/// Memory: a read window over the chunk (64 KiB, or one compressed page when larger) and one
/// decompressed page, both reused from page to page and from chunk to chunk. Every size in a
/// page header is checked against the bytes left in the chunk and against `ParquetLimits`
/// before anything is allocated for it.
final class ColumnChunkPages {
  /// One page: its header and its data, decompressed. For a v2 data page the levels come first,
  /// as stored, then the decompressed values. `data` is valid until the next `next()`.
  struct Page {
    var header: ParquetPageHeader
    var type: ParquetPageType
    var data: UnsafeRawBufferPointer
    var index: Int
  }

  private let file: ParquetFile
  private var codec = ParquetCodec.uncompressed
  private var place: ParquetPlace
  private var offset = 0
  private var end = 0
  private var pageIndex = 0
  private var rangeError: Error?
  private var window = UnsafeMutableRawBufferPointer.allocate(byteCount: 1, alignment: 16)
  private var windowStart = 0
  private var windowCount = 0
  private var page = UnsafeMutableRawBufferPointer.allocate(byteCount: 1, alignment: 16)

  static let readAhead = 64 << 10

  init(file: ParquetFile, place: ParquetPlace) {
    self.file = file
    self.place = place
  }

  deinit {
    window.deallocate()
    page.deallocate()
  }

  /// Starts on the chunk in bytes `range` of the file (inside its data region), or on a chunk
  /// whose range is an error, which `next()` then throws.
  func start(range: Result<Range<Int>, Error>, codec: ParquetCodec, place: ParquetPlace) {
    switch range {
    case .success(let bytes): (offset, end, rangeError) = (bytes.lowerBound, bytes.upperBound, nil)
    case .failure(let error): (offset, end, rangeError) = (0, 1, error)
    }
    self.codec = codec
    self.place = place
    pageIndex = 0
    windowCount = 0
  }

  /// The place of the page read last, for errors found while decoding it.
  var pagePlace: ParquetPlace { place.with(page: max(0, pageIndex - 1)) }

  /// Reads the next page. Returns nil at the end of the chunk; throws `InputError` when the
  /// header or the data is corrupt, fails its CRC, or declares sizes past the limits.
  func next() throws -> Page? {
    if let rangeError { throw rangeError }
    guard offset < end else { return nil }
    let here = place.with(page: pageIndex)
    let (header, headerLength) = try readHeader(at: here)
    let bodyStart = offset + headerLength
    let type = try validate(header, at: here)
    let (compressed, uncompressed) = try checkSizes(header, type: type, bodyStart: bodyStart, at: here)
    let body = try bytes(at: bodyStart, count: compressed)
    if let crc = header.crc {
      let computed = UInt32(truncatingIfNeeded: crc32(0, body.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(body.count)))
      guard computed == UInt32(bitPattern: crc) else {
        throw here.error(.parquetPageCRCMismatch, "the page's CRC32 is \(hex(UInt32(bitPattern: crc))) in its header but \(hex(computed)) over its \(body.count) bytes: the page is corrupt")
      }
    }
    offset = bodyStart + compressed
    pageIndex += 1
    let data = try decompress(body, header: header, type: type, size: uncompressed, at: here)
    return Page(header: header, type: type, data: data, index: pageIndex - 1)
  }

  private func readHeader(at here: ParquetPlace) throws -> (ParquetPageHeader, Int) {
    var size = min(ParquetLimits.headerWindow, end - offset)
    while true {
      let view = try bytes(at: offset, count: size)
      var reader = ThriftCompactReader(view)
      do {
        return (try ParquetPageHeader.decode(&reader), reader.position)
      } catch ThriftError.truncated {
        let most = min(end - offset, ParquetLimits.maxPageHeaderBytes)
        guard size < most else {
          throw here.error(.parquetBadPageHeader, "the page header is cut off by the end of the column chunk (\(size) bytes)")
        }
        size = min(size * 4, most)
      } catch let error as ThriftError {
        throw here.error(.parquetBadPageHeader, "the page header is corrupt: \(error.message)")
      }
    }
  }

  /// Checks the header's own fields: a known page type, its sub-header, counts not negative.
  private func validate(_ h: ParquetPageHeader, at here: ParquetPlace) throws -> ParquetPageType {
    guard let type = ParquetPageType(rawValue: h.type) else {
      throw here.error(.parquetBadPageHeader, "page type \(h.type) is not a Parquet page type")
    }
    let fail = { (what: String) in here.error(.parquetBadPageHeader, what) }
    switch type {
    case .dictionaryPage:
      guard let d = h.dictionaryPage else { throw fail("a dictionary page without its dictionary_page_header") }
      guard d.numValues >= 0 else { throw fail("the dictionary page header declares \(d.numValues) values (num_values is negative)") }
    case .dataPage:
      guard let d = h.dataPage else { throw fail("a data page without its data_page_header") }
      guard d.numValues >= 0 else { throw fail("the data page header declares \(d.numValues) values (num_values is negative)") }
    case .dataPageV2:
      guard let d = h.dataPageV2 else { throw fail("a v2 data page without its data_page_header_v2") }
      guard d.numValues >= 0, d.numNulls >= 0, d.numNulls <= d.numValues else {
        throw fail("the v2 data page header declares \(d.numValues) values of which \(d.numNulls) nulls")
      }
      guard d.repetitionLevelsByteLength >= 0, d.definitionLevelsByteLength >= 0 else {
        throw fail("the v2 data page header declares negative level lengths")
      }
    case .indexPage:
      break
    }
    return type
  }

  private func checkSizes(_ h: ParquetPageHeader, type: ParquetPageType, bodyStart: Int, at here: ParquetPlace) throws -> (Int, Int) {
    let compressed = Int(h.compressedSize), uncompressed = Int(h.uncompressedSize)
    guard compressed >= 0, uncompressed >= 0 else {
      throw here.error(.parquetBadPageHeader, "the page header declares \(compressed) compressed and \(uncompressed) uncompressed bytes")
    }
    guard compressed <= end - bodyStart else {
      throw here.error(.parquetBadPageHeader, "the page claims \(compressed) bytes, but only \(end - bodyStart) remain in the column chunk")
    }
    guard uncompressed <= ParquetLimits.maxPageBytes, compressed <= ParquetLimits.maxPageBytes else {
      throw here.error(.parquetSizeLimit, "the page declares \(max(compressed, uncompressed)) bytes, more than the \(ParquetLimits.maxPageBytes >> 20) MiB datacheck reads in one page")
    }
    if let most = ParquetDecompression.maxDecompressedSize(codec, compressed: compressed), uncompressed > most {
      throw here.error(.parquetSizeLimit, "the page declares \(uncompressed) bytes from \(compressed) \(codec.name)-compressed bytes, more than \(codec.name) can produce: a corrupt header or a decompression bomb")
    }
    return (compressed, uncompressed)
  }

  /// Decompresses a page into the page buffer (a v2 data page's levels are copied as stored).
  private func decompress(_ body: UnsafeRawBufferPointer, header: ParquetPageHeader, type: ParquetPageType,
                          size: Int, at here: ParquetPlace) throws -> UnsafeRawBufferPointer {
    if page.count < size {
      page.deallocate()
      page = .allocate(byteCount: size, alignment: 16)
    }
    var levels = 0
    var compressed = codec != .uncompressed
    if type == .dataPageV2, let v2 = header.dataPageV2 {
      levels = Int(v2.repetitionLevelsByteLength) + Int(v2.definitionLevelsByteLength)
      guard v2.repetitionLevelsByteLength >= 0, v2.definitionLevelsByteLength >= 0, levels <= body.count, levels <= size else {
        throw here.error(.parquetBadPageHeader, "the v2 page's level lengths (\(v2.repetitionLevelsByteLength) + \(v2.definitionLevelsByteLength)) do not fit its \(body.count) bytes")
      }
      UnsafeMutableRawBufferPointer(rebasing: page[0..<levels]).copyMemory(from: UnsafeRawBufferPointer(rebasing: body[0..<levels]))
      compressed = compressed && v2.isCompressed
    }
    let input = UnsafeRawBufferPointer(rebasing: body[levels...])
    let output = UnsafeMutableRawBufferPointer(start: page.baseAddress! + levels, count: size - levels)
    do {
      try ParquetDecompression.decompress(compressed ? codec : .uncompressed, input, into: output)
    } catch let failure as ParquetDecompression.Failure {
      throw here.error(.parquetDecompressionFailed, "\(compressed ? codec.name : "uncompressed") page: \(failure.reason)")
    }
    return UnsafeRawBufferPointer(start: page.baseAddress!, count: size)
  }

  /// A view of `count` bytes of the file at `position`, read through the window.
  private func bytes(at position: Int, count: Int) throws -> UnsafeRawBufferPointer {
    if position < windowStart || position + count > windowStart + windowCount {
      let length = max(count, min(ColumnChunkPages.readAhead, end - position))
      if window.count < length {
        window.deallocate()
        window = .allocate(byteCount: length, alignment: 16)
      }
      try file.read(at: position, into: UnsafeMutableRawBufferPointer(rebasing: window[0..<length]))
      windowStart = position
      windowCount = length
    }
    return UnsafeRawBufferPointer(start: window.baseAddress! + (position - windowStart), count: count)
  }

  private func hex(_ v: UInt32) -> String {
    let digits = String(v, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
  }
}
