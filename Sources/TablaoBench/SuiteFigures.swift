import Foundation

/// The figures of one suite run: printed as a table (figure, value, limit, ratio, target) and written as JSON.
struct SuiteFigures {
    /// One line of the table.
    struct Row {
        var figure: String
        var value: String
        var limit: String = ""
        var ratio: Double?
        var target: String = ""
        /// Whether the target is met; nil for figures without one.
        var met: Bool?
    }

    var rows: [Row] = []
    /// The JSON document, by dotted key (`schedule.1000.p99_ms`).
    var json: [String: Double] = [:]

    mutating func add(_ row: Row) { rows.append(row) }

    mutating func set(_ key: String, _ value: Double) { json[key] = value }

    /// The table as Markdown.
    var table: String {
        var lines = ["| figure | value | limit | ratio | target | met |", "|---|---:|---:|---:|---|---|"]
        for row in rows {
            let ratio = row.ratio.map { String(format: "%.2f", $0) } ?? ""
            let met = row.met.map { $0 ? "yes" : "**no**" } ?? ""
            lines.append("| \(row.figure) | \(row.value) | \(row.limit) | \(ratio) | \(row.target) | \(met) |")
        }
        return lines.joined(separator: "\n")
    }

    /// The JSON document with dotted keys expanded into nested objects.
    func jsonData(extra: [String: Any]) throws -> Data {
        var root: [String: Any] = extra
        for (key, value) in json {
            insert(value, at: key.split(separator: ".").map(String.init), into: &root)
        }
        return try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])
    }

    private func insert(_ value: Double, at path: [String], into object: inout [String: Any]) {
        guard let head = path.first else { return }
        if path.count == 1 {
            object[head] = value.isFinite ? value : nil
            return
        }
        var child = object[head] as? [String: Any] ?? [:]
        insert(value, at: Array(path.dropFirst()), into: &child)
        object[head] = child
    }
}

extension Double {
    /// A figure for the table: thousands grouped for rates, two decimals for small values.
    var figure: String {
        if self >= 1000 { return String(format: "%.0f", self) }
        if self >= 100 { return String(format: "%.0f", self) }
        if self >= 10 { return String(format: "%.1f", self) }
        return String(format: "%.2f", self)
    }
}
