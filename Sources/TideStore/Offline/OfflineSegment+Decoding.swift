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
            if Self.storesIntegers(section.type) {
                let integers = Self.integers(raw, section, rows: rows)
                switch section.type {
                case .int16:
                    for (k, r) in rows.enumerated() {
                        out.append(isNull(r) ? .null : .int16(Int16(truncatingIfNeeded: integers[k])))
                    }
                case .int32:
                    for (k, r) in rows.enumerated() {
                        out.append(isNull(r) ? .null : .int32(Int32(truncatingIfNeeded: integers[k])))
                    }
                case .date:
                    for (k, r) in rows.enumerated() {
                        out.append(isNull(r) ? .null : .date(Int32(truncatingIfNeeded: integers[k])))
                    }
                case .timestamp:
                    for (k, r) in rows.enumerated() { out.append(isNull(r) ? .null : .timestamp(integers[k])) }
                case .int64, .bool, .float, .double, .string:
                    for (k, r) in rows.enumerated() { out.append(isNull(r) ? .null : .int64(integers[k])) }
                }
                return out
            }
            switch section.type {
            case .bool:
                for r in rows { out.append(isNull(r) ? .null : .bool(raw[data + r] != 0)) }
            case .float:
                for r in rows {
                    let bits = UInt32(littleEndian: load(raw, data + r * 4))
                    out.append(isNull(r) ? .null : .float(Float(bitPattern: bits)))
                }
            case .double:
                for r in rows {
                    let bits = UInt64(littleEndian: load(raw, data + r * 8))
                    out.append(isNull(r) ? .null : .double(Double(bitPattern: bits)))
                }
            case .string where section.encoding == .dictionary:
                let dictionary = dictionaries[column]
                let codes = Self.unsigned(raw, at: data, width: section.width, rows: rows)
                for (k, r) in rows.enumerated() { out.append(isNull(r) ? .null : .string(dictionary[Int(codes[k])])) }
            case .string:
                let strings = data + (rowCount + 1) * 4
                for r in rows {
                    if isNull(r) {
                        out.append(.null)
                        continue
                    }
                    let start = Int(UInt32(littleEndian: load(raw, data + r * 4)))
                    let end = Int(UInt32(littleEndian: load(raw, data + r * 4 + 4)))
                    let slice = UnsafeRawBufferPointer(rebasing: raw[(strings + start)..<(strings + end)])
                    out.append(.string(String(decoding: slice, as: UTF8.self)))
                }
            case .int16, .int32, .int64, .date, .timestamp:
                break  // decoded above
            }
            return out
        }
    }

    /// The stored integers of an integer-typed section for `rows` (NULL rows hold 0 or the base).
    private static func integers(_ raw: UnsafeRawBufferPointer, _ section: ColumnSection, rows: Range<Int>) -> [Int64] {
        let data = section.dataStart
        if section.encoding == .frameOfReference {
            let base = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: data, as: Int64.self))
            return unsigned(raw, at: data + 8, width: section.width, rows: rows).map { base &+ Int64(bitPattern: $0) }
        }
        let width = OfflineSegment.width(section.type) ?? 8
        var out = [Int64](repeating: 0, count: rows.count)
        for (k, r) in rows.enumerated() {
            switch width {
            case 2: out[k] = Int64(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: data + r * 2, as: Int16.self)))
            case 4: out[k] = Int64(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: data + r * 4, as: Int32.self)))
            default: out[k] = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: data + r * 8, as: Int64.self))
            }
        }
        return out
    }

    /// `rows` unsigned little-endian values of `width` bytes (1, 2 or 4) at `start`, widened.
    private static func unsigned(_ raw: UnsafeRawBufferPointer, at start: Int, width: Int, rows: Range<Int>) -> [UInt64]
    {
        var out = [UInt64](repeating: 0, count: rows.count)
        switch width {
        case 1:
            for (k, r) in rows.enumerated() { out[k] = UInt64(raw[start + r]) }
        case 2:
            for (k, r) in rows.enumerated() {
                out[k] = UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: start + r * 2, as: UInt16.self)))
            }
        default:
            for (k, r) in rows.enumerated() {
                out[k] = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + r * 4, as: UInt32.self)))
            }
        }
        return out
    }

    @inline(__always)
    private func load<T: FixedWidthInteger>(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> T {
        raw.loadUnaligned(fromByteOffset: offset, as: T.self)
    }
}
