/// Parses the regular-expression syntax of `regexp_like` (RE2's, as OpenMLDB uses it):
/// literals, `.`, bracket classes with ranges, negation and `[:name:]` classes, `\d \w \s`
/// and their negations, escapes, `^ $ \b \B`, groups `( )` `(?: )` `(?P<name> )`, `|`, and
/// the quantifiers `* + ? {m} {m,} {m,n}` (lazy forms match the same whole strings). Invalid
/// or unsupported syntax (back-references, look-around) is nil, as RE2 rejects it.
struct RegexParser {
    private let scalars: [UInt32]
    private var index = 0
    private var depth = 0
    let dotAll: Bool

    static let maximumDepth = 200
    static let maximumRepeat = 1000

    init(_ pattern: String, dotAll: Bool) {
        scalars = pattern.unicodeScalars.map(\.value)
        self.dotAll = dotAll
    }

    static func parse(_ pattern: String, dotAll: Bool) -> RegexNode? {
        var parser = RegexParser(pattern, dotAll: dotAll)
        guard let node = parser.alternation(), parser.index == parser.scalars.count else { return nil }
        return node
    }

    private var current: UInt32? { index < scalars.count ? scalars[index] : nil }

    private mutating func accept(_ character: Character) -> Bool {
        guard let current, let ascii = character.asciiValue, current == UInt32(ascii) else { return false }
        index += 1
        return true
    }

