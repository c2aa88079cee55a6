import Synchronization
import TideCore
import TideExec
import TidePlan
import TideSQL
import TideStore

/// Long-window tiles: which a deployment has, building them at DEPLOY and at open, dropping
/// them with the deployment, and the reader its requests use.
extension Database {
    /// The tile plan of a deployment's bound `plan` under its `long_windows` option.
    func tilePlan(database: String, deployment: String, plan: PhysicalPlan, longWindows option: String?) throws
        -> TilePlan
    {
        guard let option else { return TilePlan() }
        let uses = try LongWindowRules.check(try LongWindow.parse(option), plan: plan)
        return TilePlan(database: database, deployment: deployment, uses: uses, plan: plan)
    }

    /// The `long_windows` option deployment `name` was made with, if any.
    func longWindowsOption(database: String, deployment name: String) -> String? {
        guard case .object(let metadata)? = catalog.deployment(database: database, name: name)?.metadata,
            case .string(let text)? = metadata["long_windows"]
        else { return nil }
        return text
    }

    /// The sets of `plan` resolved to their tables, ready to register.
    func registrations(_ plan: TilePlan) throws -> [TileMaintainer.Registered] {
        try plan.sets.map { set in
            guard let id = catalog.tableRecord(database: set.table.database, name: set.table.name)?.id else {
                throw TideError(.undefinedTable, "table \"\(set.table.name)\" does not exist")
            }
            return try TileMaintainer.Registered(set, tableID: id)
        }
    }

    /// Builds `plan`'s tiles from the stored rows and registers them, with writes paused so
    /// that no row is missed: from then on every write keeps them current.
    func buildTiles(_ plan: TilePlan) throws {
        guard !isReadOnly else { return }
        for registered in try registrations(plan) {
            try online.withWritesPaused {
                try tileMaintainer.build(registered, store: online)
                tileMaintainer.register(registered)
            }
        }
    }

    /// Forgets and deletes the tiles of deployment `name` of `database`.
    func dropTiles(database: String, deployment name: String) throws {
        let prefix = "\(database).\(name).".lowercased()
        try online.withWritesPaused {
            for registered in tileMaintainer.unregister(prefix: prefix) {
                try online.dropTileSets(tableID: registered.tableID, names: registered.levelNames)
            }
            tileMaintainer.forgetCachedTiles()
        }
    }

    /// At open: registers every deployment's tile sets and builds those that are not ready
    /// (a DEPLOY a crash interrupted) or whose table lost rows to a rolled-back load.
    func loadTileSets(rebuilding tables: Set<UInt32>) throws {
        for db in databaseNames() {
            for record in deployments(in: db) {
                // A deployment that no longer compiles has no tiles to keep (its requests fail
                // with the reason); the directory still opens.
                guard let option = longWindowsOption(database: db, deployment: record.name),
                    case .query(let query)? = try? Parser.parseStatement(record.sql)
                else { continue }
                var binder = Binder(catalog: catalog, database: db)
                guard let bound = try? binder.bind(query),
                    let plan = try? tilePlan(
                        database: db, deployment: record.name, plan: bound.plan, longWindows: option),
                    let registrations = try? registrations(plan)
                else { continue }
                for registered in registrations {
                    // Every level must be there (a directory from before coarse tiles has none).
                    let ready = try registered.levelNames.allSatisfy {
                        try online.tilesReady(tableID: registered.tableID, name: $0)
                    }
                    if !isReadOnly && (!ready || tables.contains(registered.tableID)) {
                        try online.withWritesPaused { try tileMaintainer.build(registered, store: online) }
                    }
                    tileMaintainer.register(registered)
                }
            }
        }
    }

    /// How many window computations of requests long-window tiles have served since the
    /// data directory opened.
    public var tileServedRequests: Int { tileMaintainer.servedRequests.load(ordering: .relaxed) }

    /// How many of those merged coarse tiles (days of hour buckets) for the middle of their frame.
    public var coarseTileServedRequests: Int { tileMaintainer.servedByCoarseTiles.load(ordering: .relaxed) }

    /// The tile reader of a deployment's requests (nil without tiles).
    func tileReader(_ plan: TilePlan) throws -> StoredTileReader? {
        guard !plan.sets.isEmpty else { return nil }
        let registered = try registrations(plan)
        return StoredTileReader(
            store: online, maintainer: tileMaintainer, sets: zip(plan.sets, registered).map { ($0, $1) })
    }
}
