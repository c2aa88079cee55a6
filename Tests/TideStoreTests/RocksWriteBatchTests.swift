import Testing
import TideCore
import TideStore

@Suite("RocksWriteBatch")
struct RocksWriteBatchTests {
    @Test("nothing of a batch is visible before write, all of it after")
    func atomicVisibility() throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            try db.put(utf8("gone"), utf8("x"))
            let batch = try RocksWriteBatch()
            for i in 0..<100 { batch.put(utf8("row/\(i)"), utf8("\(i)")) }
            batch.delete(utf8("gone"))
            #expect(batch.count == 101)
            #expect(try db.scan(prefix: utf8("row/")).isEmpty)
            #expect(try db.get(utf8("gone")) == utf8("x"))

            let before = try db.makeIterator()
            try db.write(batch, sync: true)
            before.seekToFirst()
            #expect(before.key == utf8("gone"))  // a reader never sees half a batch

            #expect(try db.scan(prefix: utf8("row/")).count == 100)
            #expect(try db.get(utf8("row/42")) == utf8("42"))
            #expect(try db.get(utf8("gone")) == nil)
        }
    }

    @Test("operations apply in order: the last put or delete of a key wins")
    func order() throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            let batch = try RocksWriteBatch()
            batch.put(utf8("a"), utf8("1"))
            batch.delete(utf8("a"))
            batch.put(utf8("b"), utf8("1"))
            batch.put(utf8("b"), utf8("2"))
            batch.delete(utf8("c"))
            batch.put(utf8("c"), utf8("3"))
            try db.write(batch)
            #expect(try db.get(utf8("a")) == nil)
            #expect(try db.get(utf8("b")) == utf8("2"))
            #expect(try db.get(utf8("c")) == utf8("3"))
        }
    }

    @Test("a batch that is never written, or is cleared, has no effect")
    func unwritten() throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            do {
                let batch = try RocksWriteBatch()
                batch.put(utf8("never"), utf8("x"))
            }
            let cleared = try RocksWriteBatch()
            cleared.put(utf8("cleared"), utf8("x"))
            cleared.clear()
            #expect(cleared.isEmpty)
            try db.write(cleared)
            #expect(try db.scan(prefix: []).isEmpty)
        }
    }

    @Test("a synced batch survives closing and reopening, with sync writes on by default too")
    func durable() throws {
        try withScratchDirectory { dir in
            let path = dir + "/db"
            do {
                let db = try RocksDatabase(path: path, options: RocksOptions(syncWrites: true))
                #expect(db.configuration.syncWrites)
                let batch = try RocksWriteBatch()
                batch.put(utf8("k1"), utf8("v1"))
                batch.put(utf8("k2"), [])
                try db.write(batch)
                try db.put(utf8("k3"), utf8("v3"))
            }
            let reopened = try RocksDatabase(path: path)
            #expect(try reopened.scan(prefix: utf8("k")).map(\.value) == [utf8("v1"), [], utf8("v3")])
        }
    }

    @Test("createIfMissing false refuses a missing database with 58030")
    func noCreate() throws {
        try withScratchDirectory { dir in
            let error = #expect(throws: TideError.self) {
                _ = try RocksDatabase(path: dir + "/absent", options: RocksOptions(createIfMissing: false))
            }
            #expect(error?.code == .ioError)
        }
    }
}
