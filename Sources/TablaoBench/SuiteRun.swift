import Foundation

/// One run of the suite: measures the limits, then each depth against the real manager, and fills the figures.
struct SuiteRun {
    let plan: SuitePlan
    let folder: URL
    let executable: URL

    /// Targets of issue 6.
    enum Target {
        static let growth = 1.5
        static let scheduleShareOfPost = 0.10
        static let requestP99Milliseconds = 10.0
        static let updateShareOfPost = 0.30
        static let rssMegabytes = 150.0
        static let startupSeconds = 2.0
        static let submitSeconds = 1.0
        static let scriptedSubmitSeconds = 1.5
        static let scrapeMilliseconds = 50.0
    }

    func run() async throws -> SuiteFigures {
        var figures = SuiteFigures()
        let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
        let sqlite = try await SQLiteLimit.measure(folder: folder, writers: plan.workers, duration: plan.measure)
        progress("limits: SQLite \(sqlite.commits.figure) commits/s (1 writer), \(sqlite.writes.figure) rows/s (\(plan.workers) writers)")
        let trivial = try await TrivialServer.measure(workers: plan.workers, warmUp: plan.warmUp, duration: plan.measure)
        let post = trivial.post.perSecond
        progress("limits: trivial GET \(trivial.get.perSecond.figure)/s, POST \(post.figure)/s (load generator \(trivial.post.cpuCores.figure) cores)")
        figures.set("limits.sqlite_commits_per_s", sqlite.commits)
        figures.set("limits.sqlite_group_commit_rows_per_s", sqlite.writes)
        figures.set("limits.http_get_per_s", trivial.get.perSecond)
        figures.set("limits.http_post_per_s", post)
        figures.set("loadgen_cpu_cores.http_post", trivial.post.cpuCores)
        figures.add(.init(figure: "SQLite single-row commits/s (1 writer)", value: sqlite.commits.figure))
        figures.add(.init(figure: "SQLite single-row writes/s (\(plan.workers) writers, group commit)", value: sqlite.writes.figure))
        figures.add(.init(figure: "trivial GET req/s", value: trivial.get.perSecond.figure))
        figures.add(.init(
            figure: "trivial POST req/s (bench process incl. server: \(trivial.post.cpuCores.figure) of \(Int(cores)) cores)",
            value: post.figure))

        var cycles: [Int: Double] = [:]
        var cpuPerCycle: [Int: Double] = [:]
        for depth in plan.depths {
            let seeded = try await ScratchFarm.seed(tasks: depth, in: folder)
            progress("depth \(depth): seeded in \(seeded.seconds.figure) s")
            let port = try await FreePort.loopback()
            let scripts = folder.appending(path: "job-types")
            try ScriptedSubmitPhase.install(in: scripts)
            let manager = try await ManagerUnderTest(
                executable: executable, database: seeded.path,
                storage: folder.appending(path: "storage-\(depth)").path,
                logURL: folder.appending(path: "manager-\(depth).log"), port: port, jobTypesDir: scripts.path)
            progress("depth \(depth): manager pid \(manager.pid) answered after \(manager.startupSeconds.figure) s")
            let http = BenchHTTP(client: BenchHTTP.makeClient(connections: plan.workers + 2), baseURL: manager.baseURL)
            do {
                let workers = try await BenchWorker.startMany(http, count: plan.workers, prefix: "bench-\(depth)")
                let managerCPU = manager.cpuSeconds
                let schedule = await SchedulePhase.run(http, workers: workers, warmUp: plan.warmUp, measure: plan.measure)
                let managerCores = (manager.cpuSeconds - managerCPU) / (plan.warmUp + plan.measure).seconds
                cycles[depth] = schedule.perSecond
                // Manager CPU per cycle over warm-up and window (both run at the same rate): robust to a shared machine.
                let microseconds = managerCores / max(schedule.perSecond, 1) * 1e6
                cpuPerCycle[depth] = microseconds
                figures.set("schedule.\(depth).manager_cpu_us_per_cycle", microseconds)
                let p50 = schedule.latencies.median
                let p99 = schedule.latencies.percentile(0.99)
                progress("depth \(depth): \(schedule.perSecond.figure) cycles/s, task request p50 \(p50.figure) ms p99 \(p99.figure) ms, \(schedule.errors) failed/204, load generator \(schedule.cpuCores.figure) cores, manager \(managerCores.figure) cores")
                figures.set("schedule.\(depth).cycles_per_s", schedule.perSecond)
                figures.set("schedule.\(depth).p50_ms", p50)
                figures.set("schedule.\(depth).p99_ms", p99)
                figures.set("loadgen_cpu_cores.schedule_\(depth)", schedule.cpuCores)
                figures.set("manager_cpu_cores.schedule_\(depth)", managerCores)
                let share = schedule.perSecond / post
                figures.add(.init(
                    figure: "schedule cycles/s at \(depth) tasks (load generator \(schedule.cpuCores.figure), manager \(managerCores.figure) cores)",
                    value: schedule.perSecond.figure, limit: "\(post.figure) POST/s", ratio: share,
                    target: "≥ \(Target.scheduleShareOfPost)", met: share >= Target.scheduleShareOfPost))
                figures.add(.init(figure: "manager CPU per cycle at \(depth) tasks (µs)", value: microseconds.figure))
                figures.add(.init(figure: "task request p50 at \(depth) tasks (ms)", value: p50.figure))
                figures.add(.init(
                    figure: "task request p99 at \(depth) tasks (ms, \(plan.workers) workers)", value: p99.figure,
                    limit: "\(Target.requestP99Milliseconds.figure) ms", ratio: p99 / Target.requestP99Milliseconds,
                    target: "≤ 1", met: p99 <= Target.requestP99Milliseconds))
                if depth == plan.depths.last {
                    try await measureDeepest(
                        depth: depth, manager: manager, http: http, workers: workers, post: post, get: trivial.get.perSecond,
                        into: &figures)
                }
            } catch {
                await http.shutdown()
                await manager.stop()
                throw error
            }
            await http.shutdown()
            await manager.stop()
            try? FileManager.default.removeItem(atPath: seeded.path)
        }
        if let first = plan.depths.first, let last = plan.depths.last, let shallow = cycles[first],
            let deep = cycles[last], deep > 0
        {
            let growth = shallow / deep
            figures.set("growth_1m_over_1k", growth)
            figures.add(.init(
                figure: "schedule cost growth, \(last) over \(first) tasks", value: growth.figure,
                limit: Target.growth.figure, ratio: growth / Target.growth, target: "≤ 1", met: growth <= Target.growth))
        }
        if let first = plan.depths.first, let last = plan.depths.last, let shallow = cpuPerCycle[first],
            let deep = cpuPerCycle[last], shallow > 0
        {
            figures.set("growth_cpu_per_cycle", deep / shallow)
            figures.add(.init(
                figure: "manager CPU per cycle growth, \(last) over \(first) tasks", value: (deep / shallow).figure,
                limit: Target.growth.figure, ratio: deep / shallow / Target.growth))
        }
        return figures
    }

