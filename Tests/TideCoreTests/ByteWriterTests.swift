import Testing
import TideCore

/// `ByteWriter` keeps every byte across growth, writes only what a writer reports, and
/// reports (instead of trapping) a growth that cannot get its memory.
@Suite struct ByteWriterTests {
    @Test func keepsEveryByteAcrossGrowth() {
        let writer = ByteWriter(capacity: 16)
        var expected: [UInt8] = []
        for i in 0..<5_000 {
            switch i % 3 {
            case 0:
                writer.append(UInt8(truncatingIfNeeded: i))
                expected.append(UInt8(truncatingIfNeeded: i))
            case 1:
                let piece = (0..<(i % 37)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ i) }
                piece.withUnsafeBytes { writer.append($0) }
                expected += piece
            default:
                // Room for 32 bytes reserved, fewer written: only those count.
                let written = i % 33
                writer.write(maximum: 32) { start in
                    for k in 0..<written { start[k] = UInt8(truncatingIfNeeded: k &+ i) }
                    return written
                }
                expected += (0..<written).map { UInt8(truncatingIfNeeded: $0 &+ i) }
            }
        }
        #expect(writer.count == expected.count)
        #expect(Array(writer.bytes) == expected)
        #expect(!writer.exhausted)
        writer.removeAll()
        #expect(writer.count == 0)
        writer.append(contentsOf: [1, 2, 3])
        #expect(Array(writer.bytes) == [1, 2, 3])
    }

    @Test func aGrowthWithoutMemoryIsReportedAndWritesNothing() {
        let writer = ByteWriter(capacity: 16)
        writer.append(contentsOf: Array("kept".utf8))
        #expect(!writer.reserve(Int.max / 2))
        #expect(writer.exhausted)
        writer.append(UInt8(ascii: "x"))
        writer.write(maximum: 1) { start in
            start[0] = UInt8(ascii: "y")
            return 1
        }
        #expect(Array(writer.bytes) == Array("kept".utf8))
        // Emptied, it grows again.
        writer.removeAll()
        #expect(!writer.exhausted)
        writer.append(contentsOf: Array(repeating: 7, count: 100))
        #expect(Array(writer.bytes) == Array(repeating: 7, count: 100))
    }
}
