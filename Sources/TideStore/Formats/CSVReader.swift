import TideCore

/// Reads a CSV file as batches of rows typed by a table's schema (`LOAD DATA ... format='csv'`).
///
/// The file is read in 1 MiB chunks, so memory is bounded by the chunk size, one batch and
/// the longest record, whatever the file's size. Fields are parsed from the bytes in place;
/// only string values allocate.
///
/// Field rules (Spark's CSV reader, which OpenMLDB's offline `LOAD DATA` uses):
/// - an unquoted field equal to `null_value`, or an unquoted empty field, is NULL;
/// - a quoted field is a value: `"null"` is the four-letter string, `""` the empty string
///   (for columns that are not strings, a quoted empty or null-marker field is NULL, since it
///   cannot be anything else);
/// - blank lines are skipped; a UTF-8 byte-order mark at the start is ignored;
/// - bools are `true`/`false`/`1`/`0` in any case; floats accept `NaN`, `Inf`, `Infinity`
///   with a sign; dates are `YYYY-MM-DD`; timestamps are integer milliseconds since the epoch
///   or `YYYY-MM-DD HH:MM:SS[.fff]` read in `CSVOptions.timeZone`.
///
/// With `header`, the first record names the columns (case-insensitively, in any order);
/// every table column must appear exactly once. Errors name the file, the line and the column.
public final class CSVReader: BatchIterator {
    /// The file being read.
    public let path: String
    /// Data rows returned so far.
    public private(set) var rowsRead: Int64 = 0

    private let table: TableDef
    private let options: CSVOptions
    private let batchSize: Int
    private let input: CSVInput
    private let tokenizer: CSVTokenizer
    private let types: [DataType]
    private let notNull: [Bool]
    private let nullMarker: [UInt8]
    private var fieldToColumn: [Int]
    private var headerPending: Bool
    private var bomPending = true
    private var fields: [CSVField] = []
    private var columns: [TypedColumn] = []
    private var scratch: [UInt8] = []
    /// The 1-based line on which the next record starts.
    private var line = 1
    private var finished = false

    private enum Stop {
        case batchFull
        case needMore
        case endOfInput
    }

    /// Opens `path` for reading rows of `table`.
    /// - Throws: 58030 if the file cannot be opened, 22023 for inconsistent options.
    public convenience init(
        path: String, table: TableDef, options: CSVOptions = CSVOptions(), batchSize: Int = 4096
    ) throws {
        try self.init(path: path, table: table, options: options, batchSize: batchSize, part: nil)
    }

    /// A part of a file for one of several parsers (`ParallelCSVReader`): the bytes from
    /// `start` (a record's first byte) to `end`, numbered from `firstLine`, with the fields in
    /// `fieldOrder` (the header's mapping, read by the first part's reader; the part that
    /// starts the file reads the header itself).
    public struct Part: Sendable {
        public var start: Int
        public var end: Int?
        public var firstLine: Int
        public var fieldOrder: [Int]

        public init(start: Int, end: Int?, firstLine: Int, fieldOrder: [Int]) {
            self.start = start
            self.end = end
            self.firstLine = firstLine
            self.fieldOrder = fieldOrder
        }
    }

    /// Opens the whole file, or only `part` of it.
    public init(path: String, table: TableDef, options: CSVOptions, batchSize: Int, part: Part?) throws {
        try options.validate()
        self.path = path
        self.table = table
        self.options = options
        self.batchSize = max(1, batchSize)
        self.input = try CSVInput(path: path, start: part?.start ?? 0, end: part?.end)
        self.tokenizer = CSVTokenizer(delimiter: options.delimiter, quote: options.quote)
        self.types = table.columns.map(\.type)
        self.notNull = table.columns.map(\.notNull)
        self.nullMarker = Array(options.nullValue.utf8)
        self.fieldToColumn = part?.fieldOrder ?? Array(table.columns.indices)
        self.headerPending = options.header && (part?.start ?? 0) == 0
        if let part {
            bomPending = part.start == 0
            line = part.firstLine
        }
        resetColumns()
    }

    /// Where each field of a record goes among the table's columns (the header's order once
    /// `readHeader()` has read it).
    public var fieldOrder: [Int] { fieldToColumn }

    /// The line the next record starts on.
    public var nextLine: Int { line }

    /// Reads the header record now (if the options say there is one and it is not read yet).
    public func readHeader() throws {
        while headerPending && !finished {
            let step = try input.withBytes { try parseRecords($0, limit: 0) }
            switch step.stop {
            case .batchFull: continue
            case .needMore: _ = try input.refill()
            case .endOfInput: finished = true
            }
        }
    }

    /// The next batch of up to `batchSize` rows in the table's column order, or nil at the end.
    public func next() throws -> ColumnBatch? {
        try nextTyped()?.columnBatch()
    }

