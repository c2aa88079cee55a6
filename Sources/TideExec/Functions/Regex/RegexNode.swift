/// A parsed regular expression (`RegexParser`), before compiling to a `RegexProgram`.
indirect enum RegexNode: Sendable {
    case empty
    /// One character from a set.
    case character(RegexCharacterSet)
    case concat([RegexNode])
    case alternation([RegexNode])
    /// `node{min,max}`; `max` nil is unbounded.
    case repetition(RegexNode, min: Int, max: Int?)
    case assertion(RegexAssertion)
    /// A parenthesized expression (it may be repeated as a whole, unlike a bare repetition).
    case group(RegexNode)
}

/// A zero-width test at a position.
enum RegexAssertion: Sendable, Hashable {
    /// `^`: the start of the text (or of a line, with the `m` flag).
    case lineStart
    /// `$`: the end of the text (or of a line, with the `m` flag).
    case lineEnd
    /// `\b` and `\B`.
    case wordBoundary(Bool)
}

/// The characters one position may match: ranges of Unicode scalars, optionally negated.
struct RegexCharacterSet: Sendable {
    var ranges: [ClosedRange<UInt32>]
    var negated: Bool

    static let digit = RegexCharacterSet(ranges: [0x30...0x39], negated: false)
    static let word = RegexCharacterSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A], negated: false)
    static let space = RegexCharacterSet(ranges: [0x09...0x0D, 0x20...0x20], negated: false)

    static func scalar(_ value: UInt32) -> RegexCharacterSet {
        RegexCharacterSet(ranges: [value...value], negated: false)
    }

    /// Any character (`.`); a newline only with the `s` flag.
    static func any(dotAll: Bool) -> RegexCharacterSet {
        dotAll ? RegexCharacterSet(ranges: [], negated: true) : RegexCharacterSet(ranges: [0x0A...0x0A], negated: true)
    }

    func contains(_ value: UInt32) -> Bool {
        var found = false
        for range in ranges where range.contains(value) {
            found = true
            break
        }
        return found != negated
    }

    /// The set with both cases of every letter in it (the `i` flag).
    func caseFolded() -> RegexCharacterSet {
        var folded = ranges
        for range in ranges where range.count <= 512 {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                for variant in [scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping] {
                    let scalars = variant.unicodeScalars
                    if scalars.count == 1, let other = scalars.first?.value, other != value {
                        folded.append(other...other)
                    }
                }
            }
        }
        return RegexCharacterSet(ranges: folded, negated: negated)
    }
}
