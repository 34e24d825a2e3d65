/// What observing a value found, kept per exact entry of the value table (beside its count):
/// its kind, its number (NaN for booleans and strings; seconds for dates and datetimes) and its
/// length in Unicode scalars. 13 bytes (a value table's slot is 32).
struct ValueDigest: BitwiseCopyable, Sendable {
  var number: Double
  var scalars: Int32
  /// `ValueKind.rawValue`, or 255: not known yet.
  var kind: UInt8

  static let unknown = ValueDigest(number: .nan, scalars: 0, kind: 255)
  var isKnown: Bool { kind != 255 }
}

/// What a column's profiler found each value of one dictionary to be, by code, while its value
/// table stays exact (`ColumnProfiler.observeCodes`): kept from batch to batch of one column
/// chunk. Memory: 32 bytes a dictionary value.
struct DictionaryMemo: Sendable {
  static let unseen: UInt32 = 0
  static let counted = UInt32.max

  private(set) var dictionary: ValueDictionary?
  /// What a row of a code needs, in one place (one cache line): its number; its state:
  /// `unseen`, `counted` (in the exact table, with its digest in `digests`) or 1 + the index of
  /// the missing token it is; and its rows not yet added to the value table.
  struct Entry: Sendable {
    var number = Double.nan
    var state = DictionaryMemo.unseen
    var pending: UInt32 = 0
  }

  var entries: [Entry] = []
  /// Read only when the rows are added: the digest of each counted code.
  var digests: [ValueDigest] = []
  /// The codes with pending rows.
  var touched: [Int32] = []

  init() {}

  /// A memo of `dictionary`, with room for each value when `tracking` (else read by no row).
  init(_ dictionary: ValueDictionary, tracking: Bool) {
    self.dictionary = dictionary
    let count = tracking ? dictionary.count : 0
    entries = Array(repeating: Entry(), count: count)
    digests = Array(repeating: .unknown, count: count)
  }
}
