import Foundation
import TideCore

/// The list of a table's committed segments, in seq order, and the next seq to assign.
///
/// Stored as JSON in `<table dir>/MANIFEST` and replaced atomically: written to
/// `MANIFEST.tmp`, fsynced, renamed over `MANIFEST`, then the directory is fsynced. Readers
/// see either the old or the new list, never a mixture; segment files not listed are not
/// part of the table.
struct OfflineManifest: Codable, Sendable, Hashable {
    static let fileName = "MANIFEST"
    static let temporaryFileName = "MANIFEST.tmp"
    static let currentVersion = 1

    /// One committed segment file.
    struct Entry: Codable, Sendable, Hashable {
        /// File name within the table directory.
        var file: String
        var firstSeq: Int64
        var rowCount: Int64
    }

    var formatVersion: Int
    /// `TableDef.offlineSchemaFingerprint` of the schema the segments were written with, in hex.
    var schemaFingerprint: String
    var nextSeq: Int64
    var segments: [Entry]

    /// An empty manifest for `table`.
    init(table: TableDef, nextSeq: Int64 = 0, segments: [Entry] = []) {
        formatVersion = Self.currentVersion
        schemaFingerprint = Self.hex(table.offlineSchemaFingerprint)
        self.nextSeq = nextSeq
        self.segments = segments
    }

    /// Rows in all segments.
    var rowCount: Int64 { segments.reduce(0) { $0 + $1.rowCount } }

    /// True if the segments were written with `table`'s current columns.
    func matches(_ table: TableDef) -> Bool {
        schemaFingerprint == Self.hex(table.offlineSchemaFingerprint)
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The manifest in `directory`, or nil if there is none (a table never written offline).
    /// - Throws: XX001 if it exists but cannot be decoded, or is missing while segment files
    ///   remain (a writer saves the first manifest before its first segment, so segment files
    ///   without one mean it was lost, and their rows must not be taken for orphans).
    static func load(directory: String) throws -> OfflineManifest? {
        let path = directory + "/" + fileName
        guard FileSystem.exists(path) else {
            if FileSystem.exists(directory),
                try FileSystem.list(directory).contains(where: { $0.hasSuffix(OfflineSegment.fileExtension) })
            {
                throw TideError.offlineManifestCorrupted(path, "it is missing while segment files remain")
            }
            return nil
        }
        let bytes = try FileSystem.readAll(path)
        let manifest: OfflineManifest
        do {
            manifest = try JSONDecoder().decode(OfflineManifest.self, from: Data(bytes))
        } catch {
            throw TideError.offlineManifestCorrupted(path, "not a valid manifest")
        }
        guard manifest.formatVersion == currentVersion else {
            throw TideError.offlineManifestCorrupted(path, "unsupported format version \(manifest.formatVersion)")
        }
        return manifest
    }

    /// Atomically replaces the manifest in `directory` with this one.
    func save(directory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(self)
        } catch {
            throw TideError.internal("cannot encode the offline manifest: \(error)")
        }
        let temporary = directory + "/" + Self.temporaryFileName
        try FileSystem.writeDurably(Array(data), to: temporary)
        try FileSystem.rename(temporary, to: directory + "/" + Self.fileName)
        try FileSystem.syncDirectory(directory)
    }
}
