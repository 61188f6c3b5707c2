import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// Why a connection to the Manager failed, in a few words a person can act on (`connection refused`, `host name
/// "farm" not found`), instead of NIO's nested `NIOConnectionError`/`SingleConnectionFailure` text.
public enum ConnectionFailure {
    /// The reason for `error`; several attempts (`localhost` is tried as `::1` and `127.0.0.1`) that failed alike
    /// give one reason.
    public static func explain(_ error: any Error) -> String {
        switch error {
        case let failure as IOError:
            return String(cString: strerror(failure.errnoCode)).lowercased()
        case let failure as NIOConnectionError:
            if failure.dnsAError != nil || failure.dnsAAAAError != nil, failure.connectionErrors.isEmpty {
                return "host name \"\(failure.host)\" not found"
            }
            var reasons: [String] = []
            for attempt in failure.connectionErrors {
                let reason = explain(attempt.error)
                if !reasons.contains(reason) { reasons.append(reason) }
            }
            return reasons.isEmpty ? "no address to connect to for \"\(failure.host)\"" : reasons.joined(separator: "; ")
        case let failure as SocketAddressError:
            if case .unknown(let host, _) = failure { return "host name \"\(host)\" not found" }
            return "\(failure)"
        case let failure as ChannelError:
            if case .connectTimeout(let limit) = failure { return "no connection within \(limit.seconds) s" }
            return "\(failure)"
        case let failure as HTTPClientError:
            switch failure {
            case .connectTimeout: return "no connection within the connect timeout"
            case .deadlineExceeded, .readTimeout: return "no answer in time"
            case .remoteConnectionClosed: return "the connection was closed before an answer"
            default: return "\(failure)"
            }
        default:
            return "\(error)"
        }
    }
}

extension TimeAmount {
    /// Whole seconds.
    fileprivate var seconds: Int64 { nanoseconds / 1_000_000_000 }
}
