import TideCore
import TideStore

/// A source of rows for `LOAD DATA`, in a table's column order.
protocol LoadInput: AnyObject {
    /// The next batch, or nil at the end.
    func next() throws -> ColumnBatch?
    /// Rows returned so far.
    var rowsRead: Int64 { get }
}

extension CSVReader: LoadInput {}
extension ParquetReader: LoadInput {}
extension PostgresTableReader: LoadInput {}
extension ParallelCSVReader: LoadInput {}

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
