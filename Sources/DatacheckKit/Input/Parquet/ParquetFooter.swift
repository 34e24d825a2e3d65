/// Reads and checks a Parquet file's footer: the magic bytes, the metadata length and the
/// `FileMetaData`, before anything else is read or allocated.
///
/// Layout (parquet-format): `PAR1`, the column chunks, the Thrift-encoded `FileMetaData`, its
/// length as 4 bytes little-endian, `PAR1`. A file whose footer is encrypted ends in `PARE`.
enum ParquetFooter {
  static func read(_ file: ParquetFile) throws -> (ParquetFileMetaData, metadataStart: Int) {
    let place = ParquetPlace(path: file.path)
    guard file.size >= 12 else {
      throw place.error(.parquetBadMagic, "the file has \(file.size) bytes, too few to be Parquet (at least 12)")
    }
    let head = try file.bytes(at: 0, count: 4)
    let tail = try file.bytes(at: file.size - 8, count: 8)
    let tailMagic = Array(tail[4..<8])
    if head == ParquetFile.encryptedMagic || tailMagic == ParquetFile.encryptedMagic {
      throw place.error(.parquetEncrypted, "the file is encrypted (Parquet modular encryption, `PARE` magic); encrypted Parquet is not supported")
    }
    guard head == ParquetFile.magic, tailMagic == ParquetFile.magic else {
      let found = head == ParquetFile.magic ? "ends with \(hex(tailMagic))" : "starts with \(hex(head))"
      throw place.error(.parquetBadMagic, "the file \(found), not `PAR1`: it is not Parquet, or it is truncated")
    }
    let length = Int(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
    guard length > 0, length <= file.size - 12 else {
      throw place.error(.parquetBadFooter, "the footer claims \(length) bytes of metadata, but the file has \(file.size) bytes")
    }
    let start = file.size - 8 - length
    let bytes = try file.bytes(at: start, count: length)
    let metadata: ParquetFileMetaData = try bytes.withUnsafeBytes { raw in
      var reader = ThriftCompactReader(raw)
      do {
        return try ParquetFileMetaData.decode(&reader)
      } catch let error as ThriftError {
        throw place.error(.parquetBadFooter, "the file metadata is corrupt: \(error.message)")
      }
    }
    if metadata.encrypted {
      throw place.error(.parquetEncrypted, "the file's columns are encrypted (Parquet modular encryption); encrypted Parquet is not supported")
    }
    return (metadata, start)
  }

  private static func hex(_ bytes: [UInt8]) -> String {
    var text = ValueBuffer()
    bytes.withUnsafeBytes { text.appendHex($0) }
    return "`" + String(decoding: text.bytes, as: UTF8.self) + "`"
  }
}
