import Foundation

/// The real `tablao` executable that `swift build --build-tests` puts next to the test bundle.
enum TablaoBinary {
    /// `$TABLAO_BINARY`, else `tablao` beside the running test executable or bundle; nil when there is none.
    static func locate() -> URL? {
        var folders: [URL] = []
        if let executable = Bundle.main.executableURL {
            folders.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        folders.append(Bundle.main.bundleURL.resolvingSymlinksInPath())
        folders.append(Bundle.main.bundleURL.resolvingSymlinksInPath().deletingLastPathComponent())
        if let first = CommandLine.arguments.first {
            let argument0 = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            folders += [
                argument0.deletingLastPathComponent(),
                argument0.deletingLastPathComponent().deletingLastPathComponent(),
            ]
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        var candidates = folders.map { $0.appending(path: "tablao") }
        if let path = ProcessInfo.processInfo.environment["TABLAO_BINARY"], !path.isEmpty {
            candidates.insert(URL(fileURLWithPath: path), at: 0)
        }
        return candidates.first { isExecutableFile($0) }
    }

    /// The message of the failure when the binary is missing.
    static let missingMessage = """
        the `tablao` executable was not found next to the test bundle (\(Bundle.main.bundleURL.path)); build it with \
        `swift build --build-tests --scratch-path <path>` and run `swift test --skip-build` with the same scratch \
        path, or point TABLAO_BINARY at it
        """

    private static func isExecutableFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: url.path)
    }
}
