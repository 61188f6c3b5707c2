import Foundation

/// "Did you mean …?" for a mistyped configuration key: the known key closest to it, if any is close.
public enum KeySuggestion {
    /// The known key nearest to `key` (ignoring case and `-`/`_`) within a small edit distance, e.g. `worker_nmae` →
    /// `worker_name`; nil when none is close enough to be a likely typo.
    public static func closest(to key: String, among known: some Sequence<String>) -> String? {
        let typed = normalized(key)
        let limit = typed.count <= 4 ? 1 : typed.count <= 8 ? 2 : 3
        var best: (key: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(typed, normalized(candidate))
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.key
    }

    /// `unknown setting` with the suggestion appended when there is one.
    public static func unknownKeyProblem(_ key: String, among known: some Sequence<String>) -> String {
        guard let suggestion = closest(to: key, among: known) else { return "unknown setting" }
        return "unknown setting; did you mean \"\(suggestion)\"?"
    }

    private static func normalized(_ key: String) -> [Character] {
        Array(key.lowercased().replacingOccurrences(of: "-", with: "_"))
    }

    /// Levenshtein distance where swapping two neighbouring characters also counts as one edit.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousRow = [Int](repeating: 0, count: b.count + 1)
        var row = Array(0...b.count)
        var rowBefore = row
        for i in 1...a.count {
            rowBefore = previousRow
            previousRow = row
            row = [Int](repeating: 0, count: b.count + 1)
            row[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previousRow[j] + 1, row[j - 1] + 1, previousRow[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], rowBefore[j - 2] + 1)
                }
            }
        }
        return row[b.count]
    }
}
