import Farm
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Serves task logs and thumbnails under `/job-files/` from the storage folder, and nothing outside it, streaming
/// each file from disk.
struct JobFilesRoutes {
    let services: ManagerServices

    func addRoutes(to router: Router<ManagerRequestContext>) {
        router.get("/job-files/**", use: serve)
    }

    @Sendable func serve(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let relative = context.parameters.getCatchAll().joined(separator: "/")
        guard let url = Self.resolve(relative, under: services.context.settings.storageRoot) else {
            throw APIError(.notFound, "no such file")
        }
        var status = stat()
        guard stat(url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw APIError(.notFound, "no such file")
        }
        // Streamed from disk in chunks on NIO's file thread pool: a 200 MB log never sits in memory whole.
        let body = try await Self.fileIO.loadFile(path: url.path, context: context, chunkLength: Self.chunkLength)
        let type = url.pathExtension == "jpg" ? "image/jpeg" : "text/plain; charset=UTF-8"
        return Response(status: .ok, headers: [.contentType: type], body: body)
    }

    /// Reads files on NIO's shared blocking-I/O thread pool, never on an event loop or Swift's shared pool.
    static let fileIO = FileIO()
    /// Bytes read from disk and held in memory at a time per response.
    static let chunkLength = 128 * 1024

    /// The file for a relative path, or nil when the path is empty, has `..`/hidden components or leaves the root.
    static func resolve(_ relative: String, under root: URL) -> URL? {
        let decoded = relative.removingPercentEncoding ?? relative
        let components = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !components.isEmpty,
            components.allSatisfy({ !$0.hasPrefix(".") && !$0.contains("\\") && !$0.contains("\0") })
        else { return nil }
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        let url = components.reduce(root) { $0.appending(path: String($1)) }.standardizedFileURL.resolvingSymlinksInPath()
        guard url.path.hasPrefix(rootPath + "/") else { return nil }
        return url
    }
}
