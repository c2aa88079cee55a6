import TideCore

/// Full scans of one index key space, for TTL reclamation and online preview.
extension RocksDatabase {
    /// Calls `body` for every entry under `prefix` (an `IndexKey.indexPrefix`), in key order:
    /// each key's entries newest first, with the entry's TS, seq and rank within its key
    /// (1 = newest). `body` may read the iterator's current key and value; it must not move
    /// it. The walk reads one snapshot, taken when it starts.
    /// - Throws: `XX001` for a malformed key, `58030` if RocksDB fails, or what `body` throws.
    func walkIndex(
        prefix: [UInt8],
        _ body: (_ iterator: RocksIterator, _ ts: Int64, _ seq: UInt64, _ rank: Int64) throws -> Void
    ) throws {
        let iterator = try makeIterator()
        iterator.seek(prefix: prefix)
        var currentKey: [UInt8] = []
        var rank: Int64 = 0
        while iterator.isValid {
            let (ts, seq, sameKey) = try iterator.withKeyBytes { key in
                let suffix = try IndexKey.decodeSuffix(key)
                let length = key.count - IndexKey.suffixLength
                var same = length == currentKey.count
                var index = 0
                while same, index < length {
                    same = key[index] == currentKey[index]
                    index += 1
                }
                if !same {
                    currentKey.removeAll(keepingCapacity: true)
                    for index in 0..<length { currentKey.append(key[index]) }
                }
                return (suffix.ts, suffix.seq, same)
            }
            rank = sameKey ? rank + 1 : 1
            try body(iterator, ts, seq, rank)
            iterator.next()
        }
        try iterator.checkError()
    }
}
