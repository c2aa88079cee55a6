/// One CSV record held whole in memory (a Kafka message), split by the same tokenizer as
/// LOAD DATA: `,` separates, `"..."` quotes with doubled quotes inside, a trailing line break
/// is ignored. An unquoted empty field is NULL (nil); a quoted one is the empty string.
public enum CSVLine {
    /// Why a line cannot be split.
    public struct Malformed: Error, Sendable {
        public let reason: String
    }

    /// The line's fields.
    /// - Throws: `Malformed` for an unterminated quote, text after a closing quote, a second
    ///   record, or a field that is not UTF-8.
    public static func fields(_ bytes: [UInt8]) throws(Malformed) -> [String?] {
        let tokenizer = CSVTokenizer(delimiter: UInt8(ascii: ","), quote: UInt8(ascii: "\""))
        var fields: [CSVField] = []
        let scan = bytes.withUnsafeBytes { tokenizer.scan($0, from: 0, atEOF: true, into: &fields) }
        switch scan {
        case .record(let next, _):
            guard bytes[next...].allSatisfy({ $0 == 0x0A || $0 == 0x0D }) else {
                throw Malformed(reason: "malformed CSV: more than one line")
            }
        case .needMore, .unterminatedQuote:
            throw Malformed(reason: "malformed CSV: unterminated quoted field \(fields.count)")
        case .textAfterQuote(let field):
            throw Malformed(reason: "malformed CSV: text after the closing quote of field \(field)")
        }
        return try fields.enumerated().map { (number, field) throws(Malformed) -> String? in
            if !field.quoted, field.start == field.end { return nil }
            var content = Array(bytes[field.start..<field.end])
            if field.escaped {
                var collapsed: [UInt8] = []
                var i = 0
                while i < content.count {
                    collapsed.append(content[i])
                    i += content[i] == UInt8(ascii: "\"") ? 2 : 1
                }
                content = collapsed
            }
            guard let text = String(validating: content, as: UTF8.self) else {
                throw Malformed(reason: "field \(number + 1) is not UTF-8")
            }
            return text
        }
    }
}
