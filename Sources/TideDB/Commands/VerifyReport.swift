import TideCore
import TideExec

/// What VERIFY DEPLOYMENT found: per feature column, the rows compared, the mismatches and the
/// first mismatching row.
struct VerifyReport {
    struct Mismatch {
        var seq: UInt64
        var request: [Value]
        var online: Value?
        var offline: Value?
    }

    let columns: [String]
    private(set) var checked = 0
    private(set) var mismatchedRows = 0
    private var counts: [Int]
    private var first: [Mismatch?]

    init(columns: [String]) {
        self.columns = columns
        counts = Array(repeating: 0, count: columns.count)
        first = Array(repeating: nil, count: columns.count)
    }

    var hasMismatches: Bool { mismatchedRows > 0 }

    /// Compares one replayed row's two answers (nil: the deployment's WHERE dropped the row).
    mutating func record(seq: UInt64, request: [Value], online: [Value]?, offline: [Value]?) {
        checked += 1
        var differs = false
        for c in columns.indices {
            let a = online.map { $0[c] }
            let b = offline.map { $0[c] }
            if Self.same(a, b) { continue }
            differs = true
            counts[c] += 1
            if first[c] == nil { first[c] = Mismatch(seq: seq, request: request, online: a, offline: b) }
        }
        if differs { mismatchedRows += 1 }
    }

    /// Equal values; floating-point values within a relative 1e-9 (the two engines may add
    /// a frame's values in different orders), NaN equal to NaN.
    static func same(_ a: Value?, _ b: Value?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        if a == b { return true }
        guard let x = floating(a), let y = floating(b) else { return false }
        if x.isNaN && y.isNaN { return true }
        return abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
    }

    private static func floating(_ v: Value) -> Double? {
        switch v {
        case .double(let d): return d
        case .float(let f): return Double(f)
        default: return nil
        }
    }

    /// One row per feature: name, rows checked, mismatches, the first mismatch.
    func rows() -> [[String]] {
        columns.indices.map { c in
            [columns[c], String(checked), String(counts[c]), first[c].map(Self.describe) ?? ""]
        }
    }

    /// The error detail: each mismatching feature with its count and first row.
    func detail(table: TableDef) -> String {
        columns.indices.filter { counts[$0] > 0 }.map { c in
            "\(columns[c]): \(counts[c]) of \(checked) rows differ; first: " + (first[c].map(Self.describe) ?? "")
        }.joined(separator: "\n")
    }

    private static func describe(_ m: Mismatch) -> String {
        let request = m.request.map { text($0) }.joined(separator: ", ")
        return "row seq \(m.seq) (\(request)): request \(text(m.online)), offline \(text(m.offline))"
    }

    private static func text(_ v: Value?) -> String {
        guard let v else { return "(row filtered out)" }
        if v == .null { return "NULL" }
        if case .string(let s) = Cast.cast(v, to: .string, context: FunctionContext()) { return s }
        return "?"
    }
}
