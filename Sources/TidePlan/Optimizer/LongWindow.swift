import TideCore

/// One entry of DEPLOY's `long_windows` option (`w1:1d` or `w2:1000`): a window of the query
/// and the bucket its partial aggregates are kept in (SEMANTICS.md §3.12).
public struct LongWindow: Sendable, Hashable {
    public enum Bucket: Sendable, Hashable {
        /// A bucket of this many rows.
        case rows(Int64)
        /// A bucket spanning this many milliseconds of the window's order key.
        case milliseconds(Int64)
    }

    /// The window's name, lowercased.
    public var window: String
    public var bucket: Bucket

    public init(window: String, bucket: Bucket) {
        self.window = window
        self.bucket = bucket
    }

    /// The entries of `long_windows='w1:1d,w2:1000'`; a missing bucket is one day.
    public static func parse(_ option: String) throws(TideError) -> [LongWindow] {
        var windows: [LongWindow] = []
        for item in option.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false)
            let name = parts.first.map { String($0).trimmed.lowercased() } ?? ""
            guard parts.count <= 2, !name.isEmpty else {
                throw TideError(.invalidParameterValue, "long_windows must look like 'w1:1d,w2:1000', got '\(option)'")
            }
            let bucket = parts.count == 2 ? try parseBucket(String(parts[1])) : .milliseconds(86_400_000)
            windows.append(LongWindow(window: name, bucket: bucket))
        }
        return windows
    }

    /// A positive row count (`1000`) or a positive time span (`30s`, `10m`, `2h`, `1d`);
    /// anything else (`2y`, `0`, `abc`) is 22023.
    static func parseBucket(_ text: String) throws(TideError) -> Bucket {
        let trimmed = text.trimmed.lowercased()
        if let count = Int64(trimmed), count > 0 { return .rows(count) }
        let units: [Character: Int64] = ["s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000]
        if let unit = trimmed.last, let scale = units[unit], let span = Int64(trimmed.dropLast()), span > 0 {
            let (ms, overflow) = span.multipliedReportingOverflow(by: scale)
            if !overflow { return .milliseconds(ms) }
        }
        throw TideError(
            .invalidParameterValue,
            "long window bucket '\(text)' is neither a row count nor a time span in s, m, h or d (such as 1d)")
    }
}

extension String {
    fileprivate var trimmed: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
