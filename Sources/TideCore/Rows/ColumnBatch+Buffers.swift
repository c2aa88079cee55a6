extension ColumnBatch {
    /// Calls `body` with every column's storage at once, for loops that read row by row across
    /// columns: a cell is then read without retaining and releasing its column's array.
    public func withColumnBuffers<R>(_ body: ([UnsafeBufferPointer<Value>]) throws -> R) throws -> R {
        var buffers: [UnsafeBufferPointer<Value>] = []
        buffers.reserveCapacity(columns.count)
        func nest(_ c: Int) throws -> R {
            if c == columns.count { return try body(buffers) }
            return try columns[c].withUnsafeBufferPointer { buffer in
                buffers.append(buffer)
                return try nest(c + 1)
            }
        }
        return try nest(0)
    }
}
