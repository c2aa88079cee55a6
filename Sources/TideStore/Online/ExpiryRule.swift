import TideCore

/// An index's TTL (SEMANTICS.md §3.10) evaluated at one instant, for a scan of each key from
/// its newest entry. For a row with index TS `x` and rank `i` within its key (1 = newest):
///
///     absolute   expired iff x + A ≤ now            A = 0: never
///     latest     expired iff i > L                  L = 0: never
///     absandlat  expired iff x + A ≤ now AND i > L  A = 0 or L = 0: never
///     absorlat   expired iff x + A ≤ now OR  i > L  A = 0: L only; L = 0: A only; both: never
///
/// An index without a TS column has no time to expire by: its absolute component never
/// holds (so `absandlat` never expires there, and `absorlat` keeps only the latest rule).
///
/// Within one key, TS never increases and the rank always does as a scan proceeds, so once
/// an entry is expired every later entry of the key is too: scans stop at the first one.
struct ExpiryRule: Sendable {
    let kind: TTL.Kind
    /// Entries with TS ≤ this are past the absolute TTL (`x + A ≤ now` ⇔ `x ≤ now − A`);
    /// nil when the absolute component cannot expire anything.
    let absoluteCutoff: Int64?
    /// The number of newest entries per key the latest component keeps; nil when it keeps all.
    let latestCount: Int64?

    /// The rule of `ttl` at instant `now` (ms) for an index with or without a TS column.
    init(_ ttl: TTL, hasTS: Bool, now: Int64) {
        self.kind = ttl.kind
        let usesAbsolute: Bool
        let usesLatest: Bool
        switch ttl.kind {
        case .absolute: (usesAbsolute, usesLatest) = (true, false)
        case .latest: (usesAbsolute, usesLatest) = (false, true)
        case .absAndLat, .absOrLat: (usesAbsolute, usesLatest) = (true, true)
        }
        if usesAbsolute, hasTS, ttl.absoluteMs > 0 {
            let (cutoff, overflow) = now.subtractingReportingOverflow(ttl.absoluteMs)
            self.absoluteCutoff = overflow ? nil : cutoff
        } else {
            self.absoluteCutoff = nil
        }
        self.latestCount = usesLatest && ttl.latestCount > 0 ? ttl.latestCount : nil
    }

    /// True if no entry can ever be expired by this rule.
    var keepsEverything: Bool {
        switch kind {
        case .absolute: return absoluteCutoff == nil
        case .latest: return latestCount == nil
        case .absAndLat: return absoluteCutoff == nil || latestCount == nil
        case .absOrLat: return absoluteCutoff == nil && latestCount == nil
        }
    }

    /// The index TS at or below which every entry is expired whatever its rank (nil: none is
    /// expired by time alone).
    var timeCutoff: Int64? {
        switch kind {
        case .absolute, .absOrLat: return absoluteCutoff
        // absandlat also needs the rank: time alone never expires an entry.
        case .latest, .absAndLat: return nil
        }
    }

    /// True if expiry depends on the rank, so a scan must count entries from the newest.
    var needsRank: Bool { latestCount != nil && !keepsEverything }

    /// True if the entry with index TS `ts` and rank `rank` (1 = newest of its key) is expired.
    @inline(__always)
    func isExpired(ts: Int64, rank: Int64) -> Bool {
        let old = absoluteCutoff.map { ts <= $0 } ?? false
        let beyond = latestCount.map { rank > $0 } ?? false
        switch kind {
        case .absolute: return old
        case .latest: return beyond
        case .absAndLat: return old && beyond
        case .absOrLat: return old || beyond
        }
    }
}
