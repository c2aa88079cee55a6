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
}
