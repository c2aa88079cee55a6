/// DELTA_BINARY_PACKED: a header (block size, miniblocks per block, value count, first
/// value), then blocks of a zigzag minimum delta, one bit width per miniblock, and the
/// miniblocks' deltas bit-packed. Arithmetic wraps, as the writers' does.
enum DeltaBinaryPackedDecoder {
    /// Decodes every value of the stream at `cursor`, leaving the cursor after its last miniblock.
    static func decode(_ cursor: inout ParquetByteCursor) throws(ParquetError) -> [Int64] {
        let blockSize = try cursor.readVarint()
        let miniblocks = try cursor.readVarint()
        let total = try cursor.readVarint()
        guard blockSize > 0, blockSize % 128 == 0, miniblocks > 0, blockSize % miniblocks == 0,
            (blockSize / miniblocks) % 32 == 0, blockSize <= 1 << 20, miniblocks <= 1 << 10
        else { throw .corrupt("bad DELTA_BINARY_PACKED block layout") }
        // Each block takes at least its minimum delta and bit widths (1 + miniblocks bytes),
        // however small its deltas: a bound on the count that still rejects absurd headers.
        let blocks = UInt64(cursor.remaining) / (1 + miniblocks) + 1
        guard total <= blocks * blockSize + 1 else {
            throw .corrupt("DELTA_BINARY_PACKED claims more values than its bytes can hold")
        }
        var values: [Int64] = []
        let count = Int(total)
        values.reserveCapacity(count)
        var previous = try cursor.readZigzag()
        if count == 0 { return values }
        values.append(previous)
        let perMiniblock = Int(blockSize / miniblocks)
        var widths = [Int](repeating: 0, count: Int(miniblocks))
        var deltas: [UInt64] = []
        deltas.reserveCapacity(perMiniblock)
        while values.count < count {
            let minDelta = try cursor.readZigzag()
            for m in 0..<widths.count { widths[m] = Int(try cursor.readByte()) }
            for m in 0..<widths.count where values.count < count {
                deltas.removeAll(keepingCapacity: true)
                try cursor.unpack(perMiniblock, width: widths[m], into: &deltas)
                for delta in deltas where values.count < count {
                    previous = previous &+ minDelta &+ Int64(bitPattern: delta)
                    values.append(previous)
                }
            }
        }
        return values
    }
}
