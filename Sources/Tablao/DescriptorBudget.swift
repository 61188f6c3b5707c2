import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fits the connection bound under the process's open-file limit, keeping descriptors for the database, task logs
/// and previews: raises the soft limit towards the hard one if needed, else lowers the bound (with a warning).
enum DescriptorBudget {
    /// Descriptors kept for everything but connections (`rlim_t.max` is RLIM_INFINITY).
    static let reserved = 128

    /// The connection bound to use for `configured`.
    static func connections(configured: Int, logger: Logger) -> Int {
        var limit = rlimit()
        guard getrlimit(resourceNumber, &limit) == 0 else { return configured }
        let wanted = rlim_t(configured + reserved)
        if limit.rlim_cur != rlim_t.max, limit.rlim_cur < wanted {
            var raised = limit
            raised.rlim_cur = limit.rlim_max == rlim_t.max ? wanted : min(wanted, limit.rlim_max)
            if setrlimit(resourceNumber, &raised) == 0 { limit = raised }
        }
        guard limit.rlim_cur != rlim_t.max, limit.rlim_cur < wanted else { return configured }
        let bound = max(1, Int(limit.rlim_cur) - reserved)
        logger.warning(
            "max_connections lowered to fit the open-file limit; raise the limit (LimitNOFILE, ulimit -n) to allow more",
            metadata: [
                "max_connections.configured": "\(configured)", "max_connections.used": "\(bound)",
                "open_files.limit": "\(limit.rlim_cur)",
            ])
        return bound
    }

    #if canImport(Glibc)
        private static var resourceNumber: __rlimit_resource_t { __rlimit_resource_t(RLIMIT_NOFILE.rawValue) }
    #else
        private static var resourceNumber: Int32 { RLIMIT_NOFILE }
    #endif
}
