import TideCore

/// Turns one column of an Arrow record batch (its validity bitmap and value buffers) into
/// TideDB values. Timestamps become milliseconds (rounded toward negative infinity, as a
/// TideDB timestamp has no finer unit), decimals become doubles.
struct ArrowColumnDecoder {
    let type: ArrowType
    let length: Int
    /// nil: no value is NULL.
    let validity: ArraySlice<UInt8>?
    /// The buffers after the validity bitmap: values, or offsets then bytes for strings.
    let buffers: [ArraySlice<UInt8>]

    func append(to column: inout [Value]) throws {
        if let validity, validity.count < (length + 7) / 8 {
            throw ArrowFormatError.corrupt("validity bitmap too short")
        }
        let values = buffers[0]
        switch type {
        case .null:
            column.append(contentsOf: repeatElement(.null, count: length))
        case .bool:
            guard values.count >= (length + 7) / 8 else { throw ArrowFormatError.corrupt("bool column too short") }
            for row in 0..<length {
                column.append(isValid(row) ? .bool(bit(values, row)) : .null)
            }
        case .int(let bits):
            try fixed(values, width: bits / 8)
            for row in 0..<length {
                guard isValid(row) else { column.append(.null); continue }
                switch bits {
                case 8: column.append(.int16(Int16(load(values, row, Int8.self))))
                case 16: column.append(.int16(load(values, row, Int16.self)))
                case 32: column.append(.int32(load(values, row, Int32.self)))
                default: column.append(.int64(load(values, row, Int64.self)))
                }
            }
        case .floatingPoint(let bits):
            try fixed(values, width: bits / 8)
            for row in 0..<length {
                guard isValid(row) else { column.append(.null); continue }
                column.append(
                    bits == 32
                        ? .float(Float(bitPattern: load(values, row, UInt32.self)))
                        : .double(Double(bitPattern: load(values, row, UInt64.self))))
            }
        case .date(let days):
            try fixed(values, width: days ? 4 : 8)
            for row in 0..<length {
                guard isValid(row) else { column.append(.null); continue }
                if days {
                    column.append(.date(load(values, row, Int32.self)))
                } else {
                    let ms = load(values, row, Int64.self)
                    column.append(.date(Int32(clamping: ms >= 0 ? ms / 86_400_000 : (ms + 1) / 86_400_000 - 1)))
                }
            }
        case .timestamp(let perSecond):
            try fixed(values, width: 8)
            for row in 0..<length {
                guard isValid(row) else { column.append(.null); continue }
                let units = load(values, row, Int64.self)
                column.append(.timestamp(try ArrowColumnDecoder.milliseconds(units, unitsPerSecond: perSecond)))
            }
        case .decimal(let scale):
            try fixed(values, width: 16)
            for row in 0..<length {
                guard isValid(row) else { column.append(.null); continue }
                let low = load(values, row * 2, UInt64.self)
                let high = load(values, row * 2 + 1, Int64.self)
                // Through the decimal text, so the double is the correctly rounded one.
                let unscaled = Int128(high) << 64 | Int128(low)
                guard let value = Double("\(unscaled)e-\(scale)") else {
                    throw ArrowFormatError.corrupt("decimal value")
                }
                column.append(.double(value))
            }
        case .utf8(let large):
            guard buffers.count == 2 else { throw ArrowFormatError.corrupt("string column without bytes") }
            let bytes = buffers[1]
            let width = large ? 8 : 4
            guard values.count / width > length else { throw ArrowFormatError.corrupt("offsets too short") }
            func offset(_ i: Int) -> Int {
                large ? Int(load(values, i, Int64.self)) : Int(load(values, i, Int32.self))
            }
            for row in 0..<length {
                guard isValid(row) else { column.append(.null); continue }
                let start = offset(row)
                let end = offset(row + 1)
                guard start >= 0, start <= end, end <= bytes.count else {
                    throw ArrowFormatError.corrupt("string offsets outside the data")
                }
                let base = bytes.startIndex
                column.append(.string(String(decoding: bytes[(base + start)..<(base + end)], as: UTF8.self)))
            }
        }
    }

    /// `units` of 1/`unitsPerSecond` s since the epoch, as whole milliseconds (floor).
    static func milliseconds(_ units: Int64, unitsPerSecond: Int64) throws -> Int64 {
        if unitsPerSecond <= 1_000 {
            let (ms, overflow) = units.multipliedReportingOverflow(by: 1_000 / unitsPerSecond)
            if overflow { throw TideError(.numericValueOutOfRange, "timestamp from Spark out of range: \(units) s") }
            return ms
        }
        let per = unitsPerSecond / 1_000
        let (quotient, remainder) = units.quotientAndRemainder(dividingBy: per)
        return remainder < 0 ? quotient - 1 : quotient
    }

    private func isValid(_ row: Int) -> Bool {
        guard let validity else { return true }
        return bit(validity, row)
    }

    private func bit(_ bytes: ArraySlice<UInt8>, _ index: Int) -> Bool {
        bytes[bytes.startIndex + index >> 3] & (1 << UInt8(index & 7)) != 0
    }

    private func fixed(_ values: ArraySlice<UInt8>, width: Int) throws {
        guard values.count / width >= length else { throw ArrowFormatError.corrupt("value buffer too short") }
    }

    private func load<T: FixedWidthInteger>(_ bytes: ArraySlice<UInt8>, _ index: Int, _ type: T.Type) -> T {
        bytes.withUnsafeBytes {
            T(littleEndian: $0.loadUnaligned(fromByteOffset: index * MemoryLayout<T>.size, as: T.self))
        }
    }
}
