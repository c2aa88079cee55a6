/// Value comparison as SQL sees it: numbers compare by value across integer and floating
/// types, strings by UTF-8 bytes, dates and timestamps by time; NULL is not comparable.
/// NaN sorts above every other number, so sorting is total.
extension Value {
    /// -1, 0 or 1; nil when either side is NULL or the types cannot be compared.
    public static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.null, _), (_, .null): return nil
        case (.string(let x), .string(let y)):
            return x == y ? 0 : (x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.date(let x), .date(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.timestamp(let x), .timestamp(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.array(let x), .array(let y)):
            for (l, r) in zip(x, y) {
                guard let c = compare(l, r) else { return nil }
                if c != 0 { return c }
            }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        default:
            break
        }
        if a.isIntegral, b.isIntegral, let x = a.int64Value, let y = b.int64Value {
            return x == y ? 0 : (x < y ? -1 : 1)
        }
        guard a.isNumeric, b.isNumeric, let x = a.doubleValue, let y = b.doubleValue else { return nil }
        if x.isNaN || y.isNaN { return x.isNaN && y.isNaN ? 0 : (x.isNaN ? 1 : -1) }
        return x == y ? 0 : (x < y ? -1 : 1)
    }

    /// A total order for sorting: NULL first, then by `compare`, then by type name.
    public static func sortOrder(_ a: Value, _ b: Value) -> Int {
        switch (a.isNull, b.isNull) {
        case (true, true): return 0
        case (true, false): return -1
        case (false, true): return 1
        case (false, false): break
        }
        if let c = compare(a, b) { return c }
        let ta = a.dataType?.rawValue ?? "", tb = b.dataType?.rawValue ?? ""
        return ta == tb ? 0 : (ta < tb ? -1 : 1)
    }

    var isIntegral: Bool {
        switch self {
        case .int16, .int32, .int64, .timestamp, .bool: return true
        case .null, .float, .double, .string, .date, .array, .map: return false
        }
    }

    var isNumeric: Bool {
        switch self {
        case .int16, .int32, .int64, .float, .double, .timestamp, .bool: return true
        case .null, .string, .date, .array, .map: return false
        }
    }
}
