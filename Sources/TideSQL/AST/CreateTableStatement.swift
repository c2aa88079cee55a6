/// `CREATE TABLE [IF NOT EXISTS] name ( column | INDEX(...), ... ) [OPTIONS (...)]`,
/// `CREATE TABLE name LIKE other` and `CREATE TABLE name LIKE <format> 'path'`.
public struct CreateTableStatement: Sendable, Hashable {
    public var name: QualifiedName
    public var ifNotExists: Bool
    /// nil when no element list was written (`CREATE TABLE t LIKE ...`, or a bare name).
    public var elements: [TableElement]?
    public var like: TableLikeSource?
    public var options: OptionList?

    public init(
        name: QualifiedName, ifNotExists: Bool = false, elements: [TableElement]?, like: TableLikeSource? = nil,
        options: OptionList? = nil
    ) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.elements = elements
        self.like = like
        self.options = options
    }
}

/// What `CREATE TABLE ... LIKE` copies the schema from.
public enum TableLikeSource: Sendable, Hashable {
    case table(QualifiedName)
    /// `LIKE PARQUET 'path'`, `LIKE HIVE 'path'`.
    case external(format: Identifier, path: String)
}

/// One element of a CREATE TABLE list.
public enum TableElement: Sendable, Hashable {
    case column(ColumnDefinition)
    case index(IndexDefinition)
}

/// `name type [NOT NULL] [DEFAULT expr]`.
public struct ColumnDefinition: Sendable, Hashable {
    public var name: Identifier
    public var type: TypeName
    public var notNull: Bool
    public var defaultValue: Expr?

    public init(name: Identifier, type: TypeName, notNull: Bool = false, defaultValue: Expr? = nil) {
        self.name = name
        self.type = type
        self.notNull = notNull
        self.defaultValue = defaultValue
    }
}

/// `INDEX [name] (KEY=c | (c1, c2), TS=c, TTL=..., TTL_TYPE=..., other=value ...)`.
public struct IndexDefinition: Sendable, Hashable {
    public var name: Identifier?
    public var options: [IndexOption]
    public var location: NodeLocation

    public init(name: Identifier? = nil, options: [IndexOption], location: NodeLocation = .none) {
        self.name = name
        self.options = options
        self.location = location
    }
}

/// One `name = value` item inside INDEX(...) or CREATE INDEX ... OPTIONS(...).
public enum IndexOption: Sendable, Hashable {
    case key([Identifier])
    case ts(Identifier)
    case ttl([TTLComponent])
    case ttlType(TTLType)
    /// Options TideDB accepts for OpenMLDB compatibility but does not use (`dump`, `version`, ...).
    case other(OptionEntry)
}

/// One component of a TTL: an interval (`10d`) or a bare number (`100`).
public enum TTLComponent: Sendable, Hashable {
    case interval(Int64, IntervalUnit)
    case number(Int64)
}

/// How an index expires rows (OpenMLDB's TTL_TYPE).
public enum TTLType: String, Sendable, Hashable, CaseIterable {
    case absolute
    case latest
    case absandlat
    case absorlat
}

/// `CREATE INDEX name ON table (c1, c2) [OPTIONS (TS=..., TTL=..., TTL_TYPE=...)]`.
public struct CreateIndexStatement: Sendable, Hashable {
    public var name: Identifier
    public var table: QualifiedName
    public var columns: [Identifier]
    public var options: [IndexOption]

    public init(name: Identifier, table: QualifiedName, columns: [Identifier], options: [IndexOption]) {
        self.name = name
        self.table = table
        self.columns = columns
        self.options = options
    }
}

/// `ALTER TABLE t ADD OFFLINE_PATH 'p', DROP OFFLINE_PATH 'q'`.
public struct AlterTableStatement: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        case addOfflinePath(String)
        case dropOfflinePath(String)
    }

    public var table: QualifiedName
    public var actions: [Action]

    public init(table: QualifiedName, actions: [Action]) {
        self.table = table
        self.actions = actions
    }
}
