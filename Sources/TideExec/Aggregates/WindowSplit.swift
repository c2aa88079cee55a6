import TideCore
import TidePlan

/// What window_split keeps of each delimited piece.
enum SplitPart: Sendable {
    /// The whole piece (window_split).
    case piece
    /// The text before the first key-value delimiter; pieces without one are skipped.
    case key
    /// The text between the first and the second key-value delimiter (or the piece's end).
    case value
}

/// window_split(s, delim), window_split_by_key(s, delim, kv_delim),
/// window_split_by_value(s, delim, kv_delim): every row's string is split and the pieces are
/// collected into one list. OpenMLDB semantics: rows are visited newest first (the order of
/// OpenMLDB's window iteration), NULL strings and empty delimiters are skipped, a one-byte
/// delimiter splits literally and a longer one is a regular expression, and a piece is left
/// out when it would take the list past 4096 bytes in total.
struct WindowSplitAggregator: Aggregator {
    static let maximumTotalLength = 4096
    let part: SplitPart
    private var rows = RowDeque<[String]>()
    private var splitter: Splitter?
    private var pairSplitter: Splitter?

    init(_ part: SplitPart) { self.part = part }

    mutating func update(_ arguments: [Value]) throws {
        rows.append(try pieces(arguments))
    }

    mutating func retract(_ arguments: [Value]) throws { rows.popFirst() }

    private mutating func pieces(_ arguments: [Value]) throws -> [String] {
        guard let text = arguments.argument(0).stringValue, let delimiter = arguments.argument(1).stringValue,
            !delimiter.isEmpty
        else { return [] }
        let rowSplitter = try cached(&splitter, delimiter)
        let segments = rowSplitter.split(text)
        switch part {
        case .piece:
            return segments
        case .key, .value:
            guard let pairDelimiter = arguments.argument(2).stringValue, !pairDelimiter.isEmpty else { return [] }
            let pairs = try cached(&pairSplitter, pairDelimiter)
            return segments.compactMap { segment in
                let halves = pairs.split(segment)
                guard halves.count >= 2 else { return nil }
                return part == .key ? halves[0] : halves[1]
            }
        }
    }

    private func cached(_ slot: inout Splitter?, _ delimiter: String) throws -> Splitter {
        if let existing = slot, existing.delimiter == delimiter { return existing }
        let made = try Splitter(delimiter)
        slot = made
        return made
    }

    func result() throws -> Value {
        var out: [Value] = []
        var total = 0
        for row in rows.newestFirst {
            for piece in row {
                let length = piece.utf8.count
                if total + length > Self.maximumTotalLength { continue }
                total += length
                out.append(.string(piece))
            }
        }
        return .array(out)
    }
}

/// Splits text on a one-byte literal delimiter, or on a regular expression otherwise, keeping
/// empty pieces (so "a,b," gives "a", "b", "").
struct Splitter {
    let delimiter: String
    private let pattern: Regex<AnyRegexOutput>?

    init(_ delimiter: String) throws {
        self.delimiter = delimiter
        if delimiter.utf8.count == 1 {
            pattern = nil
        } else {
            do {
                pattern = try Regex(delimiter)
            } catch {
                throw TideError(.invalidParameterValue, "invalid split delimiter pattern '\(delimiter)'")
            }
        }
    }

    func split(_ text: String) -> [String] {
        if let pattern {
            return text.split(separator: pattern, omittingEmptySubsequences: false).map(String.init)
        }
        guard let byte = delimiter.utf8.first else { return [text] }
        return text.utf8.split(separator: byte, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
    }
}

extension AggregateFunctions {
    static func registerWindowSplit(into registry: inout FunctionRegistry) {
        let parts: [(String, SplitPart)] = [
            ("window_split", .piece), ("window_split_by_key", .key), ("window_split_by_value", .value),
        ]
        for (name, part) in parts {
            registerOverloads(name, into: &registry, retractable: true) { _ in { _ in WindowSplitAggregator(part) } }
        }
    }
}
