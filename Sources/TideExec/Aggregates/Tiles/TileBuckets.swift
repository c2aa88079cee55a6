/// Tile bucket arithmetic, shared by the writes that fold rows into tiles and the requests
/// that read them: a bucket of `size` ms starts at a multiple of `size`.
public enum TileBuckets {
    /// The start of the bucket holding `ts` (the largest multiple of `size` at or below it).
    public static func start(of ts: Int64, size: Int64) -> Int64 {
        let r = ts % size
        return r >= 0 ? ts - r : ts - r - size
    }

    /// The start of the first bucket that begins at or after `ts`.
    public static func firstStart(atOrAfter ts: Int64, size: Int64) -> Int64 {
        let r = ts % size
        return r == 0 ? ts : (r > 0 ? ts - r + size : ts - r)
    }
}
