import Synchronization
import TideCore
import TideExec
import TidePlan
import TideSQL
import TideStore

/// Long-window tiles: which groups a deployment reads, building them at DEPLOY and at open,
/// rebuilding or dropping them when their members change, and the reader its requests use.
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

    /// How a deployment is known among the members of its tile groups.
    static func tileMember(database: String, deployment: String) -> String {
        "\(database).\(deployment).".lowercased()
    }

    /// Each set of `plan` with the group that serves it and what it needs of that group.
    func tileNeeds(_ plan: TilePlan) throws -> [(set: TileSet, key: TileGroupKey, need: TileNeed)] {
        try plan.sets.map { set in
            guard let id = catalog.tableRecord(database: set.table.database, name: set.table.name)?.id else {
                throw TideError(.undefinedTable, "table \"\(set.table.name)\" does not exist")
            }
            return (
                set, TileGroupKey(tableID: id, indexName: set.indexName, bucket: set.bucket), TileGroup.need(set)
            )
        }
    }

    /// What each group `plan` reads would serve with `plan`'s deployment among its members
    /// (EXPLAIN DEPLOY), and whether the group serves that already.
    func tileGroupsAfterDeploy(_ plan: TilePlan) throws
        -> [(set: TileSet, key: TileGroupKey, need: TileNeed, exists: Bool)]
    {
        try tileNeeds(plan).map { set, key, need in
            var union = tileMaintainer.need(of: key)
            union.formUnion(need)
            return (set, key, union, tileMaintainer.group(key)?.need == union)
        }
    }

    /// DEPLOY: makes deployment `member` (`tileMember`) a member of the groups `plan` reads,
    /// building (or rebuilding, with more slots) each group that does not serve all its
    /// members yet, from the stored rows, with writes paused so that no row is missed: from
    /// then on every write keeps them current.
    func buildTiles(_ plan: TilePlan, member: String) throws {
        guard !isReadOnly else { return }
        var needs: [TileGroupKey: (set: TileSet, need: TileNeed)] = [:]
        for (set, key, need) in try tileNeeds(plan) {
            needs[key, default: (set, TileNeed())].need.formUnion(need)
        }
        try online.withWritesPaused {
            for (key, entry) in needs {
                let union = tileMaintainer.setMember(member, of: key, need: entry.need)
                if tileMaintainer.group(key)?.need == union { continue }
                let generation = try nextTileGeneration(key)
                try replaceTileGroup(
                    key, by: try TileGroup(entry.set, tableID: key.tableID, need: union, generation: generation))
            }
        }
    }

    /// Removes deployment `name` of `database` from its tile groups: a group left without
    /// members is dropped, one whose members need less is rewritten with only what they need
    /// (its tiles' other slots and levels left out; no row is read).
    func dropTiles(database: String, deployment name: String) throws {
        let member = Self.tileMember(database: database, deployment: name)
        try online.withWritesPaused {
            for key in tileMaintainer.groups(of: member) {
                let union = tileMaintainer.setMember(member, of: key, need: nil)
                guard let current = tileMaintainer.group(key) else { continue }
                if union.slots.isEmpty {
                    try replaceTileGroup(key, by: nil)
                } else if current.need != union, !isReadOnly {
                    let smaller = try current.with(union, generation: try nextTileGeneration(key))
                    try replaceTileGroup(key, by: smaller, projectedFrom: current)
                }
            }
        }
    }

    /// Rebuilds the tile groups of table `tableID` for its definition `table` after an index
    /// TTL of it was made longer: rows the shorter TTL hid (or the sweep removed from the
    /// index) are what the index holds now, and the groups read the new TTL.
    func rebuildTiles(after table: TableDef, tableID: UInt32) throws {
        guard !isReadOnly else { return }
        try online.withWritesPaused {
            for group in tileMaintainer.registered(tableID: tableID) {
                let fresh = try group.with(group.need, generation: try nextTileGeneration(group.key), table: table)
                try replaceTileGroup(group.key, by: fresh)
            }
        }
    }

    /// Builds `group` (if any: from the rows, or from the tiles of `source`, a group holding
    /// all it holds) and registers it in place of the group of `key`, whose tiles are then
    /// dropped. Call with writes paused.
    private func replaceTileGroup(_ key: TileGroupKey, by group: TileGroup?, projectedFrom source: TileGroup? = nil)
        throws
    {
        let old = tileMaintainer.group(key)
        if let group, let source, group.levels.count <= source.levels.count {
            try tileMaintainer.project(source, into: group, store: online)
            tileMaintainer.register(group)
        } else if let group {
            try tileMaintainer.build(group, store: online)
            tileMaintainer.register(group)
        } else {
            tileMaintainer.unregister(key)
        }
        if let old { try online.dropTileSets(tableID: key.tableID, names: old.levelNames) }
        tileMaintainer.forgetCachedTiles()
    }

    /// A generation for a new build of group `key`: above every stored or registered one.
    private func nextTileGeneration(_ key: TileGroupKey) throws -> UInt64 {
        let stored = try online.tileSetMarkers(tableID: key.tableID).compactMap { key.generation(ofStored: $0.name) }
        return max(stored.max() ?? 0, tileMaintainer.group(key)?.generation ?? 0) + 1
    }

    /// At open: registers every deployment as a member of its tile groups, registers each
    /// group whose stored tiles have the layout its members need (and whose table kept all
    /// its rows: not in `tables`, which lost rows to a rolled-back load), builds the others (a
    /// DEPLOY or DROP a crash interrupted, a directory from an older layout), and drops every
    /// other stored tile set of those tables.
    func loadTileSets(rebuilding tables: Set<UInt32>) throws {
        var templates: [TileGroupKey: TileSet] = [:]
        var unions: [TileGroupKey: TileNeed] = [:]
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
                    let needs = try? tileNeeds(plan)
                else { continue }
                var own: [TileGroupKey: TileNeed] = [:]
                for (set, key, need) in needs {
                    own[key, default: TileNeed()].formUnion(need)
                    templates[key] = templates[key] ?? set
                }
                let member = Self.tileMember(database: db, deployment: record.name)
                for (key, need) in own { unions[key] = tileMaintainer.setMember(member, of: key, need: need) }
            }
        }
        // Every table is looked at: one whose tiled deployments are all gone may still hold
        // tiles a crash left between DROP DEPLOYMENT and dropping them.
        var tableIDs = Set(unions.keys.map(\.tableID))
        if !isReadOnly {
            for db in databaseNames() {
                tableIDs.formUnion(((try? catalog.tableRecords(database: db)) ?? []).map(\.id))
            }
        }
        for tableID in tableIDs {
            let markers = try online.tileSetMarkers(tableID: tableID)
            let stored = Dictionary(markers.map { ($0.name, $0.marker) }, uniquingKeysWith: { a, _ in a })
            var kept: Set<String> = []
            for (key, union) in unions where key.tableID == tableID {
                guard let template = templates[key] else { continue }
                let found = try stored.compactMap { name, marker -> TileGroup? in
                    guard let generation = key.generation(ofStored: name) else { return nil }
                    let group = try TileGroup(template, tableID: tableID, need: union, generation: generation)
                    return group.layout == marker && group.levelNames.allSatisfy({ stored[$0] != nil }) ? group : nil
                }.max { $0.generation < $1.generation }
                if let found, !tables.contains(tableID) || isReadOnly {
                    tileMaintainer.register(found)
                    kept.formUnion(found.levelNames)
                } else if !isReadOnly {
                    let generation = (stored.keys.compactMap(key.generation(ofStored:)).max() ?? 0) + 1
                    let group = try TileGroup(template, tableID: tableID, need: union, generation: generation)
                    try online.withWritesPaused { try tileMaintainer.build(group, store: online) }
                    tileMaintainer.register(group)
                    kept.formUnion(group.levelNames)
                }
            }
            let stale = stored.keys.filter { !kept.contains($0) }
            if !isReadOnly, !stale.isEmpty { try online.dropTileSets(tableID: tableID, names: stale) }
        }
    }

    /// How many window computations of requests long-window tiles have served since the
    /// data directory opened.
    public var tileServedRequests: Int { tileMaintainer.servedRequests.load(ordering: .relaxed) }

    /// How many of those merged coarse tiles (days of hour buckets) for the middle of their frame.
    public var coarseTileServedRequests: Int { tileMaintainer.servedByCoarseTiles.load(ordering: .relaxed) }

    /// How many of those merged the tile of a bucket at an edge of their frame (its rows all
    /// inside the frame) instead of reading that edge's rows.
    public var edgeTileServedRequests: Int { tileMaintainer.servedWithEdgeTiles.load(ordering: .relaxed) }

    /// How many row-count tiles requests merged whole (rather than reading their rows).
    public var mergedRowTiles: Int { tileMaintainer.mergedRowTiles.load(ordering: .relaxed) }

    /// The tile reader of a deployment's requests (nil without tiles).
    func tileReader(_ plan: TilePlan) throws -> StoredTileReader? {
        guard !plan.sets.isEmpty else { return nil }
        return StoredTileReader(
            store: online, maintainer: tileMaintainer,
            sets: try tileNeeds(plan).map { set, key, _ in (set, key) })
    }
}
