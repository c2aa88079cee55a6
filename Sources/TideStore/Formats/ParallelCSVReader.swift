import Dispatch
import Foundation
import Synchronization
import TideCore

/// Reads a large CSV file with several parsers at once: the file is cut into parts of about
/// `partBytes` at line breaks, up to `cores` parts are parsed (or wait to be handed out) at a
/// time, each on a thread of its own, and their batches come out in file order, exactly as
/// `CSVReader` would return them.
///
/// A cut inside a quoted field that spans lines cannot be seen from the bytes around it; it
/// shows as a parse error of the part before it (an unterminated quote at its end). Any error
/// in a part, that one or a real one, makes the reader go on sequentially from the start of
/// that part with a plain `CSVReader` (it then knows the part's first line number): the rows
/// and the error reported are the sequential reader's.
public final class ParallelCSVReader {
    public let path: String
    /// Data rows returned so far.
    public private(set) var rowsRead: Int64 = 0

    private let table: TableDef
    private let options: CSVOptions
    private let batchSize: Int
    private let parts: [ParsedPart]
    private let fieldOrder: [Int]
    private let control: Control
    private var current = 0
    private var pending: [TypedColumnBatch] = []
    private var pendingNext = 0
    /// The line the current part starts on.
    private var line: Int
    private var sequential: CSVReader?

    /// Opens `path`; files smaller than two parts are read by one `CSVReader` all the same.
    public init(
        path: String, table: TableDef, options: CSVOptions, batchSize: Int, partBytes: Int = 16 << 20
    ) throws {
        self.path = path
        self.table = table
        self.options = options
        self.batchSize = batchSize
        let starts = try Self.cuts(path, partBytes: partBytes)
        let first = try CSVReader(
            path: path, table: table, options: options, batchSize: batchSize,
            part: CSVReader.Part(
                start: 0, end: starts.count > 1 ? starts[1] : nil, firstLine: 1,
                fieldOrder: Array(table.columns.indices)))
        try first.readHeader()
        fieldOrder = first.fieldOrder
        line = 1
        var parts: [ParsedPart] = []
        for (i, start) in starts.enumerated() {
            let end = i + 1 < starts.count ? starts[i + 1] : nil
            parts.append(ParsedPart(start: start, end: end))
        }
        self.parts = parts
        let all = parts
        control = Control(limit: ProcessInfo.processInfo.activeProcessorCount)
        // Part 0 is read by the reader that read the header; the others from their cut.
        let (control, fieldOrder) = (self.control, self.fieldOrder)
        let first0 = UncheckedBox(first)
        // The dispatching loop blocks while parts wait to be handed out: a thread of its own,
        // not one of the global queue's (they are as many as the cores, and parse the parts).
        Thread.detachNewThread {
            for (i, part) in all.enumerated() {
                guard control.acquire() else { return }
                part.parse {
                    if i == 0 { return first0.value }
                    return try CSVReader(
                        path: path, table: table, options: options, batchSize: batchSize,
                        part: CSVReader.Part(start: part.start, end: part.end, firstLine: 1, fieldOrder: fieldOrder))
                }
            }
        }
    }

    deinit { control.stop() }

    /// The next batch in file order, or nil at the end.
    public func next() throws -> ColumnBatch? {
        try nextTyped()?.columnBatch()
    }

    /// `next()` as the parsers filled it: typed buffers, with no `Value` per cell.
    public func nextTyped() throws -> TypedColumnBatch? {
        if let sequential {
            let batch = try sequential.nextTyped()
            rowsRead += Int64(batch?.count ?? 0)
            return batch
        }
        while pendingNext >= pending.count {
            guard current < parts.count else { return nil }
            let part = parts[current]
            switch part.wait() {
            case .success(let result):
                pending = result.batches
                pendingNext = 0
                line += result.lines
                part.release()
                current += 1
                control.release()
            case .failure:
                // Read on from this part's start, one parser, with the right line numbers.
                control.stop()
                let reader = try CSVReader(
                    path: path, table: table, options: options, batchSize: batchSize,
                    part: CSVReader.Part(start: part.start, end: nil, firstLine: line, fieldOrder: fieldOrder))
                sequential = reader
                pending = []
                return try nextTyped()
            }
        }
        let batch = pending[pendingNext]
        pending[pendingNext] = TypedColumnBatch(columns: [], count: 0)
        pendingNext += 1
        rowsRead += Int64(batch.count)
        return batch
    }

    /// Part starts: 0, then the byte after the first line feed at or after each multiple of
    /// `partBytes` (a file without line feeds, or a small one, is one part).
    private static func cuts(_ path: String, partBytes: Int) throws -> [Int] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystem.ioError("open", path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileSystem.ioError("stat", path) }
        let size = Int(info.st_size)
        var starts = [0]
        var window = [UInt8](repeating: 0, count: 1 << 16)
        var nominal = partBytes
        while nominal < size - partBytes / 4 {
            let n = window.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(nominal)) }
            guard n > 0 else { break }
            if let newline = window[0..<n].firstIndex(of: UInt8(ascii: "\n")), nominal + newline + 1 < size {
                starts.append(nominal + newline + 1)
                nominal = nominal + newline + 1 + partBytes
            } else {
                nominal += n
            }
        }
        return starts
    }

    /// One part of the file; its rows once a worker has parsed it whole.
    private final class ParsedPart: Sendable {
        let start: Int
        let end: Int?
        private let parsed = Mutex<BackgroundResult<(batches: [TypedColumnBatch], lines: Int)>?>(nil)
        /// Signalled once parsing has started (the dispatching thread starts parts in order).
        private let started = DispatchSemaphore(value: 0)

        init(start: Int, end: Int?) {
            self.start = start
            self.end = end
        }

        /// Starts parsing with the reader `open` makes (numbering its lines from 1, the first
        /// part's header included).
        func parse(_ open: @escaping @Sendable () throws -> CSVReader) {
            let result = BackgroundResult { () throws -> (batches: [TypedColumnBatch], lines: Int) in
                let reader = try open()
                var batches: [TypedColumnBatch] = []
                while let batch = try reader.nextTyped() { batches.append(batch) }
                return (batches, reader.nextLine - 1)
            }
            parsed.withLock { $0 = result }
            started.signal()
        }

        /// The part's rows and line count, once parsed (waiting for parsing to start first).
        func wait() -> Result<(batches: [TypedColumnBatch], lines: Int), any Error> {
            started.wait()
            started.signal()
            guard let result = parsed.withLock({ $0 }) else { return .failure(CancellationError()) }
            return result.wait()
        }

        /// Frees the parsed rows once handed out.
        func release() { parsed.withLock { $0?.release() } }
    }

    /// How many parts may be parsed or waiting at once, and whether to go on at all.
    private final class Control: Sendable {
        private let slots: DispatchSemaphore
        private let stopped = Atomic<Bool>(false)

        init(limit: Int) {
            // Created at 0 and signalled up: libdispatch traps when a semaphore is freed below
            // the value it was created with.
            slots = DispatchSemaphore(value: 0)
            for _ in 0..<max(2, limit) { slots.signal() }
        }

        func acquire() -> Bool {
            slots.wait()
            return !stopped.load(ordering: .acquiring)
        }

        func release() { slots.signal() }

        func stop() {
            stopped.store(true, ordering: .releasing)
            slots.signal()
        }
    }

    private struct UncheckedBox<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }
}
