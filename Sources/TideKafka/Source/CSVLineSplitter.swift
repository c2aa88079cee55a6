/// Splits one CSV line (a Kafka message) into fields: `,` separates, `"..."` quotes (a
/// doubled `""` inside is one quote), a trailing newline is ignored. An unquoted empty field
/// is NULL (nil); a quoted one is the empty string.
enum CSVLineSplitter {
    static func fields(_ bytes: [UInt8]) throws(MessageRejection) -> [String?] {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        var fields: [String?] = []
        var index = 0
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        while true {
            if index < end, bytes[index] == quote {
                var text: [UInt8] = []
                index += 1
                while true {
                    guard index < end else {
                        throw MessageRejection("malformed CSV: unterminated quoted field \(fields.count + 1)")
                    }
                    if bytes[index] == quote {
                        if index + 1 < end, bytes[index + 1] == quote {
                            text.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    text.append(bytes[index])
                    index += 1
                }
                guard index == end || bytes[index] == comma else {
                    throw MessageRejection("malformed CSV: text after the closing quote of field \(fields.count + 1)")
                }
                guard let string = String(validating: text, as: UTF8.self) else {
                    throw MessageRejection("field \(fields.count + 1) is not UTF-8")
                }
                fields.append(string)
            } else {
                let start = index
                while index < end, bytes[index] != comma { index += 1 }
                if index == start {
                    fields.append(nil)
                } else {
                    guard let string = String(validating: bytes[start..<index], as: UTF8.self) else {
                        throw MessageRejection("field \(fields.count + 1) is not UTF-8")
                    }
                    fields.append(string)
                }
            }
            guard index < end else { break }
            index += 1  // the comma
            if index == end {
                fields.append(nil)
                break
            }
        }
        return fields
    }
}
