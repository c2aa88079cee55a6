import TideCore

/// A table in the shape of OpenMLDB's `nameserver::TableInfo` as the APIServer prints it:
/// `name, tid, partition_num, replica_num, column_desc, column_key, added_column_desc,
/// format_version, db, partition_key, schema_versions`. TideDB runs one partition and one
/// replica; column types use OpenMLDB's protobuf names (`kInt`, `kBigInt`, `kString`, ...),
/// absolute TTLs are in minutes.
enum TableInfoJSON {
    /// Writes the object for `table` (`tid` is its catalog id).
    static func write(_ table: TableDef, tid: UInt32?, to out: JSONOutput) {
        out.object {
            out.member("name", string: table.name)
            out.member("tid", int: Int(tid ?? 0))
            out.member("partition_num", int: 1)
            out.member("replica_num", int: 1)
            out.member("column_desc") {
                out.array {
                    for column in table.columns {
                        out.object {
                            out.member("name", string: column.name)
                            out.member("data_type", string: protobufTypeName(column.type))
                            out.member("not_null", bool: column.notNull)
                        }
                    }
                }
            }
            out.member("column_key") { out.array { for index in table.indexes { write(index, to: out) } } }
            out.member("added_column_desc") { out.array {} }
            out.member("format_version", int: 1)
            out.member("db", string: table.database)
            out.member("partition_key") { out.array {} }
            out.member("schema_versions") { out.array {} }
        }
    }

    private static func write(_ index: IndexDef, to out: JSONOutput) {
        out.object {
            out.member("index_name", string: index.name)
            out.member("col_name", strings: index.keyColumns)
            if let ts = index.tsColumn { out.member("ts_name", string: ts) }
            out.member("ttl") {
                out.object {
                    out.member("ttl_type", string: index.ttl.kind.rawValue)
                    out.member("abs_ttl", int: Int(index.ttl.absoluteMs / 60_000))
                    out.member("lat_ttl", int: Int(index.ttl.latestCount))
                }
            }
        }
    }

    /// OpenMLDB's `type::DataType` enum names.
    static func protobufTypeName(_ type: DataType) -> String {
        switch type {
        case .bool: return "kBool"
        case .int16: return "kSmallInt"
        case .int32: return "kInt"
        case .int64: return "kBigInt"
        case .float: return "kFloat"
        case .double: return "kDouble"
        case .string: return "kString"
        case .date: return "kDate"
        case .timestamp: return "kTimestamp"
        }
    }
}
