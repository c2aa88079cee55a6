import TideCore

extension OfflineSegment {
    /// The values of column `column` for rows `rows`, decoded from the segment's bytes.
    func values(column: Int, rows: Range<Int>) -> [Value] {
        let section = sections[column]
        return bytes.withUnsafeBytes { raw in
            var out: [Value] = []
            out.reserveCapacity(rows.count)
            let bitmap = section.offset
            let data = section.offset + section.bitmapLength
            @inline(__always) func isNull(_ r: Int) -> Bool { raw[bitmap + r >> 3] & (1 << UInt8(r & 7)) != 0 }
            switch section.type {
            case .bool:
                for r in rows { out.append(isNull(r) ? .null : .bool(raw[data + r] != 0)) }
            case .int16:
                for r in rows {
                    out.append(isNull(r) ? .null : .int16(Int16(littleEndian: load(raw, data + r * 2))))
                }
            case .int32:
                for r in rows {
                    out.append(isNull(r) ? .null : .int32(Int32(littleEndian: load(raw, data + r * 4))))
                }
            case .date:
                for r in rows {
                    out.append(isNull(r) ? .null : .date(Int32(littleEndian: load(raw, data + r * 4))))
                }
            case .float:
                for r in rows {
                    let bits = UInt32(littleEndian: load(raw, data + r * 4))
                    out.append(isNull(r) ? .null : .float(Float(bitPattern: bits)))
                }
            case .int64:
                for r in rows {
                    out.append(isNull(r) ? .null : .int64(Int64(littleEndian: load(raw, data + r * 8))))
                }
            case .timestamp:
                for r in rows {
                    out.append(isNull(r) ? .null : .timestamp(Int64(littleEndian: load(raw, data + r * 8))))
                }
            case .double:
                for r in rows {
                    let bits = UInt64(littleEndian: load(raw, data + r * 8))
                    out.append(isNull(r) ? .null : .double(Double(bitPattern: bits)))
                }
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
            }
            return out
        }
    }

    @inline(__always)
    private func load<T: FixedWidthInteger>(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> T {
        raw.loadUnaligned(fromByteOffset: offset, as: T.self)
    }
}
