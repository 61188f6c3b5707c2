#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A child started with posix_spawn in its own process group: stdin from /dev/null, stdout and stderr joined into
/// one pipe, signal dispositions and mask reset to defaults (worker-agent.md §3.1.3, §2.4 Tablao note).
final class Subprocess: Sendable {
    /// The child's pid, which is also its process group id.
    let pid: pid_t
    /// Read end of the output pipe; owned by ``OutputReader``.
    let outputFD: Int32

    private init(pid: pid_t, outputFD: Int32) {
        self.pid = pid
        self.outputFD = outputFD
    }

    /// Starts `argv` (argv[0] looked up on PATH when it has no `/`). Throws the spawn error's text.
    static func spawn(_ argv: [String]) throws -> Subprocess {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw SpawnError(text: "pipe: \(String(cString: strerror(errno)))") }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)

        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        // The child gets stdin/stdout/stderr only, like Go's os/exec: no inherited sockets or database files.
        #if os(Linux)
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }
        #endif

        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        var flags = Int32(POSIX_SPAWN_SETPGROUP) | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, argv[0], &actions, &attributes, cArguments, environ)
        close(fds[1])
        guard result == 0 else {
            close(fds[0])
            throw SpawnError(text: "exec: \"\(argv[0])\": \(String(cString: strerror(result)))")
        }
        return Subprocess(pid: pid, outputFD: fds[0])
    }

    #if os(Linux)
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), looked up at run time because Swift's Glibc module
    /// hides it behind `_GNU_SOURCE`; `nil` on an older glibc.
    private static let addCloseFrom: AddCloseFrom? = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddCloseFrom.self) }
    #endif

    /// Sends `signal` to the whole process group.
    func signalGroup(_ signal: Int32) {
        _ = kill(-pid, signal)
    }

    /// Waits for the child on the calling thread; the exit code, or −1 when killed by a signal.
    func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        let low = status & 0x7f
        return low == 0 ? (status >> 8) & 0xff : -1
    }
}

/// Why a subprocess could not be started.
struct SpawnError: Error, CustomStringConvertible {
    let text: String
    var description: String { text }
}
