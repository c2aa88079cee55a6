/// How long an index keeps rows (OpenMLDB's TTL and TTL_TYPE). Zero means "never expires"
/// for that component.
///
///     absolute   expired iff ts + absoluteMs <= now
///     latest     expired iff rank > latestCount (rank 1 = newest of the key)
///     absandlat  expired iff both of the above        (kept if recent OR among the newest)
///     absorlat   expired iff either of the above      (kept if recent AND among the newest)
public struct TTL: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case absolute
        case latest
        case absAndLat = "absandlat"
        case absOrLat = "absorlat"
    }

    public var kind: Kind
    /// Milliseconds; a multiple of one minute (OpenMLDB stores minutes, rounded up).
    public var absoluteMs: Int64
    public var latestCount: Int64

    public init(kind: Kind, absoluteMs: Int64 = 0, latestCount: Int64 = 0) {
        self.kind = kind
        self.absoluteMs = absoluteMs
        self.latestCount = latestCount
    }

    /// Keeps everything.
    public static let forever = TTL(kind: .absolute)

    /// True when a row whose index time is `ts` is expired by its age alone at `now`, so it
    /// is past this TTL the moment it is written (absandlat keeps a row while it is among the
    /// newest, so only absolute and absorlat count; a TTL of 0 keeps everything).
    public func expiresByAge(ts: Int64, now: Int64) -> Bool {
        absoluteMs > 0 && (kind == .absolute || kind == .absOrLat) && ts <= now &- absoluteMs
    }

    /// True when no row ever expires (a zero component never expires by itself).
    public var keepsEverything: Bool {
        switch kind {
        case .absolute: return absoluteMs == 0
        case .latest: return latestCount == 0
        case .absAndLat: return absoluteMs == 0 || latestCount == 0
        case .absOrLat: return absoluteMs == 0 && latestCount == 0
        }
    }

    /// `absolute 43200min`, `latest 10`, `absandlat 43200min&&10`, `absorlat 43200min||10`.
    public var description: String {
        let minutes = "\(absoluteMs / 60_000)min"
        switch kind {
        case .absolute: return "absolute \(minutes)"
        case .latest: return "latest \(latestCount)"
        case .absAndLat: return "absandlat \(minutes)&&\(latestCount)"
        case .absOrLat: return "absorlat \(minutes)||\(latestCount)"
        }
    }
}
