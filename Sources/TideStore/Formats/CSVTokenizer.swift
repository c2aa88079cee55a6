/// One field of a record: a byte range of the input buffer.
struct CSVField {
    /// First byte of the field's content (after an opening quote).
    var start: Int
    /// One past the last content byte (before a closing quote).
    var end: Int
    /// True if the field was enclosed in quotes.
    var quoted: Bool
    /// True if the content holds doubled quotes that must be collapsed.
    var escaped: Bool
}

/// Splits CSV bytes into records (RFC 4180 plus `\r\n`, lone `\r` and `\n` line ends).
///
/// A quoted field may hold delimiters, line breaks and doubled quotes. Quotes inside an
/// unquoted field are ordinary characters. Text after a closing quote is an error.
struct CSVTokenizer {
    /// The outcome of scanning one record.
    enum Scan {
        /// A record ends at `next` (after its line break); `lines` physical lines were read.
        case record(next: Int, lines: Int)
        /// The record continues past the end of the buffer.
        case needMore
        /// The input ends inside a quoted field.
        case unterminatedQuote
        /// Field `field` (1-based) has bytes between its closing quote and the next delimiter.
        case textAfterQuote(field: Int)
    }

    let delimiter: UInt8
    let quote: UInt8?
    private let lf = UInt8(ascii: "\n")
    private let cr = UInt8(ascii: "\r")

    init(delimiter: UInt8, quote: UInt8?) {
        self.delimiter = delimiter
        self.quote = quote
    }

    /// The index of the first delimiter or line break at or after `from` (or the end): eight
    /// bytes at a time while eight remain (a byte equal to one of the three shows as a zero
    /// byte of `word ^ pattern`; the lowest such byte is found exactly), then byte by byte.
    private func endOfUnquoted(_ bytes: UnsafeRawBufferPointer, from: Int) -> Int {
        let n = bytes.count
        var i = from
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let delimiters = ones &* UInt64(delimiter)
            let lineFeeds = ones &* UInt64(lf)
            let returns = ones &* UInt64(cr)
            while i + 8 <= n {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let a = word ^ delimiters
                let b = word ^ lineFeeds
                let c = word ^ returns
                let zeros = ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c) & highs
                if zeros != 0 { return i + zeros.trailingZeroBitCount >> 3 }
                i += 8
            }
        }
        while i < n {
            let c = bytes[i]
            if c == delimiter || c == lf || c == cr { break }
            i += 1
        }
        return i
    }

    /// Scans the record starting at `from` into `fields`. With `atEOF`, the end of `bytes` ends
    /// the record; otherwise a record that reaches it is incomplete.
    func scan(_ bytes: UnsafeRawBufferPointer, from: Int, atEOF: Bool, into fields: inout [CSVField]) -> Scan {
        fields.removeAll(keepingCapacity: true)
        let n = bytes.count
        var i = from
        var lines = 0
        while true {
            let fieldEnd: Int
            if let quote, i < n, bytes[i] == quote {
                i += 1
                let contentStart = i
                var escaped = false
                while true {
                    while i < n && bytes[i] != quote {
                        if bytes[i] == lf { lines += 1 }
                        i += 1
                    }
                    if i >= n { return atEOF ? .unterminatedQuote : .needMore }
                    if i + 1 < n && bytes[i + 1] == quote {
                        escaped = true
                        i += 2
                        continue
                    }
                    if i + 1 >= n && !atEOF { return .needMore }
                    break
                }
                fields.append(CSVField(start: contentStart, end: i, quoted: true, escaped: escaped))
                i += 1
                fieldEnd = i
            } else {
                let contentStart = i
                i = endOfUnquoted(bytes, from: i)
                fields.append(CSVField(start: contentStart, end: i, quoted: false, escaped: false))
                fieldEnd = i
            }
            // `fieldEnd` is at a delimiter, a line break or the end of the buffer.
            if fieldEnd >= n { return atEOF ? .record(next: n, lines: lines + 1) : .needMore }
            let c = bytes[fieldEnd]
            if c == delimiter {
                i = fieldEnd + 1
                continue
            }
            if c == lf { return .record(next: fieldEnd + 1, lines: lines + 1) }
            if c == cr {
                if fieldEnd + 1 < n {
                    let next = bytes[fieldEnd + 1] == lf ? fieldEnd + 2 : fieldEnd + 1
                    return .record(next: next, lines: lines + 1)
                }
                return atEOF ? .record(next: n, lines: lines + 1) : .needMore
            }
            return .textAfterQuote(field: fields.count)
        }
    }
}
