import TideCore

/// Scalar functions compute one value per row; aggregates fold the rows of a window or group.
public enum FunctionKind: String, Sendable, Hashable {
    case scalar
    case aggregate
}

/// One overload of a built-in function: parameter types, result type and null behaviour.
/// The binder resolves calls against these; TideExec registers one implementation per `id`.
public struct FunctionSignature: Sendable, Hashable, CustomStringConvertible {
    /// The canonical (lower-case) function name.
    public var name: String
    public var parameters: [SQLType]
    /// Further trailing arguments of this type, any number of them (`concat(string...)`).
    public var variadic: SQLType?
    public var returnType: SQLType
    public var kind: FunctionKind
    /// True when any NULL argument makes the result NULL without calling the implementation
    /// (most scalar functions). Aggregates see NULLs and skip them themselves.
    public var nullPropagating: Bool
    /// True when every scalar position takes a value of any scalar type as it is (the
    /// implementation converts it, as `concat` turns each argument into text), and every
    /// array position an array of any scalar element type (`array_combine`).
    public var acceptsAnyScalar: Bool = false
    /// True when arguments must have the parameter types exactly (or be NULL): no implicit
    /// widening, as OpenMLDB's `hour(int64)` refuses an int32 column.
    public var exactTypes: Bool = false

    public init(
        name: String, parameters: [SQLType], variadic: SQLType? = nil, returnType: SQLType, kind: FunctionKind,
        nullPropagating: Bool, acceptsAnyScalar: Bool = false
    ) {
        self.name = name
        self.parameters = parameters
        self.variadic = variadic
        self.returnType = returnType
        self.kind = kind
        self.nullPropagating = nullPropagating
        self.acceptsAnyScalar = acceptsAnyScalar
    }

    /// A scalar overload; NULL in, NULL out unless `nullPropagating` is false.
    public static func scalar(
        _ name: String, _ parameters: [SQLType], variadic: SQLType? = nil, returns: SQLType,
        nullPropagating: Bool = true, acceptsAnyScalar: Bool = false
    ) -> FunctionSignature {
        FunctionSignature(
            name: name, parameters: parameters, variadic: variadic, returnType: returns, kind: .scalar,
            nullPropagating: nullPropagating, acceptsAnyScalar: acceptsAnyScalar)
    }

    /// An aggregate overload (usable over windows, groups and whole tables).
    public static func aggregate(_ name: String, _ parameters: [SQLType], returns: SQLType) -> FunctionSignature {
        FunctionSignature(
            name: name, parameters: parameters, returnType: returns, kind: .aggregate, nullPropagating: false)
    }

    /// The key that ties this overload to its implementation: `name(type,type...)`.
    public var id: String { Self.id(name, parameters, variadic: variadic) }

    public static func id(_ name: String, _ parameters: [SQLType], variadic: SQLType? = nil) -> String {
        let list = parameters.map(\.description) + (variadic.map { ["\($0)..."] } ?? [])
        return "\(name)(\(list.joined(separator: ",")))"
    }

    /// `substring(string, int32, int32) -> string`.
    public var description: String {
        let list = parameters.map(\.description) + (variadic.map { ["\($0)..."] } ?? [])
        return "\(name)(\(list.joined(separator: ", "))) -> \(returnType)"
    }
}

/// A built-in function: its name, aliases, a one-line summary and its overloads.
public struct FunctionDefinition: Sendable, Hashable {
    public var name: String
    public var aliases: [String]
    public var summary: String
    public var signatures: [FunctionSignature]

    public init(_ name: String, aliases: [String] = [], summary: String, signatures: [FunctionSignature]) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.signatures = signatures
    }

    public var kind: FunctionKind { signatures.first?.kind ?? .scalar }
}

extension SQLType {
    /// The numeric types, narrowest first.
    public static let numericTypes: [SQLType] = [.int16, .int32, .int64, .float, .double]
    /// The integer types, narrowest first.
    public static let integerTypes: [SQLType] = [.int16, .int32, .int64]
    /// Every scalar type.
    public static let scalarTypes: [SQLType] = DataType.allCases.map { .scalar($0) }
}
