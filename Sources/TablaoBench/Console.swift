import Foundation

/// Unbuffered output, so progress shows at once even when stdout is a pipe or a file.
enum Console {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
