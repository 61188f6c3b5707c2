import Farm
import Foundation
import Hummingbird
import Storage

/// `GET /health`: 200 only while the Manager can write its database and its storage folder, else 503 with an
/// `Error` body naming what cannot be written. Container and service health checks use it; `/api/v3/version`
/// answers even when every write would fail.
struct HealthRoutes {
    let services: ManagerServices

    /// What `/health` answers when all is well.
    struct Healthy: Encodable {
        let database = "writable"
        let storage = "writable"
    }

    func addRoutes(to router: Router<ManagerRequestContext>) {
        router.get("/health", use: health)
    }

    @Sendable func health(_ request: Request, context: ManagerRequestContext) async throws -> Response {
        let farm = services.context
        do {
            try await farm.database.probeWrite()
        } catch {
            throw APIError(
                .serviceUnavailable,
                "the database \(farm.database.path) cannot be written (\(error)); see the Manager's log")
        }
        do {
            try WritableLocation.checkFolder(
                farm.settings.storageRoot.path, role: "storage folder", why: "task logs and previews are written there")
        } catch {
            throw APIError(.serviceUnavailable, "\(error)")
        }
        return JSONResponse.make(Healthy())
    }
}
