import TideCore

extension OfflineSegment {
    /// The values of column `column` for rows `rows`, decoded from the segment's bytes.
    func values(column: Int, rows: Range<Int>) -> [Value] {
        let section = sections[column]
        return bytes.withUnsafeBytes { raw in
            var out: [Value] = []
            out.reserveCapacity(rows.count)
            let bitmap = section.offset
            let data = section.dataStart
            @inline(__always) func isNull(_ r: Int) -> Bool { raw[bitmap + r >> 3] & (1 << UInt8(r & 7)) != 0 }
            @inline(__always) func integer(_ r: Int) -> Int64 { Self.integer(raw, section, r) }
            switch section.type {
            case .bool:
                for r in rows { out.append(isNull(r) ? .null : .bool(raw[data + r] != 0)) }
            case .int16:
                for r in rows { out.append(isNull(r) ? .null : .int16(Int16(truncatingIfNeeded: integer(r)))) }
            case .int32:
                for r in rows { out.append(isNull(r) ? .null : .int32(Int32(truncatingIfNeeded: integer(r)))) }
            case .date:
                for r in rows { out.append(isNull(r) ? .null : .date(Int32(truncatingIfNeeded: integer(r)))) }
            case .int64:
                for r in rows { out.append(isNull(r) ? .null : .int64(integer(r))) }
            case .timestamp:
                for r in rows { out.append(isNull(r) ? .null : .timestamp(integer(r))) }
            case .float:
                for r in rows {
                    let bits = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: data + r * 4, as: UInt32.self))
                    out.append(isNull(r) ? .null : .float(Float(bitPattern: bits)))
                }
            case .double:
                for r in rows {
                    let bits = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: data + r * 8, as: UInt64.self))
                    out.append(isNull(r) ? .null : .double(Double(bitPattern: bits)))
                }
            case .string where section.encoding == .dictionary:
                let dictionary = dictionaries[column] ?? Self.dictionary(raw, section, rows: rowCount)
                for r in rows {
                    let code = Self.unsigned(raw, at: data, width: section.width, r)
                    out.append(isNull(r) ? .null : .string(dictionary[Int(code)]))
                }
            case .string:
                let strings = data + (rowCount + 1) * 4
                for r in rows {
                    if isNull(r) {
                        out.append(.null)
                        continue
                    }
                    let start = Int(
                        UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: data + r * 4, as: UInt32.self)))
                    let end = Int(
                        UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: data + r * 4 + 4, as: UInt32.self)))
                    let slice = UnsafeRawBufferPointer(rebasing: raw[(strings + start)..<(strings + end)])
                    out.append(.string(String(decoding: slice, as: UTF8.self)))
                }
            }
            return out
        }
    }

    /// Row `r`'s stored integer in an integer-typed section (a NULL row holds 0 or the base).
    @inline(__always)
    private static func integer(_ raw: UnsafeRawBufferPointer, _ section: ColumnSection, _ r: Int) -> Int64 {
        let data = section.dataStart
        if section.encoding == .frameOfReference {
            let base = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: data, as: Int64.self))
            return base &+ Int64(bitPattern: unsigned(raw, at: data + 8, width: section.width, r))
        }
        switch width(section.type) {
        case 2: return Int64(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: data + r * 2, as: Int16.self)))
        case 4: return Int64(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: data + r * 4, as: Int32.self)))
        default: return Int64(littleEndian: raw.loadUnaligned(fromByteOffset: data + r * 8, as: Int64.self))
        }
    }
}
