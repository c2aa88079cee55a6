import TideCore

/// SQLSTATE `2BP01` dependent_objects_still_exist (PostgreSQL's code for `DROP` of an object
/// others depend on). Kept file-private until TideCore's `SQLState` lists it.
private let dependentObjectsStillExist: SQLState = "2BP01"

/// The errors the persistent catalog reports, one factory per condition. Internal, so they
/// never clash with the binder's factories of the same meaning in TidePlan.
extension TideError {
    /// `42P04`: `CREATE DATABASE` of a name that exists.
    static func duplicateDatabase(_ name: String) -> TideError {
        TideError(.duplicateDatabase, "database \"\(name)\" already exists")
    }

    /// `3D000`: a database that does not exist.
    static func unknownDatabase(_ name: String) -> TideError {
        TideError(.invalidCatalogName, "database \"\(name)\" does not exist")
    }

    /// `2BP01`: `DROP DATABASE` of a database that still has tables or deployments.
    static func databaseNotEmpty(_ name: String, tables: Int, deployments: Int) -> TideError {
        TideError(
            dependentObjectsStillExist,
            "database \"\(name)\" is not empty",
            detail: "it still has \(tables) table(s) and \(deployments) deployment(s)",
            hint: "drop its deployments and tables first"
        )
    }

    /// `42P07`: `CREATE TABLE` of a name that exists in the database.
    static func duplicateTable(database: String, name: String) -> TideError {
        TideError(.duplicateTable, "table \"\(name)\" already exists in database \"\(database)\"")
    }

    /// `42P01`: a table that does not exist in the database.
    static func undefinedTable(database: String, name: String) -> TideError {
        TideError(.undefinedTable, "table \"\(name)\" does not exist in database \"\(database)\"")
    }

    /// `42710`: `DEPLOY` of a name that exists in the database.
    static func duplicateDeployment(database: String, name: String) -> TideError {
        TideError(.duplicateObject, "deployment \"\(name)\" already exists in database \"\(database)\"")
    }

    /// `42704`: a deployment that does not exist in the database.
    static func undefinedDeployment(database: String, name: String) -> TideError {
        TideError(.undefinedObject, "deployment \"\(name)\" does not exist in database \"\(database)\"")
    }

    /// `42710`: `CREATE USER` of a name that exists.
    static func duplicateUser(_ name: String) -> TideError {
        TideError(.duplicateObject, "user \"\(name)\" already exists")
    }

    /// `42704`: a user that does not exist.
    static func undefinedUser(_ name: String) -> TideError {
        TideError(.undefinedObject, "user \"\(name)\" does not exist")
    }

    /// `42710`: `CREATE KAFKA SOURCE|SINK` of a name that exists.
    static func duplicateConnector(_ name: String) -> TideError {
        TideError(.duplicateObject, "connector \"\(name)\" already exists")
    }

    /// `42704`: a source or sink that does not exist.
    static func undefinedConnector(_ name: String, kind: ConnectorRecord.Kind) -> TideError {
        TideError(.undefinedObject, "\(kind) \"\(name)\" does not exist")
    }

    /// `XX001`: a catalog entry that cannot be decoded or contradicts another one.
    static func corruptedCatalog(key: [UInt8], _ reason: String) -> TideError {
        let hex = key.map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }
        return TideError(
            .dataCorrupted,
            "catalog entry is corrupted: \(reason)",
            detail: "key \(hex.joined(separator: " "))"
        )
    }
}
