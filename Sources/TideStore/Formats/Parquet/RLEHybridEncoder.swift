/// Writes the RLE / bit-packing hybrid encoding (definition levels, dictionary indices):
/// runs of 8 or more equal values as RLE runs, everything else bit-packed in groups of 8.
struct RLEHybridEncoder {
    private let width: Int
    private(set) var bytes: [UInt8] = []
    private var values: [UInt32] = []

    init(width: Int) { self.width = width }

    mutating func append(_ value: UInt32) { values.append(value) }

    /// Encodes the appended values and returns the bytes.
    mutating func finish() -> [UInt8] {
        var i = 0
        var pendingStart = 0
        while i < values.count {
            var j = i + 1
            while j < values.count && values[j] == values[i] { j += 1 }
            // An RLE run only where it starts on a group boundary of the pending bit-packed values.
            if j - i >= 8 {
                let aligned = i - (i - pendingStart) % 8
                let packedEnd = (i - pendingStart) % 8 == 0 ? i : aligned + 8
                if j - packedEnd >= 8 {
                    writePacked(pendingStart, packedEnd)
                    writeRepeated(values[i], count: j - packedEnd)
                    pendingStart = j
                }
            }
            i = j
        }
        writePacked(pendingStart, values.count)
        return bytes
    }

    private mutating func writeRepeated(_ value: UInt32, count: Int) {
        writeVarint(UInt64(count) << 1)
        for k in 0..<(width + 7) / 8 { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(8 * k))) }
    }

    private mutating func writePacked(_ start: Int, _ end: Int) {
        guard end > start else { return }
        let groups = (end - start + 7) / 8
        writeVarint(UInt64(groups) << 1 | 1)
        var accumulator: UInt64 = 0
        var bits = 0
        for k in 0..<groups * 8 {
            let value = start + k < end ? UInt64(values[start + k]) : 0
            accumulator |= value << UInt64(bits)
            bits += width
            while bits >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                bits -= 8
            }
        }
        if bits > 0 { bytes.append(UInt8(truncatingIfNeeded: accumulator)) }
    }

    private mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }
}
