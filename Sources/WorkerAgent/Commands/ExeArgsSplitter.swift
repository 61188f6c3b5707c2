/// Splits `exeArgs` into words with simple shell-like rules (worker-agent.md §3.1.2): whitespace separates, `'…'` is
/// literal, `"…"` groups with backslash escaping any character, a backslash outside quotes escapes the next character,
/// `#` at a word start comments out the rest of the line.
enum ExeArgsSplitter {
    /// The words, or `nil` for an unterminated quote or a trailing backslash.
    static func split(_ text: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            switch character {
            case " ", "\t", "\r", "\n":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "#" where !inWord:
                while let next = characters.first, next != "\n" { characters.removeFirst() }
            case "\\":
                guard let next = characters.popFirst() else { return nil }
                word.append(next)
                inWord = true
            case "'":
                guard let end = characters.firstIndex(of: "'") else { return nil }
                word += String(characters[..<end])
                characters = characters[(end + 1)...]
                inWord = true
            case "\"":
                var closed = false
                while let next = characters.popFirst() {
                    if next == "\"" {
                        closed = true
                        break
                    }
                    if next == "\\" {
                        guard let escaped = characters.popFirst() else { return nil }
                        word.append(escaped)
                    } else {
                        word.append(next)
                    }
                }
                guard closed else { return nil }
                inWord = true
            default:
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
