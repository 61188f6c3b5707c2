#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Binds the listen address once and lets it go, before the database is created or migrated, so that an address
/// already in use stops `tablao serve` with a clear message and a non-zero exit instead of after start-up.
enum ListenProbe {
    /// Why the address cannot be listened on; the description names it and what to do.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Throws ``Failure`` when no socket can be bound to `host`:`port`.
    static func check(host: String, port: Int) throws {
        let shown = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var found: UnsafeMutablePointer<addrinfo>?
        let lookup = getaddrinfo(host, String(port), &hints, &found)
        guard lookup == 0, let first = found else {
            throw Failure(
                description: "cannot listen on \(shown): the host is unknown (\(String(cString: gai_strerror(lookup)))); "
                    + "set --listen to an address of this machine, such as 0.0.0.0:\(port)")
        }
        defer { freeaddrinfo(found) }
        let socketDescriptor = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard socketDescriptor >= 0 else {
            throw Failure(description: "cannot listen on \(shown): \(String(cString: strerror(errno)))")
        }
        defer { close(socketDescriptor) }
        var on: Int32 = 1
        _ = setsockopt(socketDescriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        guard bind(socketDescriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let code = errno
            if code == EADDRINUSE {
                throw Failure(
                    description: "\(shown) is already in use: another program (perhaps another tablao serve) listens "
                        + "there; stop it, or choose another address with --listen")
            }
            throw Failure(
                description: "cannot listen on \(shown): \(String(cString: strerror(code)))"
                    + (code == EACCES ? " (ports below 1024 need privileges; choose a port above 1024)" : ""))
        }
    }
}