    private mutating func alternation() -> RegexNode? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return nil }
        var branches: [RegexNode] = []
        repeat {
            guard let branch = concatenation() else { return nil }
            branches.append(branch)
        } while accept("|")
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func concatenation() -> RegexNode? {
        var items: [RegexNode] = []
        while let c = current, c != 0x7C, c != 0x29 {  // | )
            guard let atom = atom(), let item = quantified(atom) else { return nil }
            items.append(item)
        }
        return items.isEmpty ? .empty : items.count == 1 ? items[0] : .concat(items)
    }

    private mutating func quantified(_ atom: RegexNode) -> RegexNode? {
        var node = atom
        while let c = current {
            let bounds: (Int, Int?)
            switch c {
            case 0x2A: bounds = (0, nil)  // *
            case 0x2B: bounds = (1, nil)  // +
            case 0x3F: bounds = (0, 1)  // ?
            case 0x7B:  // {
                switch counts() {
                case .literal: return node
                case .invalid: return nil
                case .bounds(let low, let high): bounds = (low, high)
                }
            default: return node
            }
            index += 1
            _ = accept("?")  // lazy: the same whole matches
            if case .assertion = node { return nil }
            if case .repetition = node { return nil }  // RE2 rejects a** and a{2}{3}
            if case .group(let inner) = node { node = inner }
            node = .repetition(node, min: bounds.0, max: bounds.1)
        }
        return node
    }

    private enum Counts {
        /// The brace is a literal character.
        case literal
        /// A count RE2 refuses (above 1000, or max below min).
        case invalid
        case bounds(Int, Int?)
    }

    /// `{m}`, `{m,}`, `{m,n}` at `index`; leaves `index` on the closing brace. When the brace
    /// does not start a count it is a literal and `index` is unchanged.
    private mutating func counts() -> Counts {
        let start = index
        index += 1
        var tooLarge = false
        func number() -> Int? {
            var value = 0
            var digits = 0
            while let c = current, c >= 0x30, c <= 0x39 {
                value = min(value * 10 + Int(c - 0x30), Self.maximumRepeat + 1)
                digits += 1
                index += 1
            }
            if value > Self.maximumRepeat { tooLarge = true }
            return digits > 0 ? value : nil
        }
        guard let low = number() else {
            index = start
            return .literal
        }
        var high: Int? = low
        if accept(",") { high = current == 0x7D ? nil : number() }
        guard current == 0x7D else {
            index = start
            return .literal
        }
        if tooLarge || high.map({ $0 < low }) == true { return .invalid }
        return .bounds(low, high)
    }

    private mutating func atom() -> RegexNode? {
        guard let c = current else { return nil }
        index += 1
        switch c {
        case 0x2E: return .character(.any(dotAll: dotAll))  // .
        case 0x5E: return .assertion(.lineStart)  // ^
        case 0x24: return .assertion(.lineEnd)  // $
        case 0x5B: return bracket().map(RegexNode.character)  // [
        case 0x5C: return escape(inClass: false)  // \
        case 0x28:  // (
            if accept("?") {
                if accept(":") {
                } else if accept("P"), accept("<") {
                    while let n = current, n != 0x3E { index += 1 }
                    guard accept(">") else { return nil }
                } else {
                    return nil  // look-around, inline flags: not supported
                }
            }
            guard let inner = alternation(), accept(")") else { return nil }
            return .group(inner)
        case 0x2A, 0x2B, 0x3F, 0x29: return nil  // a quantifier or ) with nothing before it
        default: return .character(.scalar(c))
        }
    }

    /// `\x` outside or inside a bracket class.
    private mutating func escape(inClass: Bool) -> RegexNode? {
        guard let c = current else { return nil }
        index += 1
        switch c {
        case 0x64: return .character(.digit)  // d
        case 0x44: return .character(negate(.digit))  // D
        case 0x77: return .character(.word)  // w
        case 0x57: return .character(negate(.word))  // W
        case 0x73: return .character(.space)  // s
        case 0x53: return .character(negate(.space))  // S
        case 0x6E: return .character(.scalar(0x0A))  // n
        case 0x74: return .character(.scalar(0x09))  // t
        case 0x72: return .character(.scalar(0x0D))  // r
        case 0x66: return .character(.scalar(0x0C))  // f
        case 0x76: return .character(.scalar(0x0B))  // v
        case 0x62 where !inClass: return .assertion(.wordBoundary(true))  // b
        case 0x42 where !inClass: return .assertion(.wordBoundary(false))  // B
        default:
            // Letters and digits name classes or back-references RE2 does not have.
            if let scalar = Unicode.Scalar(c), scalar.properties.isAlphabetic || (c >= 0x30 && c <= 0x39) { return nil }
            return .character(.scalar(c))
        }
    }

    private func negate(_ set: RegexCharacterSet) -> RegexCharacterSet {
        RegexCharacterSet(ranges: set.ranges, negated: !set.negated)
    }

    /// A bracket class after its `[`.
    private mutating func bracket() -> RegexCharacterSet? {
        var set = RegexCharacterSet(ranges: [], negated: accept("^"))
        var first = true
        while let c = current, c != 0x5D || first {
            first = false
            if c == 0x5B, index + 1 < scalars.count, scalars[index + 1] == 0x3A {  // [:name:]
                guard let named = posixClass() else { return nil }
                set.ranges += named.ranges
                continue
            }
            // A negated shorthand inside a class ([\D]) is not supported.
            guard let member = classMember(), !member.negated else { return nil }
            set.ranges += member.ranges
        }
        guard accept("]") else { return nil }
        return set
    }

    /// One member of a bracket class: a character, a range `a-z` or a shorthand `\d`.
    private mutating func classMember() -> RegexCharacterSet? {
        switch classCharacter() {
        case nil: return nil
        case .set(let set)?: return set
        case .scalar(let low)?:
            if current == 0x2D, index + 1 < scalars.count, scalars[index + 1] != 0x5D {  // a-z
                index += 1
                guard case .scalar(let high)? = classCharacter(), high >= low else { return nil }
                return RegexCharacterSet(ranges: [low...high], negated: false)
            }
            return .scalar(low)
        }
    }

    private enum ClassCharacter {
        case scalar(UInt32)
        case set(RegexCharacterSet)
    }

    private mutating func classCharacter() -> ClassCharacter? {
        guard let c = current else { return nil }
        index += 1
        guard c == 0x5C else { return .scalar(c) }
        guard case .character(let set)? = escape(inClass: true) else { return nil }
        if !set.negated, set.ranges.count == 1, let only = set.ranges.first, only.count == 1 {
            return .scalar(only.lowerBound)
        }
        return .set(set)
    }

    /// `[:alpha:]` and the other POSIX classes (ASCII, as RE2).
    private mutating func posixClass() -> RegexCharacterSet? {
        index += 2
        var name = ""
        while let c = current, c != 0x3A, let scalar = Unicode.Scalar(c) {
            name.unicodeScalars.append(scalar)
            index += 1
        }
        guard accept(":"), accept("]") else { return nil }
        let ranges: [ClosedRange<UInt32>]
        switch name {
        case "alpha": ranges = [0x41...0x5A, 0x61...0x7A]
        case "digit": ranges = [0x30...0x39]
        case "alnum": ranges = [0x30...0x39, 0x41...0x5A, 0x61...0x7A]
        case "upper": ranges = [0x41...0x5A]
        case "lower": ranges = [0x61...0x7A]
        case "space": ranges = [0x09...0x0D, 0x20...0x20]
        case "blank": ranges = [0x09...0x09, 0x20...0x20]
        case "punct": ranges = [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E]
        case "xdigit": ranges = [0x30...0x39, 0x41...0x46, 0x61...0x66]
        case "word": ranges = RegexCharacterSet.word.ranges
        case "cntrl": ranges = [0x00...0x1F, 0x7F...0x7F]
        case "print": ranges = [0x20...0x7E]
        case "graph": ranges = [0x21...0x7E]
        default: return nil
        }
        return RegexCharacterSet(ranges: ranges, negated: false)
    }
}
