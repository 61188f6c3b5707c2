import Logging
import Farm
import FarmModel
import Foundation
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
        router.get("/api/v3/configuration", use: configuration)
        router.get("/api/v3/configuration/shared-storage/:audience/:platform", use: sharedStorage)
        router.get("/api/v3/configuration/variables/:audience/:platform", use: variables)
        router.get("/api/v3/status", use: farmStatus)
    }

    @Sendable func configuration(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        JSONResponse.make(
            ManagerConfiguration(
                storageLocation: services.context.settings.storageRoot.path, shamanEnabled: false, isFirstRun: false))
    }

    @Sendable func sharedStorage(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let audience = try Self.audience(context)
        let platform = context.parameters.get("platform") ?? ""
        let location = services.context.settings.variables.values(forPlatform: platform)["jobs"]
            ?? services.context.settings.storageRoot.path
        return JSONResponse.make(
            SharedStorageLocation(location: location, audience: audience, platform: platform, shamanEnabled: false))
    }

    @Sendable func variables(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        _ = try Self.audience(context)
        let platform = context.parameters.get("platform") ?? ""
        let values = services.context.settings.variables.values(forPlatform: platform)
        return JSONResponse.make(values.mapValues { ManagerVariable(value: $0, isTwoway: false) })
    }

    @Sendable func farmStatus(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let status = FarmStatus(rawValue: try await services.queries.farmStatus()) ?? .unknown
        let faults = services.context.logs.faults.snapshot
        let storage = FarmStorageHealth(
            taskLogWriteFailures: faults.taskLogWriteFailures, jobFolderRemovalFailures: faults.jobFolderRemovalFailures,
            lastFailure: faults.lastFailure?.description, lastFailureAt: faults.lastFailureAt)
        return JSONResponse.make(FarmStatusReport(status: status, tablaoStorage: storage))
    }

    static func audience(_ context: ManagerRequestContext) throws -> ManagerVariableAudience {
        let text = context.parameters.get("audience") ?? ""
        guard let audience = ManagerVariableAudience(rawValue: text) else {
            throw APIError(.badRequest, "audience must be users or workers, got \"\(text)\"")
        }
        return audience
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
