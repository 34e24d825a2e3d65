import Testing
@testable import DatacheckKit

/// Schema flattening: flat columns, nested fields reported by name, annotations to formats.
@Suite struct ParquetSchemaTests {
  private func element(_ name: String, _ type: ParquetPhysicalType? = nil, _ repetition: ParquetRepetition = .optional,
                       children: Int32? = nil, logical: ParquetLogicalType? = nil, converted: Int32? = nil,
                       length: Int32? = nil) -> ParquetSchemaElement {
    var e = ParquetSchemaElement()
    (e.name, e.type, e.repetition, e.numChildren, e.logicalType, e.convertedType, e.typeLength) =
      (name, type, repetition, children, logical, converted, length)
    return e
  }

  @Test func nestedFieldsAreSkippedAndNamed() throws {
    let elements = [
      element("root", children: 5),
      element("id", .int64, .required),
      element("tags", children: 1, converted: 3), element("list", .int32, .repeated),  // a LIST of one leaf
      element("point", children: 2), element("x", .double), element("y", .double),    // a struct of two leaves
      element("values", .int32, .repeated),                                             // a repeated primitive
      element("when", .int64, logical: .other(id: 99)),
    ]
    let schema = try ParquetSchema(elements: elements, place: ParquetPlace(path: "t.parquet"))
    #expect(schema.columns.map(\.name) == ["id", "when"])
    #expect(schema.columns.map(\.leafIndex) == [0, 5])
    #expect(schema.columns.map(\.maxDefinitionLevel) == [0, 1])
    #expect(schema.leafCount == 6)
    #expect(schema.nested == ["tags (LIST)", "point (struct)", "values (repeated INT32)"])
    #expect(schema.columns[1].format == .int64)
    #expect(schema.unknownLogicalTypes == ["`when`: logical type 99 is not understood; read as INT64"])
  }

  @Test func malformedTreesAreFooterErrors() {
    let cases: [[ParquetSchemaElement]] = [
      [],
      [element("root", children: 3), element("a", .int32)],
      [element("root", children: 1), element("a", .int32), element("stray", .int32)],
      [element("root", children: 1), element("f", .fixedLenByteArray)],
    ]
    for elements in cases {
      #expect(throws: InputError.self) { try ParquetSchema(elements: elements, place: ParquetPlace(path: "t.parquet")) }
    }
  }

  @Test(arguments: [
    (ParquetPhysicalType.int32, ParquetLogicalType?.some(.date), Int32?.none, ParquetValueFormat.date, ColumnType.date),
    (.int64, .timestamp(utc: true, unit: .micros), nil, .timestamp(.micros, utc: true), .datetime),
    (.int64, nil, 9, .timestamp(.millis, utc: true), .datetime),
    (.int32, .integer(bits: 16, signed: false), nil, .uint32, .integer),
    (.int64, nil, 14, .uint64, .integer),
    (.byteArray, .string, nil, .string, .string),
    (.byteArray, nil, nil, .binary, .string),
    (.int32, .decimal(scale: 2, precision: 9), nil, .decimal(scale: 2, precision: 9), .float),
    (.int64, .decimal(scale: 0, precision: 18), nil, .decimal(scale: 0, precision: 18), .integer),
    (.byteArray, .date, nil, .binary, .string),  // misplaced: read as the physical type
  ])
  func annotations(physical: ParquetPhysicalType, logical: ParquetLogicalType?, converted: Int32?,
                   format: ParquetValueFormat, type: ColumnType) {
    let e = element("c", physical, logical: logical, converted: converted)
    let (found, _) = ParquetValueFormat.of(e, physical: physical, typeLength: 0)
    #expect(found == format)
    #expect(found.columnType == type)
  }
}
