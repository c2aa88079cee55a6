/// OpenMLDB's scripted UDF block: `%%fun def f(x:i32):i32 ... end ... [%%sql query]`.
///
/// Bodies are a small statement language (assignment, `+=`, `return`, `if/elif/else`,
/// `for x in list`) whose blocks OpenMLDB delimits by indentation; TideDB keeps the
/// statements in order, with block headers as statements of their own.
public struct FunctionScript: Sendable, Hashable {
    public var functions: [ScriptFunction]
    public var query: QueryStatement?

    public init(functions: [ScriptFunction], query: QueryStatement?) {
        self.functions = functions
        self.query = query
    }
}

/// `def name(p:type, ...):type statements end`.
public struct ScriptFunction: Sendable, Hashable {
    public struct Parameter: Sendable, Hashable {
        public var name: Identifier
        public var type: ScriptType

        public init(name: Identifier, type: ScriptType) {
            self.name = name
            self.type = type
        }
    }

    public var name: Identifier
    public var parameters: [Parameter]
    public var returns: ScriptType
    public var body: [ScriptStatement]

    public init(name: Identifier, parameters: [Parameter], returns: ScriptType, body: [ScriptStatement]) {
        self.name = name
        self.parameters = parameters
        self.returns = returns
        self.body = body
    }
}

/// A script type: `i32`, `float`, `list<i32>`.
public indirect enum ScriptType: Sendable, Hashable {
    case scalar(Identifier)
    case list(ScriptType)
}

/// One statement of a script body.
public enum ScriptStatement: Sendable, Hashable {
    case assign(Identifier, Expr)
    case addAssign(Identifier, Expr)
    case returnValue(Expr)
    case ifHeader(Expr)
    case elifHeader(Expr)
    case elseHeader
    case forIn(Identifier, Expr)
}
