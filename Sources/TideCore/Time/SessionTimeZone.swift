import Foundation

/// The session time zone (`SET @@time_zone`): a fixed UTC offset such as `+08:00`, or an
/// IANA name such as `Asia/Shanghai`. Used to turn timestamps into local dates and times and
/// back (OpenMLDB fixes UTC+8; TideDB defaults to UTC).
public struct SessionTimeZone: Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Sendable, Hashable {
        case fixed(seconds: Int)
        case named(String)
    }

    private let kind: Kind

    public static let utc = SessionTimeZone(kind: .fixed(seconds: 0))

    private init(kind: Kind) { self.kind = kind }

    /// Parses `UTC`, `Z`, `+08:00`, `-0530`, `+8`, `UTC+8` or an IANA name; nil if unknown.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let upper = trimmed.uppercased()
        if upper == "UTC" || upper == "Z" || upper == "GMT" {
            kind = .fixed(seconds: 0)
            return
        }
        var body = Substring(upper)
        if body.hasPrefix("UTC") || body.hasPrefix("GMT") { body = body.dropFirst(3) }
        if let sign = body.first, sign == "+" || sign == "-" {
            let digits = body.dropFirst()
            let pieces = digits.split(separator: ":", omittingEmptySubsequences: false)
            var hours = 0
            var minutes = 0
            if pieces.count == 2, let h = Int(pieces[0]), let m = Int(pieces[1]) {
                hours = h
                minutes = m
            } else if pieces.count == 1, digits.count == 4, let hm = Int(digits) {
                hours = hm / 100
                minutes = hm % 100
            } else if pieces.count == 1, digits.count <= 2, let h = Int(digits) {
                hours = h
            } else {
                return nil
            }
            guard hours <= 14, minutes < 60 else { return nil }
            let seconds = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
            kind = .fixed(seconds: seconds)
            return
        }
        guard TimeZone(identifier: trimmed) != nil else { return nil }
        kind = .named(trimmed)
    }

    /// The offset from UTC, in seconds, at the instant `ms` (milliseconds since the epoch).
    public func offsetSeconds(atUTC ms: Int64) -> Int {
        switch kind {
        case .fixed(let seconds): return seconds
        case .named(let name):
            guard let zone = TimeZone(identifier: name) else { return 0 }
            return zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(ms) / 1000))
        }
    }

    /// The offset that applies to a local wall-clock time (milliseconds since the local epoch).
    ///
    /// Around a DST change the offsets a day before and a day after are tried: a time repeated
    /// by a fall-back overlap takes the earlier offset (the earlier instant), and a time skipped
    /// by a spring-forward gap also takes the earlier offset, which moves it forward by the gap
    /// (02:30 in a 02:00→03:00 gap becomes 03:30), as PostgreSQL and java.time do.
    public func offsetSeconds(atLocal ms: Int64) -> Int {
        switch kind {
        case .fixed(let seconds): return seconds
        case .named:
            let day: Int64 = 86_400_000
            let before = offsetSeconds(atUTC: ms &- day)
            let after = offsetSeconds(atUTC: ms &+ day)
            if offsetSeconds(atUTC: ms &- Int64(before) * 1000) == before { return before }
            if offsetSeconds(atUTC: ms &- Int64(after) * 1000) == after { return after }
            return before
        }
    }

    /// `+08:00`, `UTC` or the IANA name.
    public var description: String {
        switch kind {
        case .fixed(let seconds):
            if seconds == 0 { return "UTC" }
            let a = abs(seconds)
            let h = a / 3600, m = (a % 3600) / 60
            return (seconds < 0 ? "-" : "+") + (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
        case .named(let name): return name
        }
    }
}
