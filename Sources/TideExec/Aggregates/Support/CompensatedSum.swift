/// A floating-point sum that supports removing values again: finite values are added with
/// Neumaier compensation, and NaN and the infinities are counted apart, so that retracting an
/// infinity or a NaN restores the finite sum exactly instead of leaving NaN behind.
struct CompensatedSum {
    /// How many values are currently included.
    private(set) var count = 0
    private var sum = 0.0
    private var compensation = 0.0
    private var nans = 0
    private var positiveInfinities = 0
    private var negativeInfinities = 0

    init() {}

    mutating func add(_ x: Double) {
        count += 1
        accumulate(x, sign: 1)
    }

    mutating func remove(_ x: Double) {
        count -= 1
        accumulate(x, sign: -1)
        if count <= 0 { self = CompensatedSum() }
    }

    /// Adds every value `other` includes (a tile's partial sum): its finite part is added
    /// with compensation, its NaN and infinity counts carry over.
    mutating func merge(_ other: CompensatedSum) {
        count += other.count
        nans += other.nans
        positiveInfinities += other.positiveInfinities
        negativeInfinities += other.negativeInfinities
        for part in [other.sum, other.compensation] where part != 0 { accumulate(part, sign: 1) }
    }

    /// The state as numbers, to store it (`init(parts:)` restores it).
    var parts: [Double] {
        [Double(count), sum, compensation, Double(nans), Double(positiveInfinities), Double(negativeInfinities)]
    }

    init?(parts: [Double]) {
        func isCount(_ part: Double) -> Bool { part >= 0 && part < 9.0e15 && part.rounded() == part }
        guard parts.count == 6, isCount(parts[0]), isCount(parts[3]), isCount(parts[4]), isCount(parts[5]) else {
            return nil
        }
        count = Int(parts[0])
        sum = parts[1]
        compensation = parts[2]
        nans = Int(parts[3])
        positiveInfinities = Int(parts[4])
        negativeInfinities = Int(parts[5])
    }

    /// The sum of the included values (0 when there are none).
    var value: Double {
        if nans > 0 || (positiveInfinities > 0 && negativeInfinities > 0) { return .nan }
        if positiveInfinities > 0 { return .infinity }
        if negativeInfinities > 0 { return -.infinity }
        return sum + compensation
    }

    private mutating func accumulate(_ x: Double, sign: Int) {
        if x.isNaN {
            nans += sign
            return
        }
        if x.isInfinite {
            if x > 0 { positiveInfinities += sign } else { negativeInfinities += sign }
            return
        }
        let y = sign > 0 ? x : -x
        let t = sum + y
        guard t.isFinite else {
            // The running sum overflowed; compensation no longer means anything.
            sum = t
            return
        }
        if abs(sum) >= abs(y) {
            compensation += (sum - t) + y
        } else {
            compensation += (y - t) + sum
        }
        sum = t
    }
}

/// An integer sum with two's-complement wrap-around (as OpenMLDB's native integer addition),
/// which makes `remove` the exact inverse of `add`.
struct WrappingSum {
    private(set) var count = 0
    private(set) var value: Int64 = 0

    init() {}

    mutating func add(_ x: Int64) {
        count += 1
        value &+= x
    }

    mutating func remove(_ x: Int64) {
        count -= 1
        value &-= x
    }

    /// Adds every value `other` includes.
    mutating func merge(_ other: WrappingSum) {
        count += other.count
        value &+= other.value
    }

    init(count: Int, value: Int64) {
        self.count = count
        self.value = value
    }
}
