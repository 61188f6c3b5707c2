import Foundation

// Usage: EmbedFilesTool OUTPUT.swift TYPE_NAME FILE...
// Writes Swift source declaring `enum TYPE_NAME { static let files: [(name: String, contents: String)] }`
// holding each file's name and text, so the binary needs no source tree at run time.
let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: EmbedFilesTool OUTPUT.swift TYPE_NAME FILE...\n".utf8))
    exit(2)
}
let output = URL(fileURLWithPath: arguments[arguments.startIndex])
let typeName = arguments[arguments.startIndex + 1]
let inputs = arguments.dropFirst(2).map { URL(fileURLWithPath: $0) }.sorted { $0.lastPathComponent < $1.lastPathComponent }

/// A raw string literal whose `#` delimiter count cannot clash with the text.
func rawLiteral(_ text: String) -> String {
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    return hashes + "\"\"\"\n" + text + "\n\"\"\"" + hashes
}

var source = "// Generated at build time by EmbedFilesTool. Do not edit.\n\n"
source += "/// Files embedded into the binary at build time.\n"
source += "enum \(typeName) {\n"
source += "    /// Each file's name and text, sorted by name.\n"
source += "    static let files: [(name: String, contents: String)] = [\n"
for input in inputs {
    let text: String
    do {
        text = try String(contentsOf: input, encoding: .utf8)
    } catch {
        FileHandle.standardError.write(Data("EmbedFilesTool: cannot read \(input.path): \(error)\n".utf8))
        exit(1)
    }
    // The literal adds one newline before the closing delimiter; trim one so contents round-trip.
    let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
    let name = input.lastPathComponent.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    source += "        (name: \"\(name)\", contents: \(rawLiteral(body)) + \"\\n\"),\n"
}
source += "    ]\n}\n"
// The build system reruns this tool whenever the tool itself is relinked (SwiftPM relinks it when it switches between
// building everything and building plugin tools). Rewriting an unchanged file would give it a new mtime, recompile
// the target and re-emit its module, and every module that imports it would rebuild: leave an identical file alone.
if let existing = try? String(contentsOf: output, encoding: .utf8), existing == source { exit(0) }
do {
    try source.write(to: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("EmbedFilesTool: cannot write \(output.path): \(error)\n".utf8))
    exit(1)
}
