import Foundation

/// The fake Blender's record of its runs (`FAKE_BLENDER_LEDGER`): lines appended in the order they happened.
struct RenderLedger {
    /// One line: `<event> <frames> worker=<pid>`.
    struct Entry: Equatable, CustomStringConvertible {
        /// `start`, `done` or `orphaned` (the worker died mid-render).
        let event: String
        /// The `--render-frame` argument, e.g. `4..6`.
        let frames: String
        /// The pid of the `tablao worker` that ran Blender.
        let worker: Int32

        var description: String { "\(event) \(frames) worker=\(worker)" }
    }

    let entries: [Entry]

    init(contentsOf url: URL) {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        entries = text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count == 3, fields[2].hasPrefix("worker="), let pid = Int32(fields[2].dropFirst(7)) else {
                return nil
            }
            return Entry(event: String(fields[0]), frames: String(fields[1]), worker: pid)
        }
    }

    /// The entries about one frame chunk, in order.
    func entries(forFrames frames: String) -> [Entry] { entries.filter { $0.frames == frames } }

    /// Runs that overlapped: a chunk started again before its previous run ended, or a worker started a run before
    /// its previous one ended. Empty when no chunk and no worker ever had two runs at once.
    var overlaps: [String] {
        var runningByChunk: [String: Int32] = [:]
        var runningByWorker: [Int32: String] = [:]
        var problems: [String] = []
        for entry in entries {
            if entry.event == "start" {
                if let other = runningByChunk[entry.frames] {
                    problems.append("\(entry) while worker \(other) still ran that chunk")
                }
                if let other = runningByWorker[entry.worker] {
                    problems.append("\(entry) while that worker still ran \(other)")
                }
                runningByChunk[entry.frames] = entry.worker
                runningByWorker[entry.worker] = entry.frames
            } else {
                runningByChunk[entry.frames] = nil
                runningByWorker[entry.worker] = nil
            }
        }
        return problems
    }
}
