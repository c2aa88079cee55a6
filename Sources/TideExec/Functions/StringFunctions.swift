import TideCore
import TidePlan

/// Implementations of the String family (signatures in TidePlan's FunctionCatalog).
enum StringFunctions {
    static func register(into registry: inout FunctionRegistry) {
        registry.scalar("char", [.int32]) { a, _ in .string(StringKernels.character(try int32(a, 0))) }
        registry.scalar("char_length", [.string]) { a, _ in .int32(Int32(clamping: try string(a, 0).utf8.count)) }
        registerConcat(into: &registry)
        registerHex(into: &registry)
        registry.scalar("unhex", [.string]) { a, _ in StringKernels.unhex(try string(a, 0)).map(Value.string) ?? .null }
        registry.scalar("lcase", [.string]) { a, _ in .string(StringKernels.asciiCase(try string(a, 0), upper: false)) }
        registry.scalar("ucase", [.string]) { a, _ in .string(StringKernels.asciiCase(try string(a, 0), upper: true)) }
        registerMatching(into: &registry)
        registry.scalar("replace", [.string, .string]) { a, _ in
            .string(StringKernels.replace(try string(a, 0), try string(a, 1), with: ""))
        }
        registry.scalar("replace", [.string, .string, .string]) { a, _ in
            .string(StringKernels.replace(try string(a, 0), try string(a, 1), with: try string(a, 2)))
        }
        registry.scalar("reverse", [.string]) { a, _ in .string(StringKernels.reverse(try string(a, 0))) }
        registry.scalar("strcmp", [.string, .string]) { a, _ in
            .int32(StringKernels.compare(try string(a, 0), try string(a, 1)))
        }
        registry.scalar("substring", [.string, .int32]) { a, _ in
            .string(StringKernels.substring(try string(a, 0), from: try int32(a, 1), length: nil))
        }
        registry.scalar("substring", [.string, .int32, .int32]) { a, _ in
            .string(StringKernels.substring(try string(a, 0), from: try int32(a, 1), length: try int32(a, 2)))
        }
        registry.scalar("locate", [.string, .string]) { a, _ in
            .int32(StringKernels.locate(try string(a, 0), in: try string(a, 1)))
        }
        registry.scalar("locate", [.string, .string, .int32]) { a, _ in
            .int32(StringKernels.locate(try string(a, 0), in: try string(a, 1), from: try int32(a, 2)))
        }
        registerSplitting(into: &registry)
    }

    // MARK: - Families of overloads

    /// `concat` and `concat_ws`: arguments of any scalar types, each converted to text.
    private static func registerConcat(into registry: inout FunctionRegistry) {
        registry.scalar("concat", [], variadic: .string) { a, context in
            .string(try a.map { try text($0, context) }.joined())
        }
        registry.scalar("concat_ws", [.string], variadic: .string) { a, context in
            // The separator too may be of any type: its text separates (as concat's arguments).
            let separator = try text(a[0], context)
            return .string(try a.dropFirst().map { try text($0, context) }.joined(separator: separator))
        }
    }

    /// `hex` of numbers and strings.
    private static func registerHex(into registry: inout FunctionRegistry) {
        registry.scalar("hex", [.int16]) { a, _ in .string(StringKernels.hex(try int64(a, 0), wide: false)) }
        registry.scalar("hex", [.int32]) { a, _ in .string(StringKernels.hex(try int64(a, 0), wide: false)) }
        registry.scalar("hex", [.int64]) { a, _ in .string(StringKernels.hex(try int64(a, 0), wide: true)) }
        registry.scalar("hex", [.float]) { a, _ in StringKernels.hex(try double(a, 0)).map(Value.string) ?? .null }
        registry.scalar("hex", [.double]) { a, _ in StringKernels.hex(try double(a, 0)).map(Value.string) ?? .null }
        registry.scalar("hex", [.string]) { a, _ in .string(StringKernels.hex(try string(a, 0))) }
    }

