/// `INSERT [OR IGNORE] INTO t [(cols)] VALUES (...), (...)`.
public struct InsertStatement: Sendable, Hashable {
    public var orIgnore: Bool
    public var table: QualifiedName
    public var columns: [Identifier]?
    public var rows: [[Expr]]

    public init(orIgnore: Bool = false, table: QualifiedName, columns: [Identifier]?, rows: [[Expr]]) {
        self.orIgnore = orIgnore
        self.table = table
        self.columns = columns
        self.rows = rows
    }
}

/// `LOAD DATA INFILE 'path' INTO TABLE t [OPTIONS (...)] [CONFIG (...)]`.
public struct LoadDataStatement: Sendable, Hashable {
    public var path: String
    public var table: QualifiedName
    public var options: OptionList?
    public var config: OptionList?

    public init(path: String, table: QualifiedName, options: OptionList?, config: OptionList? = nil) {
        self.path = path
        self.table = table
        self.options = options
        self.config = config
    }
}
