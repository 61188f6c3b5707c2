import Foundation

/// The temporary folder of one end-to-end farm: database, storage, render output, worker homes, logs, and a `bin`
/// folder holding copies of the fake `blender` and `ffmpeg`.
struct FarmFolder: Sendable {
    let root: URL

    /// The fixture scripts in the source tree.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fixtures")

    var bin: URL { root.appending(path: "bin") }
    var database: URL { root.appending(path: "tablao.sqlite") }
    var storage: URL { root.appending(path: "storage") }
    var render: URL { root.appending(path: "render") }
    var blendFile: URL { root.appending(path: "scene.blend") }
    var ledger: URL { root.appending(path: "fake-blender-ledger.txt") }
    /// Where the fake Blender keeps its once-only stall marker.
    var fakeBlenderState: URL { root.appending(path: "fake-blender-state") }
    var managerLog: URL { root.appending(path: "manager.log") }

    func home(ofWorker name: String) -> URL { root.appending(path: "homes/\(name)") }
    func log(ofWorker name: String) -> URL { root.appending(path: "\(name).log") }

    /// Makes a fresh folder with the fake executables (mode 0755, whatever git kept) and a `.blend` file to render.
    static func create(workerNames: [String]) throws -> FarmFolder {
        let folder = FarmFolder(
            root: FileManager.default.temporaryDirectory.appending(path: "tablao-e2e-\(UUID().uuidString.prefix(8))"))
        let files = FileManager.default
        for directory in [folder.bin, folder.storage, folder.render, folder.fakeBlenderState]
            + workerNames.map(folder.home(ofWorker:))
        {
            try files.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        for tool in ["blender", "ffmpeg"] {
            let copy = folder.bin.appending(path: tool)
            try files.copyItem(at: fixtures.appending(path: tool), to: copy)
            try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
        }
        try Data("BLENDER-v402 end-to-end test scene\n".utf8).write(to: folder.blendFile)
        return folder
    }

    /// Deletes the folder.
    func remove() { try? FileManager.default.removeItem(at: root) }
}
