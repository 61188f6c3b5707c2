import Foundation
import ProcessSpawning

/// A fault of the storage folder (task logs, previews) injected mid-run: the folder is a small tmpfs that is made
/// full, or remounted read-only. Needs mount(8); where the machine does not allow it the run goes on without the
/// fault and says so.
public enum StorageFault: String, Sendable, CaseIterable {
    /// The storage folder's filesystem has no space left.
    case full
    /// The storage folder's filesystem is read-only.
    case readOnly = "read-only"
}

/// Mounts the storage folder on a tmpfs, breaks it as told, and unmounts it at the end.
struct StorageFaultInjector {
    let folder: URL
    let fault: StorageFault

    /// Mounts a 4 MiB tmpfs on the (new, empty) storage folder; false with the reason when the machine refuses.
    func prepare() -> (mounted: Bool, reason: String) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return Self.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tablao-torture", folder.path])
    }

    /// Breaks the folder: fills it to the last byte, or remounts it read-only.
    func inject() -> (done: Bool, reason: String) {
        switch fault {
        case .full:
            let path = folder.appending(path: "filler").path
            let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            guard descriptor >= 0 else { return (false, "cannot create \(path): errno \(errno)") }
            defer { close(descriptor) }
            let block = [UInt8](repeating: 0x2E, count: 4096)
            while block.withUnsafeBytes({ write(descriptor, $0.baseAddress!, $0.count) }) > 0 {}
            while block.withUnsafeBytes({ write(descriptor, $0.baseAddress!, 1) }) > 0 {}
            return (errno == ENOSPC, "filling stopped with errno \(errno)")
        case .readOnly:
            let result = Self.run(["mount", "-o", "remount,ro", folder.path])
            return (result.mounted, result.reason)
        }
    }

    /// Unmounts the tmpfs.
    func cleanUp() {
        _ = Self.run(["umount", "-l", folder.path])
    }

    private static func run(_ arguments: [String]) -> (mounted: Bool, reason: String) {
        let outcome = SpawnedProcess.runQuietly(arguments)
        return (outcome.succeeded, outcome.reason)
    }
}
