#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A child program started with `posix_spawn`, with the part of `Foundation.Process`'s interface that Tablao's tools
/// and tests use.
///
/// Foundation's `Process.run()` on Linux scans `/proc/self/fd` and copies each directory entry's full 256-byte name
/// field, reading past glibc's buffer; in a process with many open descriptors (a test run, the torture tool) it
/// crashes now and then with SIGSEGV (swift-corelibs-foundation pull request 5472, in Swift 6.3.1). This type closes
/// the child's inherited descriptors with `posix_spawn_file_actions_addclosefrom_np` instead, and waits for the child
/// on a thread of its own.
public final class SpawnedProcess: @unchecked Sendable {
    /// How the child ended.
    public enum TerminationReason: Sendable, Equatable {
        /// It exited with a status.
        case exit
        /// A signal ended it.
        case uncaughtSignal
    }

    /// The program to run.
    public var executableURL: URL?
    /// Its arguments, without the program itself.
    public var arguments: [String]?
    /// Its environment; nil: this process's.
    public var environment: [String: String]?
    /// Its working directory; nil: this process's.
    public var currentDirectoryURL: URL?
    /// A `FileHandle` or the reading side of a `Pipe`; nil: this process's standard input.
    public var standardInput: Any?
    /// A `FileHandle` or the writing side of a `Pipe`; nil: this process's standard output.
    public var standardOutput: Any?
    /// A `FileHandle` or the writing side of a `Pipe`; nil: this process's standard error.
    public var standardError: Any?
    /// Called once, on the waiting thread, when the child has ended.
    public var terminationHandler: (@Sendable (SpawnedProcess) -> Void)?

    private let state = NSCondition()
    private var pid: pid_t = 0
    private var ended: (status: Int32, reason: TerminationReason)?

    /// A process to configure, then ``run()``.
    public init() {}

    /// The child's process ID (0 before ``run()``).
    public var processIdentifier: Int32 { state.withLock { pid } }

    /// Whether the child was started and has not ended yet.
    public var isRunning: Bool { state.withLock { pid != 0 && ended == nil } }

    /// The exit status, or the signal that ended the child; 0 while it runs.
    public var terminationStatus: Int32 { state.withLock { ended?.status ?? 0 } }

    /// Whether the child exited or was ended by a signal.
    public var terminationReason: TerminationReason { state.withLock { ended?.reason ?? .exit } }

    /// Starts the child; throws a `POSIXError` if it cannot be started.
    public func run() throws {
        guard let executable = executableURL?.path else { throw POSIXError(.ENOENT) }
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        var parentEndsToClose: [FileHandle] = []
        for (target, stream) in [(Int32(0), standardInput), (1, standardOutput), (2, standardError)] {
            switch stream {
            case let pipe as Pipe:
                let childEnd = target == 0 ? pipe.fileHandleForReading : pipe.fileHandleForWriting
                posix_spawn_file_actions_adddup2(&actions, childEnd.fileDescriptor, target)
                parentEndsToClose.append(childEnd)
            case let handle as FileHandle where handle.fileDescriptor < 0:
                // FileHandle.nullDevice has no descriptor of its own on Linux.
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_RDWR, 0)
            case let handle as FileHandle:
                posix_spawn_file_actions_adddup2(&actions, handle.fileDescriptor, target)
            default:
                break
            }
        }
        if let directory = currentDirectoryURL?.path {
            guard let chdir = Self.addChdir else { throw POSIXError(.ENOSYS) }
            _ = chdir(&actions, directory)
        }
        // Only standard input, output and error reach the child.
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }
        // Its own process group, as Foundation.Process does: a terminal's Ctrl-C reaches the parent only.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + (arguments ?? [])).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let variables = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }

        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
        for handle in parentEndsToClose { try? handle.close() }
        let started = child
        state.withLock { pid = started }
        let waiter = Thread { [self] in waitForChild(started) }
        waiter.name = "spawned-\(started)"
        waiter.start()
    }

    /// Blocks the calling thread until the child has ended.
    public func waitUntilExit() {
        state.lock()
        while pid != 0 && ended == nil { state.wait() }
        state.unlock()
    }

    /// Sends SIGTERM to the child.
    public func terminate() {
        let child = processIdentifier
        if child > 0 { kill(child, SIGTERM) }
    }

    private func waitForChild(_ child: pid_t) {
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        let outcome: (Int32, TerminationReason) = signal == 0 ? ((status >> 8) & 0xff, .exit) : (signal, .uncaughtSignal)
        state.withLock {
            ended = outcome
            state.broadcast()
        }
        terminationHandler?(self)
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), looked up at run time because Swift's Glibc module
    /// hides it behind `_GNU_SOURCE`.
    private static let addCloseFrom: AddCloseFrom? = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddCloseFrom.self) }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), looked up the same way.
    private static let addChdir: AddChdir? = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addchdir_np")
        .map { unsafeBitCast($0, to: AddChdir.self) }
}
