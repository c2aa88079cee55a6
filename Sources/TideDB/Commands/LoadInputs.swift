import TideCore
import TideStore

/// A source of rows for `LOAD DATA`, in a table's column order.
protocol LoadInput: AnyObject {
    /// The next batch, or nil at the end.
    func next() throws -> ColumnBatch?
    /// The next batch as the reader makes it (typed columns from a CSV parser, which the
    /// offline store takes without a `Value` per cell), or nil at the end.
    func nextBatch() throws -> LoadBatch?
    /// Rows returned so far.
    var rowsRead: Int64 { get }
}

extension LoadInput {
    func nextBatch() throws -> LoadBatch? { try next().map(LoadBatch.values) }
}

/// A batch of `LOAD DATA` rows: values, or typed columns straight from a CSV parser.
enum LoadBatch: Sendable {
    case values(ColumnBatch)
    case typed(TypedColumnBatch)

    var count: Int {
        switch self {
        case .values(let batch): batch.count
        case .typed(let batch): batch.count
        }
    }

    /// The rows as values.
    var values: ColumnBatch {
        switch self {
        case .values(let batch): batch
        case .typed(let batch): batch.columnBatch()
        }
    }
}

extension CSVReader: LoadInput {
    func nextBatch() throws -> LoadBatch? { try nextTyped().map(LoadBatch.typed) }
}
extension ParquetReader: LoadInput {}
extension PostgresTableReader: LoadInput {}
extension ParallelCSVReader: LoadInput {
    func nextBatch() throws -> LoadBatch? { try nextTyped().map(LoadBatch.typed) }
}

/// Opens the reader of a `LOAD DATA` format.
enum LoadInputs {
    /// `batchSize` rows per batch; `offline` loads take a Parquet file's row groups whole
    /// (already in memory: slicing them would copy every value).
    static func open(_ format: FileFormatOptions, path: String, table: TableDef, batchSize: Int, offline: Bool)
        throws -> any LoadInput
    {
        switch format {
        case .csv(let options):
            // The file is parsed on other threads while the previous batch is written (a large
            // file by several parsers at once); offline in large batches, whose columns the
            // segment writer then encodes in parallel.
            let size = offline ? 65_536 : batchSize
            return ReadAheadInput(try ParallelCSVReader(path: path, table: table, options: options, batchSize: size))
        case .parquet:
            return try ParquetReader(path: path, table: table, batchSize: offline ? Int.max : batchSize)
        case .postgresql(let sourceTable, let query):
            guard PostgresURL.matches(path) else {
                throw TideError(
                    .invalidParameterValue, "format='postgresql' needs a postgresql:// URL as the path",
                    hint:
                        "LOAD DATA INFILE 'postgresql://user@host:5432/db' INTO TABLE t OPTIONS (format='postgresql', table='src')"
                )
            }
            return try PostgresTableReader(
                url: path, sourceTable: sourceTable, query: query, table: table, batchSize: batchSize)
        }
    }
}
