/// The flat columns of a Parquet schema, and the nested fields datacheck does not profile.
///
/// The schema is a tree stored depth first. A top-level primitive field that is REQUIRED or
/// OPTIONAL is a flat column (at most one definition level, no repetition levels); any group
/// (list, map, struct) or REPEATED field is nested: it is reported by name and its column chunks
/// are skipped. Cost: one pass over the schema elements.
struct ParquetSchema {
  /// One flat column, as datacheck reads it.
  struct Column {
    var name: String
    var physical: ParquetPhysicalType
    /// The byte width of a FIXED_LEN_BYTE_ARRAY value (0 otherwise).
    var typeLength: Int
    /// 1 when the column is OPTIONAL (its nulls are stored as definition levels), else 0.
    var maxDefinitionLevel: Int
    var format: ParquetValueFormat
    /// The index of this column's chunk among a row group's column chunks.
    var leafIndex: Int
  }

  private(set) var columns: [Column] = []
  /// Every leaf, flat or nested: the number of column chunks a row group must have.
  private(set) var leafCount = 0
  /// Top-level nested fields, as `name (KIND)`.
  private(set) var nested: [String] = []
  /// Flat columns whose logical type is unknown or misplaced, as `name: why`.
  private(set) var unknownLogicalTypes: [String] = []

  /// Builds the schema; throws `parquet.bad-footer` when the tree is malformed.
  init(elements: [ParquetSchemaElement], place: ParquetPlace) throws {
    guard let root = elements.first else { throw place.error(.parquetBadFooter, "the schema is empty") }
    let fail = { (why: String) in place.error(.parquetBadFooter, "the schema is malformed: \(why)") }
    guard let children = root.numChildren, children >= 0 else { throw fail("its root is not a group") }
    var next = 1
    for _ in 0..<children {
      guard next < elements.count else { throw fail("the root claims \(children) fields, the list ends first") }
      let element = elements[next]
      if element.numChildren != nil || element.repetition == .repeated {
        let leaves = try ParquetSchema.countLeaves(elements, from: &next, depth: 1, fail: fail)
        nested.append("\(element.name) (\(ParquetSchema.nestedKind(element)))")
        leafCount += leaves
      } else {
        try addColumn(element, fail: fail)
        next += 1
      }
    }
    guard next == elements.count else { throw fail("\(elements.count - next) elements are outside the tree") }
  }

  private mutating func addColumn(_ element: ParquetSchemaElement, fail: (String) -> InputError) throws {
    guard let physical = element.type else { throw fail("field `\(element.name)` has no type") }
    var typeLength = 0
    if physical == .fixedLenByteArray {
      guard let length = element.typeLength, length > 0, Int(length) <= ParquetLimits.maxPageBytes else {
        throw fail("FIXED_LEN_BYTE_ARRAY field `\(element.name)` has type_length \(element.typeLength.map(String.init) ?? "none")")
      }
      typeLength = Int(length)
    }
    let (format, warning) = ParquetValueFormat.of(element, physical: physical, typeLength: typeLength)
    if let warning { unknownLogicalTypes.append("`\(element.name)`: \(warning)") }
    columns.append(Column(name: element.name, physical: physical, typeLength: typeLength,
                          maxDefinitionLevel: element.repetition == .optional ? 1 : 0,
                          format: format, leafIndex: leafCount))
    leafCount += 1
  }

  /// Walks the subtree at `index` (moving past it) and returns its number of leaves.
  private static func countLeaves(_ elements: [ParquetSchemaElement], from index: inout Int, depth: Int,
                                  fail: (String) -> InputError) throws -> Int {
    guard depth <= ParquetLimits.maxSchemaDepth else { throw fail("it nests deeper than \(ParquetLimits.maxSchemaDepth) levels") }
    guard index < elements.count else { throw fail("a group claims more fields than the list holds") }
    let element = elements[index]
    index += 1
    guard let children = element.numChildren else { return 1 }
    guard children >= 0 else { throw fail("field `\(element.name)` has \(children) children") }
    var leaves = 0
    for _ in 0..<children { leaves += try countLeaves(elements, from: &index, depth: depth + 1, fail: fail) }
    return leaves
  }

  /// LIST, MAP, struct or repeated, for the problem report.
  private static func nestedKind(_ e: ParquetSchemaElement) -> String {
    if e.logicalType == .list || e.convertedType == 3 { return "LIST" }
    if e.logicalType == .map || e.convertedType == 1 || e.convertedType == 2 { return "MAP" }
    if e.numChildren == nil { return "repeated \(e.type?.name ?? "field")" }
    return "struct"
  }
}
