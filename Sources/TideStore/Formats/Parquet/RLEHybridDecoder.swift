/// The RLE / bit-packing hybrid encoding of definition levels, dictionary indices and RLE
/// booleans: runs of `header` varints, `header & 1 == 0` a repeated value in
/// ceil(width / 8) bytes, otherwise `(header >> 1) * 8` values bit-packed LSB first.
struct RLEHybridDecoder {
    private var cursor: ParquetByteCursor
    private let width: Int
    private var repeatsLeft = 0
    private var repeated: UInt64 = 0
    private var packed: [UInt64] = []
    private var packedNext = 0

    init(_ cursor: ParquetByteCursor, width: Int) {
        self.cursor = cursor
        self.width = width
    }

    /// Appends the next `count` values to `out`.
    mutating func decode(_ count: Int, into out: inout [UInt32]) throws(ParquetError) {
        guard width <= 32 else { throw .corrupt("RLE bit width \(width) is more than 32") }
        var left = count
        out.reserveCapacity(out.count + count)
        while left > 0 {
            if repeatsLeft > 0 {
                let n = min(left, repeatsLeft)
                out.append(contentsOf: repeatElement(UInt32(truncatingIfNeeded: repeated), count: n))
                repeatsLeft -= n
                left -= n
            } else if packedNext < packed.count {
                let n = min(left, packed.count - packedNext)
                for k in packedNext..<packedNext + n { out.append(UInt32(truncatingIfNeeded: packed[k])) }
                packedNext += n
                left -= n
            } else {
                try nextRun(needed: left)
            }
        }
    }

    private mutating func nextRun(needed: Int) throws(ParquetError) {
        guard cursor.remaining > 0 else { throw .corrupt("RLE data ends before its values") }
        let header = try cursor.readVarint()
        if header & 1 == 0 {
            let count = header >> 1
            guard count > 0, count <= UInt64(Int32.max) else { throw .corrupt("RLE run of \(count) values") }
            var value: UInt64 = 0
            for k in 0..<(width + 7) / 8 { value |= UInt64(try cursor.readByte()) << UInt64(8 * k) }
            repeated = value
            repeatsLeft = Int(count)
        } else {
            let groups = header >> 1
            guard groups > 0, groups <= UInt64(Int32.max / 8) else {
                throw .corrupt("bit-packed run of \(groups) groups")
            }
            let total = Int(groups) * 8
            // The last run may stop short of its padding at the end of the data.
            let available = width == 0 ? total : min(total, cursor.remaining * 8 / width)
            guard available >= min(total, needed) else {
                throw .corrupt("bit-packed run runs past the end of the data")
            }
            packed.removeAll(keepingCapacity: true)
            packedNext = 0
            try cursor.unpack(available, width: width, into: &packed)
            if available < total { cursor.position = cursor.end }
        }
    }
}
