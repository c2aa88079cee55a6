import Glibc
import TideCore

/// Reads one JSON object (a Kafka message) into the fields a table wants, without building a
/// document: each top-level field is matched by name and its scalar value handed out as a
/// `Value` (strings as `.string`, integers as `.int64`, other numbers as `.double`, booleans,
/// null). Fields the table does not want are skipped, whatever they hold; a wanted field
/// holding an object or array is an error.
struct JSONRowScanner {
    /// Field name → the slot the caller reads it into.
    private let slots: [String: Int]
    /// The same names as UTF-8, matched against a key's bytes without making a String.
    private let names: [(bytes: [UInt8], slot: Int)]
    let slotCount: Int

    init(fieldNames: [String]) {
        var slots: [String: Int] = [:]
        for (slot, name) in fieldNames.enumerated() where slots[name] == nil { slots[name] = slot }
        self.slots = slots
        names = slots.map { (Array($0.key.utf8), $0.value) }.sorted { $0.slot < $1.slot }
        slotCount = fieldNames.count
    }

    /// The slot of the key at `range` (raw bytes without escapes), or nil. `guess` (an index
    /// into `names`) is tried first: messages of one producer list their fields in one order,
    /// so the name after the previous match is nearly always the next one.
    private func slot(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, guess: inout Int) -> Int? {
        func matches(_ candidate: Int) -> Bool {
            let bytes = names[candidate].bytes
            guard bytes.count == range.count else { return false }
            return bytes.withUnsafeBufferPointer { bytes in
                guard let a = bytes.baseAddress, let b = buffer.baseAddress else { return range.isEmpty }
                return memcmp(a, b + range.lowerBound, range.count) == 0
            }
        }
        if guess < names.count, matches(guess) {
            defer { guess += 1 }
            return names[guess].slot
        }
        for candidate in names.indices where candidate != guess && matches(candidate) {
            guess = candidate + 1
            return names[candidate].slot
        }
        return nil
    }

    /// The wanted fields' values, `.null` where a field is absent.
    /// - Throws: `MessageRejection` saying what is malformed and where.
    func scan(_ bytes: [UInt8]) throws(MessageRejection) -> [Value] {
        try bytes.withUnsafeBufferPointer { buffer throws(MessageRejection) in try scan(buffer) }
    }

    /// `scan(_:)` of bytes the caller holds (a message still in librdkafka's buffer).
    func scan(_ buffer: UnsafeBufferPointer<UInt8>) throws(MessageRejection) -> [Value] {
        var values = [Value](repeating: .null, count: slotCount)
        var reader = JSONReader(buffer)
        reader.skipSpace()
        try reader.expect(UInt8(ascii: "{"), "a JSON object")
        reader.skipSpace()
        if reader.peek == UInt8(ascii: "}") {
            reader.index += 1
        } else {
            var guess = 0
            while true {
                reader.skipSpace()
                let key = try reader.key()
                let wanted: Int?
                switch key {
                case .raw(let range): wanted = slot(buffer, range, guess: &guess)
                case .unescaped(let name): wanted = slots[name]
                }
                func name() -> String {
                    switch key {
                    case .raw(let range):
                        return String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
                    case .unescaped(let name): return name
                    }
                }
                reader.skipSpace()
                try reader.expect(UInt8(ascii: ":"), "':' after field \"\(name())\"")
                reader.skipSpace()
                if let wanted {
                    values[wanted] = try reader.scalar(field: name())
                } else {
                    try reader.skipValue(depth: 0)
                }
                reader.skipSpace()
                if reader.peek == UInt8(ascii: ",") {
                    reader.index += 1
                    continue
                }
                try reader.expect(UInt8(ascii: "}"), "',' or '}' after field \"\(name())\"")
                break
            }
        }
        reader.skipSpace()
        guard reader.index == buffer.count else { throw reader.rejection("text after the JSON object") }
        return values
    }
}

