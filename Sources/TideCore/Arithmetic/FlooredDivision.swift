extension BinaryInteger {
    /// `self / divisor` rounded towards negative infinity (an instant before 1970 in coarser
    /// units: -1 ms is second -1, not 0).
    public func dividedRoundingDown(by divisor: Self) -> Self {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
