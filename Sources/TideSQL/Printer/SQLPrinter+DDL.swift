import TideCore

extension SQLPrinter {
    static func text(_ create: CreateTableStatement) -> String {
        var s = "CREATE TABLE \(create.ifNotExists ? "IF NOT EXISTS " : "")\(text(create.name))"
        switch create.like {
        case nil: break
        case .table(let name): s += " LIKE " + text(name)
        case .external(let format, let path): s += " LIKE \(text(format)) \(quoted(path))"
        }
        if let elements = create.elements {
            s +=
                " ("
                + elements.map { element -> String in
                    switch element {
                    case .column(let c): return text(c)
                    case .index(let index):
                        let name = index.name.map { " " + text($0) } ?? ""
                        return "INDEX\(name)(" + index.options.map { text($0) }.joined(separator: ", ") + ")"
                    }
                }.joined(separator: ", ") + ")"
        }
        return s + optionsSuffix(create.options)
    }

    static func text(_ column: ColumnDefinition) -> String {
        var s = "\(text(column.name)) \(text(column.type))"
        if column.notNull { s += " NOT NULL" }
        if let value = column.defaultValue { s += " DEFAULT " + text(value) }
        return s
    }

    static func text(_ option: IndexOption) -> String {
        switch option {
        case .key(let keys): return keys.count == 1 ? "KEY=\(text(keys[0]))" : "KEY=(\(list(keys)))"
        case .ts(let ts): return "TS=" + text(ts)
        case .ttl(let components):
            let items = components.map { component -> String in
                switch component {
                case .interval(let v, let unit): return "\(v)\(unit.rawValue)"
                case .number(let v): return String(v)
                }
            }
            return items.count == 1 ? "TTL=\(items[0])" : "TTL=(\(items.joined(separator: ", ")))"
        case .ttlType(let type): return "TTL_TYPE=" + type.rawValue
        case .other(let entry): return "\(text(entry.name))=\(text(entry.value))"
        }
    }

    static func text(_ script: FunctionScript) -> String {
        var s = "%%fun"
        for function in script.functions {
            let parameters = function.parameters.map { "\(text($0.name)):\(text($0.type))" }.joined(separator: ", ")
            s += " def \(text(function.name))(\(parameters)):\(text(function.returns))"
            for statement in function.body { s += " " + text(statement) }
            s += " end"
        }
        if let query = script.query { s += " %%sql " + text(query) }
        return s
    }

    private static func text(_ type: ScriptType) -> String {
        switch type {
        case .scalar(let name): return text(name)
        case .list(let element): return "list<\(text(element))>"
        }
    }

    private static func text(_ statement: ScriptStatement) -> String {
        switch statement {
        case .assign(let target, let value): return "\(text(target)) = \(text(value))"
        case .addAssign(let target, let value): return "\(text(target)) += \(text(value))"
        case .returnValue(let value): return "return " + text(value)
        case .ifHeader(let condition): return "if " + text(condition)
        case .elifHeader(let condition): return "elif " + text(condition)
        case .elseHeader: return "else"
        case .forIn(let variable, let sequence): return "for \(text(variable)) in \(text(sequence))"
        }
    }
}