    /// Task updates, may-i-run, a 10,000-task submission, start-up and peak RSS, on the deepest farm.
    private func measureDeepest(
        depth: Int, manager: ManagerUnderTest, http: BenchHTTP, workers: [BenchWorker], post: Double,
        get: Double, into figures: inout SuiteFigures
    ) async throws {
        let holding = try await HeldTaskPhases.acquireTasks(http, workers: workers)
        let updates = await HeldTaskPhases.updates(http, workers: holding, warmUp: plan.warmUp, measure: plan.measure)
        let updateP99 = updates.latencies.percentile(0.99)
        progress("depth \(depth): \(updates.perSecond.figure) task updates/s, p99 \(updateP99.figure) ms, \(updates.errors) failed, load generator \(updates.cpuCores.figure) cores")
        let mayIRun = await HeldTaskPhases.mayIRun(http, workers: holding, warmUp: plan.warmUp, measure: plan.measure)
        progress("depth \(depth): \(mayIRun.perSecond.figure) may-i-run/s, \(mayIRun.errors) failed")
        let scrape = try await MetricsScrapePhase.run(http)
        progress("depth \(depth): /metrics scrape median \(scrape.medianMilliseconds.figure) ms (\(scrape.bytes) bytes)")
        let submit = try await SubmitPhase.run(http)
        progress("depth \(depth): 10,000-task job submitted in \(submit.figure) s")
        let scripted = try await ScriptedSubmitPhase.run(http)
        progress("depth \(depth): 10,000-task job of a JavaScript job type submitted in \(scripted.figure) s")
        let rss = manager.peakRSSMegabytes
        let startup = manager.startupSeconds
        figures.set("task_update.per_s", updates.perSecond)
        figures.set("task_update.p99_ms", updateP99)
        figures.set("may_i_run.per_s", mayIRun.perSecond)
        figures.set("metrics.scrape_ms", scrape.medianMilliseconds)
        figures.set("submit_10k_s", submit)
        figures.set("jobtype_js_10k_s", scripted)
        figures.set("rss_mb", rss)
        figures.set("startup_1m_s", startup)
        figures.set("loadgen_cpu_cores.task_update", updates.cpuCores)
        figures.set("loadgen_cpu_cores.may_i_run", mayIRun.cpuCores)
        let share = updates.perSecond / post
        figures.add(.init(
            figure: "task updates/s, 5 × 75-byte log lines (load generator \(updates.cpuCores.figure) cores)",
            value: updates.perSecond.figure, limit: "\(post.figure) POST/s", ratio: share,
            target: "≥ \(Target.updateShareOfPost)", met: share >= Target.updateShareOfPost))
        figures.add(.init(figure: "task update p99 (ms)", value: updateP99.figure))
        figures.add(.init(
            figure: "may-i-run/s (load generator \(mayIRun.cpuCores.figure) cores)", value: mayIRun.perSecond.figure,
            limit: "\(get.figure) GET/s", ratio: mayIRun.perSecond / get))
        figures.add(.init(
            figure: "/metrics scrape median at \(depth) tasks (ms)", value: scrape.medianMilliseconds.figure,
            limit: "\(Target.scrapeMilliseconds.figure) ms", ratio: scrape.medianMilliseconds / Target.scrapeMilliseconds,
            target: "≤ 1", met: scrape.medianMilliseconds <= Target.scrapeMilliseconds))
        figures.add(.init(
            figure: "submit one 10,000-task job (s)", value: submit.figure, limit: "\(Target.submitSeconds.figure) s",
            ratio: submit / Target.submitSeconds, target: "≤ 1", met: submit <= Target.submitSeconds))
        figures.add(.init(
            figure: "submit one 10,000-task job of a JavaScript job type (s)", value: scripted.figure,
            limit: "\(Target.scriptedSubmitSeconds.figure) s", ratio: scripted / Target.scriptedSubmitSeconds,
            target: "≤ 1", met: scripted <= Target.scriptedSubmitSeconds))
        figures.add(.init(
            figure: "manager peak RSS at \(depth) tasks (MB)", value: rss.figure,
            limit: "\(Target.rssMegabytes.figure) MB", ratio: rss / Target.rssMegabytes, target: "≤ 1",
            met: rss <= Target.rssMegabytes))
        figures.add(.init(
            figure: "manager start to first answer at \(depth) tasks (s)", value: startup.figure,
            limit: "\(Target.startupSeconds.figure) s", ratio: startup / Target.startupSeconds, target: "≤ 1",
            met: startup <= Target.startupSeconds))
    }

    private func progress(_ line: String) {
        Console.line(line)
    }
}
