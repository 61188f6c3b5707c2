import Foundation
import ProcessSpawning

#if canImport(Glibc)
    import Glibc
#endif

/// Real filesystem faults for tests: a folder on a tiny tmpfs that is full, or a read-only bind mount. Tests run as
/// root, for whom chmod stops nothing; both need mount(8), so each answers false (after printing why) where the
/// machine does not allow it, and the test skips that case.
enum FaultyFilesystem {
    /// Mounts a tmpfs of `size` (e.g. "1m") at `folder`, which must exist and be empty.
    static func mountTmpfs(at folder: URL, size: String) -> Bool {
        run(["mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", folder.path], skipping: "a small tmpfs")
    }

    /// Fills the filesystem holding `folder` with a file named `filler`, until the disk is full.
    static func fill(_ folder: URL) {
        let path = folder.appending(path: "filler").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0x2E, count: 4096)
        while block.withUnsafeBytes({ write(descriptor, $0.baseAddress!, $0.count) }) > 0 {}
        // A partial block may still fit.
        while block.withUnsafeBytes({ write(descriptor, $0.baseAddress!, 1) }) > 0 {}
    }

    /// Frees what ``fill(_:)`` took.
    static func unfill(_ folder: URL) {
        unlink(folder.appending(path: "filler").path)
    }

    /// Makes `folder` read-only by bind-mounting it over itself and remounting the bind read-only.
    static func mountReadOnly(_ folder: URL) -> Bool {
        guard run(["mount", "--bind", folder.path, folder.path], skipping: "a read-only bind mount") else { return false }
        guard run(["mount", "-o", "remount,ro,bind", folder.path], skipping: "a read-only bind mount") else {
            unmount(folder)
            return false
        }
        return true
    }

    /// Undoes a mount made here (lazily, so an open descriptor cannot keep it).
    static func unmount(_ folder: URL) {
        _ = run(["umount", "-l", folder.path], skipping: nil)
    }

    private static func run(_ arguments: [String], skipping what: String?) -> Bool {
        let outcome = SpawnedProcess.runQuietly(arguments)
        if !outcome.succeeded, let what { print("skipped: this machine does not allow \(what) (\(outcome.reason))") }
        return outcome.succeeded
    }
}
