import TideDB
import TideStore

/// The Kafka sources' series of `/metrics`, written fresh at every scrape from `SHOW SOURCES`'
/// data (a source's series disappear with it, and the latest rejection reason is a label that
/// changes, so they are not kept in the registry).
enum SourceMetricsText {
    static func render(database: Database) -> String {
        guard let sources = try? database.connectorStatuses(.source), !sources.isEmpty else { return "" }
        var families: [(name: String, type: String, help: String, lines: [String])] = [
            ("tide_source_rows_ingested", "gauge", "Rows a Kafka source stored since the process started.", []),
            ("tide_source_rows_rejected", "gauge", "Messages a Kafka source rejected since the process started.", []),
            ("tide_source_lag_messages", "gauge", "Messages behind the ends of the source's partitions.", []),
            ("tide_source_freshness_seconds", "gauge", "Now minus the Kafka time of the newest ingested message.", []),
            ("tide_source_running", "gauge", "1 while the source ingests, 0 when stopped, retrying or failed.", []),
            ("tide_source_last_rejection_info", "gauge", "Why the source rejected its latest bad message.", []),
        ]
        for (record, status) in sources {
            let source = "source=\"\(escaped(record.name))\""
            families[0].lines.append("tide_source_rows_ingested{\(source)} \(status.processed)")
            families[1].lines.append("tide_source_rows_rejected{\(source)} \(status.rejected)")
            if let lag = status.lag { families[2].lines.append("tide_source_lag_messages{\(source)} \(lag)") }
            if let freshness = status.freshnessMs {
                families[3].lines.append("tide_source_freshness_seconds{\(source)} \(Double(freshness) / 1000)")
            }
            families[4].lines.append("tide_source_running{\(source)} \(status.state == "running" ? 1 : 0)")
            if !status.lastRejection.isEmpty {
                families[5].lines.append(
                    "tide_source_last_rejection_info{\(source),reason=\"\(escaped(status.lastRejection))\"} 1")
            }
        }
        var text = ""
        for family in families where !family.lines.isEmpty {
            text += "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) \(family.type)\n"
            text += family.lines.joined(separator: "\n") + "\n"
        }
        return text
    }

    /// A label value with `\`, `"` and newlines escaped (Prometheus text format).
    static func escaped(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}