    /// `next()` as the parser fills it: typed buffers, with no `Value` per cell.
    public func nextTyped() throws -> TypedColumnBatch? {
        guard !finished else { return nil }
        var rows = 0
        while rows < batchSize {
            let step = try input.withBytes { try parseRecords($0, limit: batchSize - rows) }
            rows += step.rows
            switch step.stop {
            case .batchFull: continue
            case .needMore: _ = try input.refill()
            case .endOfInput: finished = true
            }
            if finished { break }
        }
        guard rows > 0 else { return nil }
        rowsRead += Int64(rows)
        let batch = TypedColumnBatch(columns: columns, count: rows)
        resetColumns()
        return batch
    }

    private func resetColumns() {
        let rows = min(batchSize, 65_536)
        columns = types.map { TypedColumn(type: $0, reservingRows: rows) }
    }

    // MARK: - Records

    /// Parses whole records from `bytes` starting at `input.start`, up to `limit` data rows.
    private func parseRecords(_ bytes: UnsafeRawBufferPointer, limit: Int) throws -> (rows: Int, stop: Stop) {
        let lf = UInt8(ascii: "\n")
        let cr = UInt8(ascii: "\r")
        let eof = input.atEOF
        var pos = input.start
        var rows = 0
        // Work on local copies: class properties pay a dynamic exclusivity check per access.
        var columns = self.columns
        var fields = self.fields
        // Retained once per call here, not once per record: the parts of a file are parsed by
        // several threads at once, all of whose readers share this array's buffer, and a
        // retain and release per record on it bounced its cache line between the cores (the
        // same load took 2.0 s or 3.4 s from run to run, the slow runs with half again the CPU).
        var mapping = fieldToColumn
        self.columns = []
        self.fields = []
        defer {
            input.start = pos
            self.columns = columns
            self.fields = fields
        }
        while rows < limit || headerPending {
            guard pos < bytes.count else { return (rows, eof ? .endOfInput : .needMore) }
            if bomPending {
                if bytes.count - pos < 3 && !eof { return (rows, .needMore) }
                bomPending = false
                if bytes.count - pos >= 3 && bytes[pos] == 0xEF && bytes[pos + 1] == 0xBB && bytes[pos + 2] == 0xBF {
                    pos += 3
                }
                continue
            }
            let c = bytes[pos]
            if c == lf || c == cr {
                // A blank line.
                if c == cr && pos + 1 >= bytes.count && !eof { return (rows, .needMore) }
                pos += (c == cr && pos + 1 < bytes.count && bytes[pos + 1] == lf) ? 2 : 1
                line += 1
                continue
            }
            switch tokenizer.scan(bytes, from: pos, atEOF: eof, into: &fields) {
            case .needMore:
                return (rows, .needMore)
            case .unterminatedQuote:
                throw TideError.csvUnterminatedQuote(file: path, line: line)
            case .textAfterQuote(let field):
                throw TideError.csvTextAfterQuote(file: path, line: line, field: field)
            case .record(let next, let lines):
                if headerPending {
                    try readHeader(bytes, fields)
                    headerPending = false
                    mapping = fieldToColumn
                } else {
                    try appendRecord(bytes, fields, mapping: mapping, to: &columns)
                    rows += 1
                }
                line += lines
                pos = next
            }
        }
        return (rows, .batchFull)
    }

    private func readHeader(_ bytes: UnsafeRawBufferPointer, _ fields: [CSVField]) throws {
        var mapping: [Int] = []
        var seen = Array(repeating: false, count: types.count)
        for field in fields {
            let raw = try decodeString(bytes, field, columnName: "header")
            let name = Self.trimmingSpaces(raw)
            guard let column = table.columnIndex(name) else {
                throw TideError.csvUnknownHeaderColumn(file: path, name: name, table: table.name)
            }
            guard !seen[column] else {
                throw TideError.csvBadHeader(file: path, reason: "column \"\(name)\" appears twice")
            }
            seen[column] = true
            mapping.append(column)
        }
        if let missing = seen.firstIndex(of: false) {
            throw TideError.csvBadHeader(file: path, reason: "column \"\(table.columns[missing].name)\" is missing")
        }
        fieldToColumn = mapping
    }

    /// Appends a record's fields to the columns `mapping` (the header's order) sends them to.
    private func appendRecord(
        _ bytes: UnsafeRawBufferPointer, _ fields: [CSVField], mapping: [Int], to columns: inout [TypedColumn]
    ) throws {
        guard fields.count == mapping.count else {
            throw TideError.csvFieldCount(file: path, line: line, expected: mapping.count, found: fields.count)
        }
        for f in 0..<fields.count {
            let column = mapping[f]
            try append(bytes, fields[f], column: column, to: &columns[column])
        }
    }

    // MARK: - Values

