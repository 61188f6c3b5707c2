import Foundation
import Storage

/// A farm database of a given depth in the scratch folder, seeded once per run with `FarmSeeder`.
enum ScratchFarm {
    /// Seeds `tasks` tasks into a new database under `folder`; returns its path and the seconds it took.
    static func seed(tasks: Int, in folder: URL) async throws -> (path: String, seconds: Double) {
        let path = folder.appending(path: "farm-\(tasks).sqlite").path
        let start = ContinuousClock.now
        let database = try FarmDatabase.open(DatabaseOptions(path: path))
        try await FarmSeeder(database: database).seed(tasks: tasks)
        await database.close()
        return (path, (ContinuousClock.now - start).seconds)
    }
}
