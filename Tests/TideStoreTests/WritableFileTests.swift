import Foundation
import Glibc
import Testing
import TideTestSupport

@testable import TideStore

/// `WritableFile` writes exactly the bytes it is given, in order, whatever the sizes of the
/// writes: through the page cache, or with `O_DIRECT` in whole blocks plus a cached tail.
@Suite("WritableFile")
struct WritableFileTests {
    /// Writes of random sizes (from 1 byte to several buffers) crossing every block and
    /// buffer boundary, then reads the file back.
    @Test("direct and cached files hold exactly the bytes written", arguments: [false, true])
    func exactBytes(direct: Bool) throws {
        var rng = SeededGenerator(seed: direct ? 41 : 42)
        // Bytes that differ from block to block (a misplaced block shows), sliced per write.
        let pattern = (0..<(6 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) }
        try withScratchDirectory { dir in
            for round in 0..<8 {
                let path = dir + "/out-\(round)"
                let file = try WritableFile(path: path, flags: O_WRONLY | O_CREAT | O_EXCL, direct: direct)
                var expected: [UInt8] = []
                let writes = Int.random(in: 0...24, using: &rng)
                for _ in 0..<writes {
                    let size: Int
                    switch Int.random(in: 0..<4, using: &rng) {
                    case 0: size = Int.random(in: 1...64, using: &rng)
                    case 1: size = WritableFile.directBlock * Int.random(in: 1...3, using: &rng)
                    case 2: size = Int.random(in: 1...300_000, using: &rng)
                    default: size = Int.random(in: 1...(5 << 20), using: &rng)
                    }
                    let start = Int.random(in: 0..<(pattern.count - size), using: &rng)
                    let chunk = Array(pattern[start..<(start + size)])
                    expected.append(contentsOf: chunk)
                    try file.write(chunk)
                }
                try file.close(sync: round % 2 == 0)
                let back = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
                #expect(back.count == expected.count, "round \(round)")
                #expect(back == expected, "round \(round)")
            }
        }
    }

    @Test("a file system without O_DIRECT (tmpfs) is written through the cache")
    func tmpfsFallsBack() throws {
        guard FileManager.default.fileExists(atPath: "/dev/shm") else { return }
        let path = "/dev/shm/tide-writable-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(path) }
        let file = try WritableFile(path: path, flags: O_WRONLY | O_CREAT | O_EXCL, direct: true)
        let bytes = (0..<(3 * WritableFile.directBlock + 17)).map { UInt8(truncatingIfNeeded: $0 * 7) }
        try file.write(bytes)
        try file.close(sync: true)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
    }

    @Test("a file dropped without close is closed and keeps only whole flushed buffers")
    func droppedWithoutClose() throws {
        try withScratchDirectory { dir in
            let path = dir + "/dropped"
            do {
                let file = try WritableFile(path: path, flags: O_WRONLY | O_CREAT | O_EXCL, direct: true)
                try file.write([UInt8](repeating: 7, count: 100))
            }
            let back = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(back.isEmpty)
        }
    }
}
