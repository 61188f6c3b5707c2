/// Rows of text printed in aligned columns, a header first; columns are separated by two spaces.
public struct TextTable: Sendable {
    /// Column titles.
    public let headers: [String]
    /// One array of cells per row, as many as `headers`.
    public let rows: [[String]]

    /// A table of `rows` under `headers`.
    public init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    /// The lines of the table, each ending in `\n`; the last column is not padded.
    public var rendered: String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { cells in
            cells.indices.map { column in
                column == cells.count - 1 ? cells[column] : cells[column].padding(to: widths[column])
            }.joined(separator: "  ")
        }.map { $0 + "\n" }.joined()
    }
}

extension String {
    /// The string followed by spaces up to `width` characters.
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
