/// One leaf column of a Parquet schema: its position among the column chunks, its element,
/// and how deep it sits (TideDB reads top-level, non-repeated leaves).
struct ParquetLeaf: Sendable {
    /// The index of the leaf's chunk in every row group.
    let chunkIndex: Int
    let element: ParquetSchemaElement
    /// The dotted path from the root.
    let path: [String]
    /// 1 if the leaf is OPTIONAL (values may be NULL), 0 if REQUIRED.
    let maxDefinitionLevel: Int
    /// True under a REPEATED field or a group (lists, maps, structs).
    let nested: Bool

    var name: String { path.joined(separator: ".") }

    var physicalType: ParquetPhysicalType {
        // A leaf always has a type; `ParquetSchema` checks it.
        element.type ?? .byteArray
    }

    /// The physical type and annotation, as messages show them ("INT64 (TIMESTAMP)").
    var typeDescription: String {
        let physical = physicalType.name
        switch element.logicalType {
        case .string: return physical + " (STRING)"
        case .date: return physical + " (DATE)"
        case .timestamp: return physical + " (TIMESTAMP)"
        case .json: return physical + " (JSON)"
        case .integer(let width, let signed): return physical + " (\(signed ? "" : "U")INT\(width))"
        case .other: return physical + " (\(annotationName))"
        case nil: return physical
        }
    }

    /// The annotation's name for messages ("DECIMAL", "TIME", ...).
    var annotationName: String {
        switch element.logicalType {
        case .other(let id):
            let names: [Int16: String] = [
                2: "MAP", 3: "LIST", 4: "ENUM", 5: "DECIMAL", 7: "TIME", 11: "NULL", 13: "BSON", 14: "UUID",
                15: "FLOAT16",
            ]
            return names[id] ?? "logical type \(id)"
        default:
            let converted: [Int32: String] = [
                5: "DECIMAL", 7: "TIME_MILLIS", 8: "TIME_MICROS", 21: "INTERVAL", 20: "BSON",
            ]
            if let c = element.convertedType, let name = converted[c] { return name }
            return physicalType.name
        }
    }
}

/// The leaves of a footer's schema, in column-chunk order.
enum ParquetSchema {
    static func leaves(of schema: [ParquetSchemaElement]) throws(ParquetError) -> [ParquetLeaf] {
        guard let root = schema.first else { throw .corrupt("empty schema") }
        var leaves: [ParquetLeaf] = []
        var next = 1
        func walk(_ count: Int32, path: [String], nested: Bool) throws(ParquetError) {
            guard count >= 0 else { throw .corrupt("negative child count in the schema") }
            for _ in 0..<count {
                guard next < schema.count else { throw .corrupt("schema has fewer elements than its groups claim") }
                let element = schema[next]
                next += 1
                let childPath = path + [element.name]
                let repeated = element.repetition == .repeated
                if element.childCount > 0 {
                    try walk(element.childCount, path: childPath, nested: true)
                } else {
                    guard element.type != nil else { throw .corrupt("schema leaf \"\(element.name)\" has no type") }
                    leaves.append(
                        ParquetLeaf(
                            chunkIndex: leaves.count, element: element, path: childPath,
                            maxDefinitionLevel: element.repetition == .optional ? 1 : 0, nested: nested || repeated))
                }
            }
        }
        try walk(root.childCount, path: [], nested: false)
        return leaves
    }
}
