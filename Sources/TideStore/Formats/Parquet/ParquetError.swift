import TideCore

/// Why a Parquet file could not be read or written, before the file, row group and column it
/// concerns are known. `ParquetFileReader` adds those and turns it into a `TideError`.
struct ParquetError: Error {
    enum Kind {
        /// The bytes do not follow the format (22P04).
        case corrupt
        /// A valid file using something TideDB does not read (0A000).
        case unsupported
        /// A value that does not fit the table column's type (22003).
        case outOfRange
        /// A NULL for a NOT NULL column (23502).
        case notNull
        /// A value of the wrong type for its column (42804).
        case mismatch
    }

    let kind: Kind
    let reason: String

    static func corrupt(_ reason: String) -> ParquetError { ParquetError(kind: .corrupt, reason: reason) }
    static func unsupported(_ reason: String) -> ParquetError { ParquetError(kind: .unsupported, reason: reason) }
    static func outOfRange(_ reason: String) -> ParquetError { ParquetError(kind: .outOfRange, reason: reason) }
    static func notNull(_ reason: String) -> ParquetError { ParquetError(kind: .notNull, reason: reason) }
    static func mismatch(_ reason: String) -> ParquetError { ParquetError(kind: .mismatch, reason: reason) }
}

extension TideError {
    /// SQLSTATE 22P04 (bad_copy_file_format): the input file is not valid Parquet.
    static let badFileFormat: SQLState = "22P04"

    /// The error for a `ParquetError` met at `place` ("file x.parquet, row group 2, column amount").
    static func parquet(_ error: ParquetError, at place: String) -> TideError {
        switch error.kind {
        case .corrupt:
            return TideError(badFileFormat, "invalid Parquet data in \(place): \(error.reason)")
        case .unsupported:
            return TideError(.featureNotSupported, "cannot read \(place): \(error.reason)")
        case .outOfRange:
            return TideError(.numericValueOutOfRange, "value out of range in \(place): \(error.reason)")
        case .notNull:
            return TideError("23502", "\(error.reason) (\(place))")
        case .mismatch:
            return TideError(.datatypeMismatch, "\(error.reason) (\(place))")
        }
    }
}
