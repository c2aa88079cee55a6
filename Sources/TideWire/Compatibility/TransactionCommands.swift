/// Transaction control and session housekeeping that PostgreSQL clients send and TideDB has
/// nothing to run for (each TideDB statement is its own transaction): answered with the tag
/// PostgreSQL would send.
enum TransactionCommands {
    /// The command's tag; nil for anything else.
    static func answer(_ text: SQLText) -> CompatibilityAnswer? {
        guard let first = text.firstWord else { return nil }
        let words = text.words
        switch first {
        case "begin": return .command(tag: "BEGIN")
        case "start" where words.dropFirst().first == "transaction": return .command(tag: "START TRANSACTION")
        case "commit" where !words.contains("prepared"), "end": return .command(tag: "COMMIT")
        case "rollback" where !words.contains("prepared"), "abort": return .command(tag: "ROLLBACK")
        case "savepoint": return .command(tag: "SAVEPOINT")
        case "release": return .command(tag: "RELEASE")
        case "discard":
            guard words.count == 2 else { return nil }
            let what = words[1].uppercased() == "TEMPORARY" ? "TEMP" : words[1].uppercased()
            return .command(tag: "DISCARD \(what)")
        case "deallocate":
            return .command(tag: words.last == "all" ? "DEALLOCATE ALL" : "DEALLOCATE")
        case "unlisten": return .command(tag: "UNLISTEN")
        case "close" where words == ["close", "all"]: return .command(tag: "CLOSE CURSOR ALL")
        default: return nil
        }
    }
}
