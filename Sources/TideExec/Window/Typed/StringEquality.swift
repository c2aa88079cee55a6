import TideCore

/// Strings coded by their bytes (`ColumnValues.strings`: an online read's dictionary, or
/// `ColumnValues.stringCodes`) regrouped by SQL string equality, which is `String` equality
/// (canonically equivalent strings are equal): what distinct_count and the `*_cate` keys count.
public enum StringEquality {
    /// Per code of `dictionary`, its group, and one string of each group. Every code is its own
    /// group when every string is ASCII (bytes then equal exactly when the strings do).
    public static func groups(_ dictionary: [String]) -> (groupOfCode: [Int32], representatives: [String]) {
        if dictionary.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
            return (dictionary.indices.map { Int32($0) }, dictionary)
        }
        var groups: [String: Int32] = [:]
        var representatives: [String] = []
        let groupOfCode = dictionary.map { text in
            if let group = groups[text] { return group }
            let group = Int32(representatives.count)
            groups[text] = group
            representatives.append(text)
            return group
        }
        return (groupOfCode, representatives)
    }

    /// Codes for distinct_count (`DistinctCoder`'s equality: String equality, NULL as ""), from
    /// codes by bytes (-1 for NULL); and how many codes there are.
    public static func distinctCodes(_ codes: [Int32], dictionary: [String]) -> (codes: [Int32], count: Int32) {
        let (groupOfCode, representatives) = groups(dictionary)
        var count = Int32(representatives.count)
        let empty: Int32
        if let at = dictionary.firstIndex(of: "") {
            empty = groupOfCode[at]
        } else {
            empty = count
            if codes.contains(-1) { count += 1 }
        }
        return (codes.map { $0 < 0 ? empty : groupOfCode[Int($0)] }, count)
    }
}
