import TideCore

/// The RocksDB key of one catalog entry. The catalog owns the key space whose first byte is
/// `0x01`; no other writer may produce keys starting with that byte.
///
///     byte:  0      1      2 ...
///          ┌──────┬──────┬───────────────────────────────────────────────┐
///          │ 0x01 │ kind │ names, each a 4-byte big-endian length + UTF-8 │
///          └──────┴──────┴───────────────────────────────────────────────┘
///
///     kind  entry        names                    value
///     0x01  database     ‹db›                     DatabaseRecord (JSON)
///     0x02  table        ‹db› ‹table›             TableRecord (JSON, holds the TableDef)
///     0x03  deployment   ‹db› ‹deployment›        DeploymentRecord (JSON)
///     0x04  sequence     ‹sequence name›          UInt64, big-endian (last value handed out)
///     0x05  user         ‹user›                   UserRecord (JSON: SCRAM verifier, never the password)
///     0x06  connector    ‹connector›              ConnectorRecord (JSON: a Kafka source or sink)
///     0x07  dropping     ‹table id, decimal›      TableRecord (JSON: a dropped table whose rows and
///                                                   files are still being removed)
///
/// Every name is length-prefixed, so no encoded name is a prefix of another: the prefix
/// `01 02 ‹user_1›` (`00 00 00 06 user_1`) never matches a key of database `user_10`
/// (`00 00 00 07 user_10`). A scan of one database's tables is therefore one prefix scan.
/// Names are stored exactly as created (case preserved).
enum CatalogKey: Hashable, Sendable {
    case database(String)
    case table(database: String, name: String)
    case deployment(database: String, name: String)
    case sequence(String)
    case user(String)
    case connector(String)
    case droppedTable(UInt32)

    /// The first byte of every catalog key.
    static let namespace: UInt8 = 0x01

    /// The prefix of the whole catalog key space.
    static let spacePrefix: [UInt8] = [namespace]

    /// The sequence that hands out table ids.
    static let tableIDSequence = CatalogKey.sequence("table_id")

    /// The kind byte that follows `namespace`.
    enum Kind: UInt8, Sendable {
        case database = 0x01
        case table = 0x02
        case deployment = 0x03
        case sequence = 0x04
        case user = 0x05
        case connector = 0x06
        case droppedTable = 0x07
    }

    /// The encoded key.
    var bytes: [UInt8] {
        switch self {
        case .database(let name):
            return Self.encode(.database, [name])
        case .table(let database, let name):
            return Self.encode(.table, [database, name])
        case .deployment(let database, let name):
            return Self.encode(.deployment, [database, name])
        case .sequence(let name):
            return Self.encode(.sequence, [name])
        case .user(let name):
            return Self.encode(.user, [name])
        case .connector(let name):
            return Self.encode(.connector, [name])
        case .droppedTable(let id):
            return Self.encode(.droppedTable, [String(id)])
        }
    }

    /// The prefix shared by the keys of every table in `database`, and only by them.
    static func tablesPrefix(database: String) -> [UInt8] {
        encode(.table, [database])
    }

    /// The prefix shared by the keys of every deployment in `database`, and only by them.
    static func deploymentsPrefix(database: String) -> [UInt8] {
        encode(.deployment, [database])
    }

    /// Decodes a key read from the catalog key space; throws `XX001` when it is malformed.
    init(decoding key: [UInt8]) throws {
        guard key.count >= 2, key[0] == Self.namespace else {
            throw TideError.corruptedCatalog(key: key, "not a catalog key")
        }
        guard let kind = Kind(rawValue: key[1]) else {
            throw TideError.corruptedCatalog(key: key, "unknown catalog entry kind \(key[1])")
        }
        var names: [String] = []
        var offset = 2
        while offset < key.count {
            guard offset + 4 <= key.count else {
                throw TideError.corruptedCatalog(key: key, "truncated name length")
            }
            let length = key[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            offset += 4
            guard offset + length <= key.count else {
                throw TideError.corruptedCatalog(key: key, "truncated name")
            }
            guard let name = String(validating: key[offset..<offset + length], as: UTF8.self) else {
                throw TideError.corruptedCatalog(key: key, "name is not valid UTF-8")
            }
            names.append(name)
            offset += length
        }
        switch kind {
        case .database:
            guard names.count == 1 else { throw TideError.corruptedCatalog(key: key, "expected one name") }
            self = .database(names[0])
        case .table:
            guard names.count == 2 else { throw TideError.corruptedCatalog(key: key, "expected two names") }
            self = .table(database: names[0], name: names[1])
        case .deployment:
            guard names.count == 2 else { throw TideError.corruptedCatalog(key: key, "expected two names") }
            self = .deployment(database: names[0], name: names[1])
        case .sequence:
            guard names.count == 1 else { throw TideError.corruptedCatalog(key: key, "expected one name") }
            self = .sequence(names[0])
        case .user:
            guard names.count == 1 else { throw TideError.corruptedCatalog(key: key, "expected one name") }
            self = .user(names[0])
        case .connector:
            guard names.count == 1 else { throw TideError.corruptedCatalog(key: key, "expected one name") }
            self = .connector(names[0])
        case .droppedTable:
            guard names.count == 1, let id = UInt32(names[0]) else {
                throw TideError.corruptedCatalog(key: key, "expected one table id")
            }
            self = .droppedTable(id)
        }
    }

    private static func encode(_ kind: Kind, _ names: [String]) -> [UInt8] {
        var bytes: [UInt8] = [namespace, kind.rawValue]
        for name in names {
            let utf8 = Array(name.utf8)
            let length = UInt32(truncatingIfNeeded: utf8.count)
            precondition(Int(length) == utf8.count, "catalog names are shorter than 4 GiB")
            bytes.append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) })
            bytes.append(contentsOf: utf8)
        }
        return bytes
    }
}
