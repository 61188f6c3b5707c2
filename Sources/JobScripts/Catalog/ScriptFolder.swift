import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the job-types folder holds, cheaply enough to look at on every job-type request: each `*.js` file's path,
/// size, inode and modification time (nanoseconds), so any edit, replacement, rename or removal changes it.
struct ScriptFolder: Sendable, Equatable {
    /// One `*.js` file as last seen.
    struct Stamp: Sendable, Equatable {
        /// Path relative to the folder, such as `cycles_render.js` or `lib/frames.js`.
        var path: String
        var size: Int64
        var inode: UInt64
        var modified: Int64
    }

    /// Files nested deeper than this are not looked at (modules live at most a few folders down).
    static let maximumDepth = 3
    /// Files looked at, at most: bounds the cost of a request on a folder that is not meant for us.
    static let maximumFiles = 1_000

    /// Every `*.js` file, sorted by path; root files are job types, nested ones only modules for `require()`.
    let stamps: [Stamp]

    /// Looks at the folder now; a missing folder holds nothing.
    init(scanning folder: URL) {
        var stamps: [Stamp] = []
        Self.scan(folder.path, relative: "", depth: 0, into: &stamps)
        self.stamps = stamps.sorted { $0.path < $1.path }
    }

    /// The job-type files: `*.js` directly in the folder.
    var jobTypeFiles: [String] { stamps.map(\.path).filter { !$0.contains("/") } }

    /// The job type a root file defines: its stem with `_` replaced by `-` (`cycles_render.js` → `cycles-render`).
    static func jobTypeName(ofFile file: String) -> String {
        String(file.dropLast(3)).replacingOccurrences(of: "_", with: "-")
    }

    private static func scan(_ directory: String, relative: String, depth: Int, into stamps: inout [Stamp]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            guard stamps.count < maximumFiles else { return }
            let path = directory + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR, depth + 1 < maximumDepth {
                scan(path, relative: relative + name + "/", depth: depth + 1, into: &stamps)
            } else if kind == S_IFREG, name.hasSuffix(".js") {
                #if canImport(Darwin)
                    let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
                #else
                    let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                #endif
                stamps.append(
                    Stamp(
                        path: relative + name, size: Int64(info.st_size), inode: UInt64(info.st_ino), modified: modified
                    ))
            }
        }
    }
}
