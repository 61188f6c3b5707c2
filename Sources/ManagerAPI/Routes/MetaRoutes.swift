import Logging
import Farm
import Hummingbird
import NIOCore

/// Version, configuration and the OpenAPI document (protocol.md §10.4).
struct MetaRoutes {
    let services: ManagerServices

    /// The Flamenco release whose protocol Tablao speaks.
    static let flamencoShortVersion = "3.9-beta1"

    func addRoutes(to router: Router<ManagerRequestContext>) {
        router.get("/api/v3/version", use: version)
        router.get("/api/v3/openapi3.json", use: openAPIDocument)
    }

    @Sendable func version(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        JSONResponse.make(
            FlamencoVersion(
                version: "\(Self.flamencoShortVersion) (Tablao \(TablaoVersion.current))",
                shortversion: Self.flamencoShortVersion, name: services.managerName, git: TablaoVersion.current))
    }

    @Sendable func openAPIDocument(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.text)))
    }
}

/// Tablao's own version.
public enum TablaoVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}

/// Tablao's OpenAPI document, embedded at build time from `OpenAPI/openapi3.json`.
public enum OpenAPIDocument {
    /// The document's JSON text.
    public static var text: String { EmbeddedOpenAPI.files.first { $0.name == "openapi3.json" }?.contents ?? "{}" }
}
