import FarmModel
import Foundation
import Storage

/// Fills a database with a farm shaped like `simple-blender-render` jobs: 99 render tasks and one video task
/// depending on them per job; 40 % of jobs completed, 10 % active with a few tasks running, the rest queued.
struct FarmSeeder {
    let database: FarmDatabase

    /// Jobs per write transaction while seeding.
    static let jobsPerTransaction = 50

    func seed(tasks: Int) async throws {
        let jobs = max(1, tasks / 100)
        var created = 0
        while created < jobs {
            let batch = min(Self.jobsPerTransaction, jobs - created)
            let first = created
            try await database.write { tx in
                for index in first..<(first + batch) {
                    let job = try tx.jobs.insert(Self.submission(index))
                    switch index % 10 {
                    case 0, 1, 2, 3:
                        try tx.tasks.moveAll(ofJob: job.rowID, from: [.queued], to: .completed, activity: "seeded")
                        try tx.jobs.setStatus(rowID: job.rowID, to: .completed)
                    case 4:
                        try tx.jobs.setStatus(rowID: job.rowID, to: .active)
                    default:
                        break
                    }
                }
            }
            created += batch
        }
    }

    static func submission(_ index: Int) -> JobRepository.Submission {
        var tasks: [CompiledTask] = (1...99).map { frame in
            CompiledTask(
                name: "render-\(frame)", taskType: "blender", priority: 50,
                commands: [
                    CompiledCommand(
                        name: "blender-render",
                        parameters: [
                            "exe": .string("{blender}"), "exeArgs": .string("{blenderArgs}"),
                            "blendfile": .string("/shared/scene-\(index).blend"),
                            "args": .array([.string("--render-frame"), .string("\(frame)")]),
                        ], totalStepCount: 1)
                ])
        }
        tasks.append(
            CompiledTask(
                name: "preview-video", taskType: "ffmpeg", priority: 50,
                commands: [CompiledCommand(name: "frames-to-video", parameters: ["fps": .int(24)], totalStepCount: 0)],
                dependencies: Array(0..<99)))
        return JobRepository.Submission(
            id: .random(), name: "bench-\(index)", type: "simple-blender-render", priority: 50, status: .queued,
            settings: [:], metadata: [:], submitterPlatform: "linux", workerTagRowID: nil, shamanCheckoutID: "",
            tasks: tasks)
    }
}