    /// `like_match`, `ilike_match` and `regexp_like`.
    private static func registerMatching(into registry: inout FunctionRegistry) {
        for (name, fold) in [("like_match", false), ("ilike_match", true)] {
            registry.scalar(name, [.string, .string]) { a, _ in
                .bool(LikePattern.matches(try string(a, 0), pattern: try string(a, 1), caseInsensitive: fold))
            }
            registry.scalar(name, [.string, .string, .string]) { a, _ in
                switch LikePattern.escapeByte(try string(a, 2)) {
                case .success(let escape):
                    return .bool(
                        LikePattern.matches(
                            try string(a, 0), pattern: try string(a, 1), escape: escape, caseInsensitive: fold))
                case .failure:
                    // OpenMLDB semantics: an escape longer than one character matches nothing.
                    return .bool(false)
                }
            }
        }
        registry.scalar("regexp_like", [.string, .string]) { a, _ in
            RegexpLike.matches(try string(a, 0), pattern: try string(a, 1)).map(Value.bool) ?? .null
        }
        registry.scalar("regexp_like", [.string, .string, .string]) { a, _ in
            RegexpLike.matches(try string(a, 0), pattern: try string(a, 1), flags: try string(a, 2))
                .map(Value.bool) ?? .null
        }
    }

    /// `split*`, `split_array` and `join` (scalar and aggregate).
    private static func registerSplitting(into registry: inout FunctionRegistry) {
        // OpenMLDB semantics: a NULL input string splits into an empty list; a NULL
        // delimiter still gives NULL.
        registry.scalar("split", [.string, .string]) { a, _ in
            guard case .string(let delimiter) = a[1] else { return .null }
            guard case .string(let s) = a[0] else { return .array([]) }
            return .array(StringSplitting.split(s, by: delimiter).map(Value.string))
        }
        for (name, keys) in [("split_by_key", true), ("split_by_value", false)] {
            registry.scalar(name, [.string, .string, .string]) { a, _ in
                guard case .string(let delimiter) = a[1], case .string(let pair) = a[2] else { return .null }
                guard case .string(let s) = a[0] else { return .array([]) }
                return .array(
                    StringSplitting.splitPairs(s, by: delimiter, pair: pair, keys: keys).map(Value.string))
            }
        }
        registry.scalar("split_array", [.string, .string]) { a, _ in
            .array(
                StringSplitting.splitArray(try string(a, 0), by: try string(a, 1)).map { $0.map(Value.string) ?? .null }
            )
        }
        registry.scalar("join", [.array(.string), .string]) { a, _ in
            guard case .array(let items) = a[0] else { throw TideError.internal("join expects a list") }
            return .string(StringSplitting.join(items.map(\.stringValue), with: try string(a, 1)))
        }
        registry.aggregate("join", [.string, .string], retractable: true) { _ in JoinAggregator() }
    }

    // MARK: - Argument access

    /// Argument `i` as a string (the binder guarantees the type; NULLs were filtered out).
    static func string(_ a: [Value], _ i: Int) throws -> String {
        guard i < a.count, case .string(let s) = a[i] else { throw TideError.internal("argument \(i) is not a string") }
        return s
    }

    /// Argument `i` as an int32.
    static func int32(_ a: [Value], _ i: Int) throws -> Int32 {
        guard i < a.count, let v = a[i].int64Value else { throw TideError.internal("argument \(i) is not an integer") }
        return Int32(clamping: v)
    }

    /// Argument `i` as an int64.
    static func int64(_ a: [Value], _ i: Int) throws -> Int64 {
        guard i < a.count, let v = a[i].int64Value else { throw TideError.internal("argument \(i) is not an integer") }
        return v
    }

    /// Argument `i` as a double.
    static func double(_ a: [Value], _ i: Int) throws -> Double {
        guard i < a.count, let v = a[i].doubleValue else { throw TideError.internal("argument \(i) is not a number") }
        return v
    }

    /// The text of a scalar argument.
    private static func text(_ v: Value, _ context: FunctionContext) throws -> String {
        guard let s = ValueText.text(v, timeZone: context.timeZone) else {
            throw TideError.internal("concat argument has no text form")
        }
        return s
    }
}
