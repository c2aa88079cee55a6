import Testing

@testable import TideExec

/// `regexp_like`'s own matcher: RE2's syntax, whole-string matching, linear time.
@Suite struct RegexProgramTests {
    private func like(_ text: String, _ pattern: String, _ flags: String = "c") -> Bool? {
        RegexpLike.matches(text, pattern: pattern, flags: flags)
    }

    @Test(arguments: [
        ("abc", "abc", true), ("abc", "ab", false), ("abc", "a.c", true), ("", "", true), ("", "a*", true),
        ("aaa", "a+", true), ("", "a+", false), ("ab", "ab?", true), ("a", "ab?", true), ("abb", "ab?", false),
        ("cat", "cat|dog", true), ("dog", "cat|dog", true), ("cow", "cat|dog", false), ("abab", "(ab)+", true),
        ("abc", "(?:a|b)+c", true), ("aaa", "a{3}", true), ("aa", "a{3}", false), ("aaaa", "a{2,3}", false),
        ("aaaa", "a{2,}", true), ("a{2", "a{2", true), ("x9", "[a-z][0-9]", true), ("X9", "[a-z][0-9]", false),
        ("b", "[^a]", true), ("a", "[^a]", false), ("7", "\\d", true), ("_", "\\w", true), (" ", "\\s", true),
        ("a", "\\D", true), ("a.b", "a\\.b", true), ("axb", "a\\.b", false), ("]", "[]]", true),
        ("-", "[a-]", true), ("q", "[[:alpha:]]", true), ("5", "[[:alpha:][:digit:]]", true),
        ("contact@openmldb.ai", "[A-Za-z0-9+_.-]+@openmldb[A-Za-z0-9+_.-]+", true), ("ab", "^ab$", true),
        ("hello world", "hello\\b.*", true), ("helloworld", "hello\\b.*", false), ("aab", "a*?b", true),
        ("é", ".", true), ("日本", "..", true), ("a\nb", "a.b", false),
    ])
    func matches(_ text: String, _ pattern: String, _ expected: Bool) {
        #expect(like(text, pattern) == expected, "\(text) ~ \(pattern)")
    }

    @Test func flags() {
        #expect(like("ABC", "abc", "i") == true)
        #expect(like("abc", "[A-C]+", "i") == true)
        #expect(like("ABC", "abc", "ic") == false)
        #expect(like("a\nb", "a.b", "s") == true)
        #expect(like("a\nb", "a$\n^b", "m") == true)
        #expect(like("a\nb", "a$\n^b") == false)
    }

    @Test(arguments: [
        "(", "a)", "*a", "a**", "[a", "[z-a]", "\\1", "(?=a)", "(?<=a)b", "a{2}{3}", "x{1001}", "[[:nope:]]",
    ])
    func invalidPatternsAreNil(_ pattern: String) {
        #expect(like("a", pattern) == nil, "\(pattern)")
    }

    /// Patterns that take a backtracking matcher exponential time finish here, whatever the
    /// text's length (the old matcher took 30 s at 20 characters on the first).
    @Test func noCatastrophicBacktracking() {
        let long = String(repeating: "a", count: 10_000)
        #expect(like(long + "b", "(a+)+$") == false)
        #expect(like(long, "(a+)+$") == true)
        #expect(like(long + "!", "(a|aa)*") == false)
        #expect(like(long, "(a*)*b") == false)
        #expect(like(String(repeating: "ab", count: 5_000), "(a|b|ab)*c") == false)
    }

    @Test func deepNestingIsRefusedNotAStackOverflow() {
        let deep = String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000)
        #expect(like("a", deep) == nil)
        let fine = String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100)
        #expect(like("a", fine) == true)
    }
}