/// A message that cannot become a row, and why.
struct MessageRejection: Error, Sendable {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// A cursor over JSON bytes.
private struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    func rejection(_ what: String) -> MessageRejection {
        MessageRejection("malformed JSON at byte \(index): \(what)")
    }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(MessageRejection) {
        guard peek == byte else { throw rejection("expected \(what())") }
        index += 1
    }

    /// An object key: its raw bytes when it has no escapes (the common case), else unescaped.
    enum Key {
        case raw(Range<Int>)
        case unescaped(String)
    }

    mutating func key() throws(MessageRejection) -> Key {
        guard peek == UInt8(ascii: "\"") else { throw rejection("a field name") }
        var end = index + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            defer { index = end + 1 }
            return .raw(index + 1..<end)
        }
        return .unescaped(try string())
    }

    /// A string token (the opening quote is next), unescaped.
    mutating func string() throws(MessageRejection) -> String {
        try expect(UInt8(ascii: "\""), "a string")
        let start = index
        // Fast path: no escapes.
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            defer { index += 1 }
            guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            else { throw rejection("a string that is not UTF-8") }
            return text
        }
        var out = Array(bytes[start..<index])
        while true {
            guard index < bytes.count else { throw rejection("an unterminated string") }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { break }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                continue
            }
            do throws(JSONEscape.Failure) {
                try JSONEscape.decode(bytes, at: &index, into: &out)
            } catch {
                throw rejection(error.reason)
            }
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw rejection("a string that is not UTF-8") }
        return text
    }

    /// A scalar value for a wanted field.
    mutating func scalar(field: @autoclosure () -> String) throws(MessageRejection) -> Value {
        guard let byte = peek else { throw rejection("a value for field \"\(field())\"") }
        switch byte {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            throw MessageRejection(
                "field \"\(field())\" holds a JSON \(byte == UInt8(ascii: "{") ? "object" : "array"), not a scalar")
        default: throw rejection("a value for field \"\(field())\"")
        }
    }

    private mutating func literal(_ word: StaticString) throws(MessageRejection) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw rejection("a value") }
        for i in 0..<count where bytes[index + i] != word.utf8Start[i] { throw rejection("a value") }
        index += count
    }

    /// A number: an integer that fits Int64 is `.int64`, anything else `.double`.
    private mutating func number() throws(MessageRejection) -> Value {
        let start = index
        var negative = false
        if peek == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var magnitude: UInt64 = 0
        var overflow = false
        var digits = 0
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            let (times, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            overflow = overflow || o1 || o2
            magnitude = plus
            digits += 1
            index += 1
        }
        guard digits > 0 else { throw rejection("a number") }
        var fractional = false
        if peek == UInt8(ascii: ".") {
            fractional = true
            index += 1
            guard let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw rejection("digits after '.'")
            }
            while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            fractional = true
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw rejection("digits in the exponent")
            }
            while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
        }
        if !fractional, !overflow {
            if negative, magnitude <= UInt64(Int64.max) + 1 { return .int64(Int64(truncatingIfNeeded: 0 &- magnitude)) }
            if !negative, magnitude <= UInt64(Int64.max) { return .int64(Int64(magnitude)) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let double = Double(text) else { throw rejection("a number") }
        return .double(double)
    }

    /// Skips any value (objects and arrays nested at most 64 deep).
    mutating func skipValue(depth: Int) throws(MessageRejection) {
        guard depth < 64 else { throw rejection("values nested deeper than 64") }
        guard let byte = peek else { throw rejection("a value") }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            index += 1
            skipSpace()
            if peek == close {
                index += 1
                return
            }
            while true {
                skipSpace()
                if close == UInt8(ascii: "}") {
                    _ = try string()
                    skipSpace()
                    try expect(UInt8(ascii: ":"), "':'")
                    skipSpace()
                }
                try skipValue(depth: depth + 1)
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(close, "',' or a closing bracket")
                return
            }
        default:
            _ = try scalar(field: "")
        }
    }
}
