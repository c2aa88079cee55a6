import Testing
import TideCore

@testable import TideStore

@Suite("RocksIterator")
struct RocksIteratorTests {
    @Test("keys come back in byte order, and seek(prefix:) stops at the end of the prefix")
    func prefixBound() throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            for key in ["b/2", "a/1", "b/1", "c/1", "b", "b/10", "ba"] {
                try db.put(utf8(key), utf8("v:" + key))
            }
            let iterator = try db.makeIterator()
            iterator.seek(prefix: utf8("b/"))
            var seen: [String] = []
            while iterator.isValid {
                seen.append(String(decoding: iterator.key, as: UTF8.self))
                #expect(iterator.value == utf8("v:") + iterator.key)
                iterator.next()
            }
            try iterator.checkError()
            #expect(seen == ["b/1", "b/10", "b/2"])
        }
    }

    @Test(
        "an iterator made within a prefix sees exactly that prefix's keys, from any seek inside it",
        arguments: [[0x62, 0x2F], [0x62, 0xFF], [0xFF, 0xFF], [0x62, 0xFE, 0xFF]] as [[UInt8]])
    func withinPrefix(prefix: [UInt8]) throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            // Keys inside the prefix, right before it, right after it, and equal to its successor.
            var keys: [[UInt8]] = [
                prefix, prefix + [0], prefix + [0x31], prefix + [0xFF, 0xFF], Array(prefix.dropLast()),
            ]
            if let after = OnlineKeySpace.prefixEnd(prefix) { keys += [after, after + [0]] }
            keys.append(prefix.dropLast() + [prefix[prefix.count - 1] &- 1, 0xFF])
            keys.append([0xFF, 0xFF, 0xFF])
            for key in keys { try db.put(key, key) }
            let inside = Set(keys.filter { $0.starts(with: prefix) }).sorted { $0.lexicographicallyPrecedes($1) }
            for start in 0...inside.count {
                let iterator = try db.makeIterator(withinPrefix: prefix)
                if start == 0 {
                    iterator.seek(prefix: prefix)
                } else {
                    iterator.seek(to: inside[start - 1], within: prefix)
                }
                var seen: [[UInt8]] = []
                while iterator.isValid {
                    seen.append(iterator.key)
                    #expect(iterator.value == iterator.key)
                    iterator.next()
                }
                try iterator.checkError()
                #expect(seen == Array(inside[max(0, start - 1)...]), "from \(start)")
            }
        }
    }

    @Test("seek(to:) and seekToFirst() are unbounded")
    func unbounded() throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            for key in ["a", "b", "c"] { try db.put(utf8(key), []) }
            let iterator = try db.makeIterator()
            iterator.seek(to: utf8("ab"))
            #expect(iterator.isValid)
            #expect(iterator.key == utf8("b"))
            iterator.next()
            #expect(iterator.key == utf8("c"))
            iterator.next()
            #expect(!iterator.isValid)
            iterator.seekToFirst()
            #expect(iterator.key == utf8("a"))
            #expect(iterator.value == [])
        }
    }

    @Test("a prefix with no keys, and an empty database, give an invalid iterator")
    func emptyRanges() throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            let empty = try db.makeIterator()
            empty.seekToFirst()
            #expect(!empty.isValid)
            try db.put(utf8("a"), utf8("1"))
            try db.put(utf8("c"), utf8("3"))
            #expect(try db.scan(prefix: utf8("b")).isEmpty)
            #expect(try db.scan(prefix: utf8("c1")).isEmpty)
            #expect(try db.scan(prefix: []).map(\.key) == [utf8("a"), utf8("c")])
        }
    }

    @Test("prefixes with 0x00 and 0xFF bytes are bounded exactly")
    func binaryPrefixes() throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            let keys: [[UInt8]] = [
                [0x01], [0x01, 0x00], [0x01, 0xFF], [0x01, 0xFF, 0x00], [0x02], [0xFF], [0xFF, 0xFF],
            ]
            for key in keys { try db.put(key, key) }
            #expect(try db.scan(prefix: [0x01, 0xFF]).map(\.key) == [[0x01, 0xFF], [0x01, 0xFF, 0x00]])
            #expect(try db.scan(prefix: [0xFF]).map(\.key) == [[0xFF], [0xFF, 0xFF]])
            #expect(
                try db.scan(prefix: [0x01]).map(\.value) == [[0x01], [0x01, 0x00], [0x01, 0xFF], [0x01, 0xFF, 0x00]])
        }
    }

    @Test("an iterator reads the snapshot it was created on")
    func snapshot() throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            try db.put(utf8("k1"), utf8("old"))
            let iterator = try db.makeIterator()
            try db.put(utf8("k1"), utf8("new"))
            try db.put(utf8("k2"), utf8("added"))
            try db.delete(utf8("k1"))
            iterator.seek(prefix: utf8("k"))
            #expect(iterator.isValid)
            #expect(iterator.value == utf8("old"))
            iterator.next()
            #expect(!iterator.isValid)
            #expect(try db.scan(prefix: utf8("k")).map(\.key) == [utf8("k2")])
        }
    }

    @Test("an iterator keeps its database open after the last other reference is gone")
    func keepsDatabaseAlive() throws {
        try withScratchDirectory { dir in
            var db: RocksDatabase? = try RocksDatabase(path: dir + "/db")
            try db?.put(utf8("k"), utf8("v"))
            let iterator = try #require(try db?.makeIterator())
            db = nil
            iterator.seekToFirst()
            #expect(iterator.key == utf8("k"))
            #expect(iterator.withValue { Array($0) } == utf8("v"))
        }
    }

    @Test("delete removes a key, and deleting an absent key is fine")
    func delete() throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            try db.put(utf8("k"), utf8("v"))
            try db.delete(utf8("k"))
            try db.delete(utf8("never"))
            #expect(try db.get(utf8("k")) == nil)
            #expect(try db.scan(prefix: []).isEmpty)
        }
    }
}
