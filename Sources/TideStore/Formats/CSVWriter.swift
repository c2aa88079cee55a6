import Foundation
import TideCore

/// Writes rows to a CSV file for `SELECT ... INTO OUTFILE`, through a 1 MiB buffer.
///
/// Format decisions (see `CSVValueFormatter` for every type):
/// - every non-NULL string is quoted and NULL is the unquoted `null_value` marker, so NULL,
///   the empty string and the string `null` stay distinct (the conformance CSV convention);
///   DuckDB reads it back unchanged with `read_csv(..., nullstr='null',
///   allow_quoted_nulls=false)`, pandas with `read_csv(..., keep_default_na=False,
///   na_values=['null'])` (pandas cannot tell a quoted marker from NULL);
/// - timestamps are integer milliseconds since the epoch: exact and independent of the
///   session time zone;
/// - the header has the column names, quoted only if they need it;
/// - `append` writes the header only if the file was empty, so the file stays one table.
/// - `overwrite` and `error_if_exists` write a temporary file beside the target and rename it
///   into place at `finish()`: readers see the old file or the whole new one, and a failure
///   part-way (`abort()`) leaves the target as it was. `append` writes to the file itself.
public final class CSVWriter {
    /// The file being written.
    public let path: String
    private let file: WritableFile
    /// The temporary file renamed to `path` at `finish()`, unless appending.
    private let temporaryPath: String?
    private let formatter: CSVValueFormatter
    private let delimiter: UInt8
    private let line = ByteWriter(capacity: 256)
    /// Formatting buffers no write reads any more, kept for the next rounds.
    private var spareBuffers: [ByteWriter] = []
    private var finished = false

    /// Creates or opens `path` according to `mode` and writes the header (if `options.header`).
    /// - Throws: 58030 if the file exists and `mode` is `errorIfExists`, or on I/O errors.
    public init(path: String, columnNames: [String], options: CSVOptions = CSVOptions(), mode: CSVWriteMode) throws {
        try options.validate()
        self.path = path
        switch mode {
        case .errorIfExists, .overwrite:
            if mode == .errorIfExists && FileSystem.exists(path) { throw TideError.fileAlreadyExists(path) }
            let temporary = FileSystem.temporarySibling(of: path)
            file = try WritableFile(path: temporary, flags: O_WRONLY | O_CREAT | O_EXCL, direct: true)
            temporaryPath = temporary
        case .append:
            file = try WritableFile(path: path, flags: O_WRONLY | O_CREAT | O_APPEND)
            temporaryPath = nil
        }
        delimiter = options.delimiter
        formatter = CSVValueFormatter(
            delimiter: options.delimiter, quote: options.quote, nullMarker: Array(options.nullValue.utf8))
        if options.header, try file.sizeOnDisk() == 0 {
            try writeHeader(columnNames, quote: options.quote)
        }
    }

    /// Rows formatted by one thread at a time at least; large batches are formatted in
    /// parallel, block by block, and written in order.
    static let rowsPerFormattingTask = 16_384

    /// Appends the rows of `batch`.
    public func write(_ batch: ColumnBatch) throws {
        let formatter = self.formatter
        let delimiter = self.delimiter
        // Bounded memory: a round of blocks of formatted text at a time, written in order.
        // While a round's blocks are formatted on every core, a thread of its own writes the
        // previous round's text: the write waits on the disk, and a core that waited with it
        // (the write as one more task beside the formatting) idled for that long each round.
        nonisolated(unsafe) let file = self.file
        let round = 2 * ParallelWork.cores * Self.rowsPerFormattingTask
        var writing: BackgroundResult<Void>?
        // The buffers the write in flight reads; once it is done they format a later round
        // (memory already touched, not fresh pages for every round of a long output).
        var inFlight: [ByteWriter] = []
        do {
            for start in stride(from: 0, to: max(1, batch.count), by: round) {
                let rows = start..<min(batch.count, start + round)
                let blocks = ParallelWork.ranges(rows.count, minimum: Self.rowsPerFormattingTask)
                let buffers = blocks.map { _ in spareBuffers.popLast() ?? ByteWriter(capacity: 1 << 20) }
                _ = try ParallelWork.map(blocks.count) { b in
                    let bytes = buffers[b]
                    let block = blocks[b]
                    bytes.removeAll()
                    try Self.formatRows(
                        batch, (start + block.lowerBound)..<(start + block.upperBound), formatter: formatter,
                        delimiter: delimiter, into: bytes)
                    if bytes.exhausted { throw TideError.csvOutOfMemory(rows: block.count) }
                }
                try writing?.wait().get()
                spareBuffers += inFlight
                inFlight = buffers
                writing = BackgroundResult {
                    for part in buffers { try file.write(part.bytes) }
                }
            }
            try writing?.wait().get()
            spareBuffers += inFlight
        } catch {
            // Nothing may touch the file after this returns: the write in flight ends first.
            _ = writing?.wait()
            throw error
        }
    }

    /// Appends the CSV lines of `rows` of `batch` to `out`.
    private static func formatRows(
        _ batch: ColumnBatch, _ rows: Range<Int>, formatter: CSVValueFormatter, delimiter: UInt8,
        into out: ByteWriter
    ) throws {
        let width = batch.columns.count
        try batch.withColumnBuffers { columns in
            for r in rows {
                for c in 0..<width {
                    if c > 0 { out.append(delimiter) }
                    try formatter.append(columns[c][r], to: out)
                }
                out.append(UInt8(ascii: "\n"))
            }
        }
    }

    /// Flushes and closes the file (fsyncing it). Must be called; a writer dropped without
    /// it leaves the file incomplete.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        do {
            try file.close(sync: true)
            if let temporaryPath {
                try FileSystem.rename(temporaryPath, to: path)
                try FileSystem.syncDirectory(FileSystem.directory(of: path))
            }
        } catch {
            if let temporaryPath { try? FileSystem.removeFile(temporaryPath) }
            throw error
        }
    }

    /// Abandons the output: the temporary file is removed (rows already appended stay).
    public func abort() {
        guard !finished else { return }
        finished = true
        try? file.close(sync: false)
        if let temporaryPath { try? FileSystem.removeFile(temporaryPath) }
    }

    deinit { abort() }

    private func writeHeader(_ names: [String], quote: UInt8?) throws {
        line.removeAll()
        for (i, name) in names.enumerated() {
            if i > 0 { line.append(delimiter) }
            let needsQuote = name.utf8.contains {
                $0 == delimiter || $0 == quote || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
            }
            if needsQuote {
                try formatter.appendString(name, to: line)
            } else {
                line.append(name)
            }
        }
        line.append(UInt8(ascii: "\n"))
        if line.exhausted { throw TideError.csvOutOfMemory(rows: 1) }
        try file.write(line.bytes)
    }
}