    private func isNull(_ bytes: UnsafeRawBufferPointer, _ field: CSVField, type: DataType) -> Bool {
        if field.quoted && type == .string { return false }
        let length = field.end - field.start
        if length == 0 { return true }
        guard length == nullMarker.count else { return false }
        for k in 0..<length where bytes[field.start + k] != nullMarker[k] { return false }
        return true
    }

    /// Parses `field` as column `column`'s type and appends it to `target`.
    private func append(
        _ bytes: UnsafeRawBufferPointer, _ field: CSVField, column: Int, to target: inout TypedColumn
    ) throws {
        let type = types[column]
        if isNull(bytes, field, type: type) {
            if notNull[column] {
                throw TideError.csvNullInNotNullColumn(file: path, line: line, column: table.columns[column].name)
            }
            target.appendNull()
            return
        }
        let s = field.start
        let e = field.end
        switch type {
        case .string:
            let slice = UnsafeRawBufferPointer(rebasing: bytes[s..<e])
            if field.escaped, let quote = options.quote {
                target.append(escaped: slice, quote: quote)
                guard target.lastString.withUnsafeBufferPointer(UTF8Text.isValid) else {
                    throw TideError.csvInvalidUTF8(file: path, line: line, column: table.columns[column].name)
                }
            } else {
                guard slice.withMemoryRebound(to: UInt8.self, UTF8Text.isValid) else {
                    throw TideError.csvInvalidUTF8(file: path, line: line, column: table.columns[column].name)
                }
                target.append(utf8: slice)
            }
        case .int64:
            target.append(
                word: UInt64(bitPattern: try integer(bytes, field, column: column, min: Int64.min, max: Int64.max)))
        case .int32:
            let v = try integer(bytes, field, column: column, min: Int64(Int32.min), max: Int64(Int32.max))
            target.append(word: UInt64(bitPattern: v))
        case .int16:
            let v = try integer(bytes, field, column: column, min: Int64(Int16.min), max: Int64(Int16.max))
            target.append(word: UInt64(bitPattern: v))
        case .double:
            guard let v = CSVFieldParser.double(bytes, s, e) else { throw badValue(bytes, field, column) }
            target.append(word: v.bitPattern)
        case .float:
            guard let v = CSVFieldParser.float(bytes, s, e) else { throw badValue(bytes, field, column) }
            target.append(word: UInt64(v.bitPattern))
        case .bool:
            guard let v = CSVFieldParser.bool(bytes, s, e) else { throw badValue(bytes, field, column) }
            target.append(word: v ? 1 : 0)
        case .date:
            guard let v = CSVFieldParser.date(bytes, s, e) else { throw badValue(bytes, field, column) }
            target.append(word: UInt64(bitPattern: Int64(v)))
        case .timestamp:
            guard let v = CSVFieldParser.timestamp(bytes, s, e, zone: options.timeZone) else {
                throw badValue(bytes, field, column)
            }
            target.append(word: UInt64(bitPattern: v))
        }
    }

    private func integer(
        _ bytes: UnsafeRawBufferPointer, _ field: CSVField, column: Int, min: Int64, max: Int64
    ) throws -> Int64 {
        switch CSVFieldParser.int64(bytes, field.start, field.end) {
        case .value(let v):
            guard v >= min && v <= max else { throw outOfRange(bytes, field, column) }
            return v
        case .outOfRange:
            throw outOfRange(bytes, field, column)
        case .malformed:
            throw badValue(bytes, field, column)
        }
    }

    private func decodeString(
        _ bytes: UnsafeRawBufferPointer, _ field: CSVField, columnName: @autoclosure () -> String
    ) throws -> String {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end])
        let decoded: String?
        if field.escaped, let quote = options.quote {
            scratch.removeAll(keepingCapacity: true)
            var k = 0
            while k < slice.count {
                scratch.append(slice[k])
                k += slice[k] == quote ? 2 : 1
            }
            decoded = scratch.withUnsafeBufferPointer(UTF8Text.string)
        } else {
            decoded = slice.withMemoryRebound(to: UInt8.self, UTF8Text.string)
        }
        guard let decoded else { throw TideError.csvInvalidUTF8(file: path, line: line, column: columnName()) }
        return decoded
    }

    private func text(_ bytes: UnsafeRawBufferPointer, _ field: CSVField) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end]), as: UTF8.self)
    }

    private func badValue(_ bytes: UnsafeRawBufferPointer, _ field: CSVField, _ column: Int) -> TideError {
        TideError.badCSVValue(
            file: path, line: line, column: table.columns[column].name, text: text(bytes, field),
            type: types[column])
    }

    private func outOfRange(_ bytes: UnsafeRawBufferPointer, _ field: CSVField, _ column: Int) -> TideError {
        TideError.csvValueOutOfRange(
            file: path, line: line, column: table.columns[column].name, text: text(bytes, field),
            type: types[column])
    }

    private static func trimmingSpaces(_ text: String) -> String {
        var s = Substring(text)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
