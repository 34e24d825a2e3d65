/// The checks `ParquetFileReader` makes on the footer before reading any data: every row group
/// has one chunk per leaf column, and every flat column's chunk is readable (not encrypted, in
/// this file, a known codec, its type as in the schema, its bytes inside the data region).
extension ParquetFileReader {
  static func check(_ metadata: ParquetFileMetaData, schema: ParquetSchema, path: String, dataEnd: Int) throws {
    let footer = ParquetPlace(path: path)
    guard metadata.numRows >= 0 else { throw footer.error(.parquetBadFooter, "the file claims \(metadata.numRows) rows") }
    for (index, group) in metadata.rowGroups.enumerated() {
      let place = ParquetPlace(path: path, rowGroup: index)
      guard group.numRows >= 0 else { throw place.error(.parquetBadFooter, "the row group claims \(group.numRows) rows") }
      guard group.columns.count == schema.leafCount else {
        throw place.error(.parquetBadFooter, "the row group has \(group.columns.count) column chunks, the schema \(schema.leafCount) leaf columns")
      }
      for column in schema.columns {
        let chunk = group.columns[column.leafIndex]
        try checkChunk(chunk, column: column, rows: group.numRows, dataEnd: dataEnd,
                       place: ParquetPlace(path: path, rowGroup: index, column: column.name))
      }
    }
  }

  private static func checkChunk(_ chunk: ParquetColumnChunk, column: ParquetSchema.Column, rows: Int64,
                                 dataEnd: Int, place: ParquetPlace) throws {
    guard !chunk.encrypted else {
      throw place.error(.parquetEncrypted, "the column is encrypted (Parquet modular encryption); encrypted Parquet is not supported")
    }
    if let other = chunk.filePath {
      throw place.error(.parquetUnsupported, "the column's data is in another file (`\(other)`); datacheck reads single-file Parquet")
    }
    guard let meta = chunk.metaData else { throw place.error(.parquetBadFooter, "the column chunk has no meta_data") }
    guard meta.type == column.physical else {
      throw place.error(.parquetBadFooter, "the column chunk is \(meta.type.name), the schema says \(column.physical.name)")
    }
    guard let codec = ParquetCodec(rawValue: meta.codec) else {
      throw place.error(.parquetUnsupportedCodec, "compression codec \(meta.codec) is not a Parquet codec")
    }
    guard ParquetDecompression.isSupported(codec) else {
      throw place.error(.parquetUnsupportedCodec, "the column is compressed with \(codec.name.uppercased()), which datacheck does not read (it reads SNAPPY, GZIP, ZSTD, LZ4_RAW and BROTLI)")
    }
    guard meta.numValues == rows else {
      throw place.error(.parquetBadFooter, "the column chunk claims \(meta.numValues) values, the row group \(rows) rows")
    }
    guard meta.totalCompressedSize >= 0 else {
      throw place.error(.parquetBadFooter, "the column chunk claims \(meta.totalCompressedSize) bytes")
    }
  }

  /// Where a chunk starts: its dictionary page when it has one, else its first data page.
  /// Some writers store `dictionary_page_offset = 0` for "none" (dict-page-offset-zero.parquet).
  static func start(of meta: ParquetColumnMetaData) -> Int64 {
    if let dictionary = meta.dictionaryPageOffset, dictionary > 0, dictionary < meta.dataPageOffset { return dictionary }
    return meta.dataPageOffset
  }

  /// The chunk's bytes in the file, cut at the end of the data (the footer's start), or an
  /// error when the chunk starts outside the data. Checked when the column is first read, so
  /// a file's first bad spot is the one reported.
  static func byteRange(_ meta: ParquetColumnMetaData, dataEnd: Int, place: ParquetPlace) throws -> Range<Int> {
    let start = self.start(of: meta)
    guard start >= 4, start < Int64(dataEnd) else {
      throw place.error(.parquetBadFooter, "the column chunk starts at byte \(start), outside the file's data (bytes 4..<\(dataEnd))")
    }
    let (end, overflow) = start.addingReportingOverflow(meta.totalCompressedSize)
    return Int(start)..<(overflow ? dataEnd : min(Int(end), dataEnd))
  }

  /// The codecs of the flat columns, in order of first use: `snappy`, `gzip+zstd`, or `none`.
  static func codecNames(_ metadata: ParquetFileMetaData, schema: ParquetSchema) -> String {
    var names: [String] = []
    for group in metadata.rowGroups {
      for column in schema.columns {
        guard let raw = group.columns[column.leafIndex].metaData?.codec, let codec = ParquetCodec(rawValue: raw) else { continue }
        if !names.contains(codec.name) { names.append(codec.name) }
      }
    }
    let compressed = names.filter { $0 != "none" }
    return compressed.isEmpty ? "none" : compressed.joined(separator: "+")
  }
}
