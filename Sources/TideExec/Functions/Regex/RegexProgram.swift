/// A regular expression compiled to a Thompson NFA and matched against a whole text with a
/// Pike VM: every position of the text is visited once with at most one thread per
/// instruction, so matching takes time linear in the text (times the pattern's size),
/// whatever the pattern. `(a+)+$` on 10,000 characters is as quick as `a+`.
struct RegexProgram: Sendable {
    enum Instruction: Sendable {
        case character(RegexCharacterSet)
        case assertion(RegexAssertion)
        /// Continue at both targets.
        case split(Int, Int)
        case jump(Int)
        case match
    }

    let instructions: [Instruction]
    let multiLine: Bool

    /// Programs larger than this are refused (a pattern such as `(a{1000}){1000}`).
    static let maximumSize = 100_000

    /// Nil when the pattern is invalid, unsupported or too large.
    init?(pattern: String, ignoreCase: Bool, multiLine: Bool, dotAll: Bool) {
        guard let node = RegexParser.parse(pattern, dotAll: dotAll) else { return nil }
        var compiler = Compiler(ignoreCase: ignoreCase)
        guard compiler.emit(node) else { return nil }
        compiler.program.append(.match)
        instructions = compiler.program
        self.multiLine = multiLine
    }

    private struct Compiler {
        let ignoreCase: Bool
        var program: [Instruction] = []

        /// Appends `node`'s code; false once the program grows too large.
        mutating func emit(_ node: RegexNode) -> Bool {
            guard program.count < RegexProgram.maximumSize else { return false }
            switch node {
            case .empty: return true
            case .group(let inner): return emit(inner)
            case .character(let set):
                program.append(.character(ignoreCase ? set.caseFolded() : set))
                return true
            case .assertion(let assertion):
                program.append(.assertion(assertion))
                return true
            case .concat(let items):
                for item in items where !emit(item) { return false }
                return true
            case .alternation(let branches):
                // split L1, next; L1: branch; jump end; next: split ...
                var jumps: [Int] = []
                for (i, branch) in branches.enumerated() {
                    if i < branches.count - 1 {
                        let split = program.count
                        program.append(.split(split + 1, 0))
                        guard emit(branch) else { return false }
                        jumps.append(program.count)
                        program.append(.jump(0))
                        program[split] = .split(split + 1, program.count)
                    } else {
                        guard emit(branch) else { return false }
                    }
                }
                for jump in jumps { program[jump] = .jump(program.count) }
                return true
            case .repetition(let inner, let min, let max):
                for _ in 0..<min where !emit(inner) { return false }
                if let max {
                    // Each optional copy: split into it or past all of them.
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(program.count)
                        program.append(.split(program.count + 1, 0))
                        guard emit(inner) else { return false }
                    }
                    for split in splits { program[split] = .split(split + 1, program.count) }
                } else {
                    let loop = program.count
                    program.append(.split(loop + 1, 0))
                    guard emit(inner) else { return false }
                    program.append(.jump(loop))
                    program[loop] = .split(loop + 1, program.count)
                }
                return true
            }
        }
    }

    /// True when the whole of `text` matches.
    func matchesWhole(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.map { scalar -> UInt32 in scalar.value }
        var current = ThreadList(capacity: instructions.count)
        var next = ThreadList(capacity: instructions.count)
        addThread(0, at: 0, in: scalars, to: &current)
        for position in 0..<scalars.count {
            if current.isEmpty { return false }
            let value = scalars[position]
            next.clear()
            for pc in current.threads {
                if case .character(let set) = instructions[pc], set.contains(value) {
                    addThread(pc + 1, at: position + 1, in: scalars, to: &next)
                }
            }
            swap(&current, &next)
        }
        return current.threads.contains { pc in
            if case .match = instructions[pc] { return true }
            return false
        }
    }

    /// Adds the thread at `pc` and every thread reachable from it without reading a
    /// character (splits, jumps, assertions that hold at `position`). Iterative, so a long
    /// chain of empty steps cannot overflow the stack.
    private func addThread(_ start: Int, at position: Int, in text: [UInt32], to list: inout ThreadList) {
        var stack = [start]
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch instructions[pc] {
            case .jump(let target): stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assertion(let assertion):
                if holds(assertion, at: position, in: text) { stack.append(pc + 1) }
            case .character, .match: break
            }
        }
    }

    private func holds(_ assertion: RegexAssertion, at position: Int, in text: [UInt32]) -> Bool {
        switch assertion {
        case .lineStart: return position == 0 || (multiLine && text[position - 1] == 0x0A)
        case .lineEnd: return position == text.count || (multiLine && text[position] == 0x0A)
        case .wordBoundary(let wanted):
            let before = position > 0 && RegexCharacterSet.word.contains(text[position - 1])
            let after = position < text.count && RegexCharacterSet.word.contains(text[position])
            return (before != after) == wanted
        }
    }
}

/// The set of live threads (instruction indexes) at one text position, in insertion order.
private struct ThreadList {
    private(set) var threads: [Int] = []
    private var present: [Bool]

    init(capacity: Int) { present = Array(repeating: false, count: capacity) }

    var isEmpty: Bool { threads.isEmpty }

    /// False when `pc` is already there.
    mutating func insert(_ pc: Int) -> Bool {
        guard !present[pc] else { return false }
        present[pc] = true
        threads.append(pc)
        return true
    }

    mutating func clear() {
        for pc in threads { present[pc] = false }
        threads.removeAll(keepingCapacity: true)
    }
}
