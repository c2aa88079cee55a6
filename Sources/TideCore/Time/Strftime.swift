/// `strftime`-style formatting of a moment's local fields, in the C/POSIX locale (English
/// names), as `date_format` uses it.
///
/// Supported conversions: `%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %n %p
/// %P %r %R %s %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %%`, with the GNU flags `-` (no
/// padding), `_` (pad with spaces), `0` (pad with zeros), `^` (upper case) and `#` (swap case),
/// an optional minimum width, and the ignored `E`/`O` modifiers. An unknown conversion is
/// copied to the output as written, as glibc does.
public enum Strftime {
    /// The moment being formatted: local fields plus what `%z`, `%Z` and `%s` need.
    public struct Moment: Sendable, Hashable {
        public var local: LocalDateTime
        /// Offset of the local fields from UTC, in seconds (`%z`).
        public var utcOffsetSeconds: Int
        /// The zone's name (`%Z`).
        public var zoneName: String
        /// The instant, in milliseconds since the epoch (`%s`).
        public var epochMilliseconds: Int64

        public init(local: LocalDateTime, utcOffsetSeconds: Int, zoneName: String, epochMilliseconds: Int64) {
            self.local = local
            self.utcOffsetSeconds = utcOffsetSeconds
            self.zoneName = zoneName
            self.epochMilliseconds = epochMilliseconds
        }

        /// The moment `ms` seen in `zone`.
        public init(timestamp ms: Int64, in zone: SessionTimeZone) {
            self.init(
                local: LocalDateTime(timestamp: ms, in: zone), utcOffsetSeconds: zone.offsetSeconds(atUTC: ms),
                zoneName: zone.description, epochMilliseconds: ms)
        }
    }

    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// A conversion's modifiers: flag character and minimum width.
    private struct Spec {
        var flag: Character?
        var width: Int?
    }

    /// Formats `moment` by `pattern`.
    public static func format(_ pattern: String, _ moment: Moment) -> String {
        var out = ""
        var chars = pattern[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            guard c == "%" else {
                out.append(c)
                continue
            }
            let start = chars
            var spec = Spec()
            if let f = chars.first, "-_0^#".contains(f) {
                spec.flag = f
                chars = chars.dropFirst()
            }
            let widthDigits = chars.prefix { $0.isASCIIDigit }
            if !widthDigits.isEmpty {
                spec.width = Int(widthDigits)
                chars = chars.dropFirst(widthDigits.count)
            }
            if let m = chars.first, m == "E" || m == "O" { chars = chars.dropFirst() }
            guard let conversion = chars.first else {
                out += "%" + start
                break
            }
            chars = chars.dropFirst()
            if let text = convert(conversion, spec, moment) {
                out += text
            } else {
                out += "%" + start[..<chars.startIndex]
            }
        }
        return out
    }

    /// The text of one conversion, or nil if `conversion` is unknown.
    private static func convert(_ conversion: Character, _ spec: Spec, _ m: Moment) -> String? {
        let date = m.local.date
        let hour12 = (m.local.hour + 11) % 12 + 1
        switch conversion {
        case "a": return text(String(weekdayNames[date.isoWeekday % 7].prefix(3)), spec)
        case "A": return text(weekdayNames[date.isoWeekday % 7], spec)
        case "b", "h": return text(String(monthNames[date.month - 1].prefix(3)), spec)
        case "B": return text(monthNames[date.month - 1], spec)
        case "c": return text(format("%a %b %e %H:%M:%S %Y", m), spec)
        case "C": return number(date.year.dividedRoundingDown(by: 100), 2, "0", spec)
        case "d": return number(date.day, 2, "0", spec)
        case "D", "x": return text(format("%m/%d/%y", m), spec)
        case "e": return number(date.day, 2, " ", spec)
        case "F": return text(format("%Y-%m-%d", m), spec)
        case "g": return number(floorMod(date.isoWeek.year, 100), 2, "0", spec)
        case "G": return number(date.isoWeek.year, 4, "0", spec)
        case "H": return number(m.local.hour, 2, "0", spec)
        case "I": return number(hour12, 2, "0", spec)
        case "j": return number(date.dayOfYear, 3, "0", spec)
        case "k": return number(m.local.hour, 2, " ", spec)
        case "l": return number(hour12, 2, " ", spec)
        case "m": return number(date.month, 2, "0", spec)
        case "M": return number(m.local.minute, 2, "0", spec)
        case "n": return "\n"
        case "p": return text(m.local.hour < 12 ? "AM" : "PM", spec, swapLowers: true)
        case "P": return text(m.local.hour < 12 ? "am" : "pm", spec)
        case "r": return text(format("%I:%M:%S %p", m), spec)
        case "R": return text(format("%H:%M", m), spec)
        case "s": return number(m.epochMilliseconds.dividedRoundingDown(by: 1000), 1, "0", spec)
        case "S": return number(m.local.second, 2, "0", spec)
        case "t": return "\t"
        case "T", "X": return text(format("%H:%M:%S", m), spec)
        case "u": return number(date.isoWeekday, 1, "0", spec)
        case "U": return number((date.dayOfYear - 1 + 7 - date.isoWeekday % 7) / 7, 2, "0", spec)
        case "V": return number(date.isoWeek.week, 2, "0", spec)
        case "w": return number(date.isoWeekday % 7, 1, "0", spec)
        case "W": return number((date.dayOfYear - 1 + 7 - (date.isoWeekday - 1)) / 7, 2, "0", spec)
        case "y": return number(floorMod(date.year, 100), 2, "0", spec)
        case "Y": return number(date.year, 4, "0", spec)
        case "z": return text(offsetText(m.utcOffsetSeconds), spec)
        case "Z": return text(m.zoneName, spec, swapLowers: true)
        case "%": return "%"
        default: return nil
        }
    }

    /// `+0800`, `-0500`.
    private static func offsetText(_ seconds: Int) -> String {
        let a = abs(seconds)
        let hhmm = a / 3600 * 100 + a % 3600 / 60
        let digits = String(hhmm)
        return (seconds < 0 ? "-" : "+") + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A number padded to `width` (or the spec's width) with `pad`, as the flags direct.
    private static func number<T: BinaryInteger>(_ value: T, _ width: Int, _ pad: Character, _ spec: Spec) -> String {
        let magnitude = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        let padChar: Character?
        switch spec.flag {
        case "-": padChar = nil
        case "_": padChar = " "
        case "0": padChar = "0"
        default: padChar = pad
        }
        let total = spec.width ?? width
        guard let padChar, sign.count + magnitude.count < total else { return sign + magnitude }
        let fill = String(repeating: padChar, count: total - sign.count - magnitude.count)
        return padChar == "0" ? sign + fill + magnitude : fill + sign + magnitude
    }

    /// Text, case-changed by `^` (upper) or `#` (swap: upper, or lower for `%p`/`%Z`), and
    /// right-aligned to the spec's width.
    private static func text(_ value: String, _ spec: Spec, swapLowers: Bool = false) -> String {
        var result = value
        if spec.flag == "^" { result = result.uppercased() }
        if spec.flag == "#" { result = swapLowers ? result.lowercased() : result.uppercased() }
        guard let width = spec.width, result.count < width else { return result }
        let padChar: Character = spec.flag == "0" ? "0" : " "
        return String(repeating: padChar, count: width - result.count) + result
    }

    private static func floorMod(_ a: Int, _ b: Int) -> Int { ((a % b) + b) % b }
}
