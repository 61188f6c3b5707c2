import Foundation

/// What the Manager itself wrote into one task log, in order: assignments and status changes.
///
/// Manager lines are `<timestamp> <note>`; worker lines (`pid=… > …`, `echo: …`, `slept …`) are not read.
struct TaskLogHistory {
    /// One Manager note.
    enum Event: Equatable {
        /// `task assigned to worker <name> (<uuid>)`.
        case assigned(worker: String)
        /// `task changed status <from> -> <to>`.
        case statusChanged(from: String, to: String)
    }

    let events: [Event]

    init(log: String) {
        var events: [Event] = []
        for line in log.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].first?.isNumber == true else { continue }
            let note = parts[1]
            if note.hasPrefix("task changed status ") {
                let change = note.dropFirst("task changed status ".count).components(separatedBy: " -> ")
                if change.count == 2 { events.append(.statusChanged(from: change[0], to: change[1])) }
            } else if note.hasPrefix("task assigned to worker "), let open = note.lastIndex(of: "("),
                note.last == ")"
            {
                events.append(
                    .assigned(worker: String(note[note.index(after: open)..<note.index(before: note.endIndex)])))
            }
        }
        self.events = events
    }

    /// How many times the task became `completed`.
    var completions: Int { events.filter { $0 == .statusChanged(from: "active", to: "completed") }.count }

    /// The UUIDs of the workers it was assigned to, in order.
    var assignedWorkers: [String] {
        events.compactMap { if case .assigned(let worker) = $0 { worker } else { nil } }
    }

    /// Problems showing the task held by two workers at once: an assignment, or a new `-> active`, while a worker
    /// still held it (no `active -> …` change in between). Empty when every hold ended before the next began.
    var overlappingHolds: [String] {
        var holder: String?
        var isActive = false
        var problems: [String] = []
        for event in events {
            switch event {
            case .statusChanged(let from, let to):
                if to == "active" {
                    if isActive || holder != nil {
                        problems.append("became active again while held by \(holder ?? "?")")
                    }
                    isActive = true
                } else if from == "active" {
                    isActive = false
                    holder = nil
                }
            case .assigned(let worker):
                if let holder, holder != worker { problems.append("assigned to \(worker) while held by \(holder)") }
                holder = worker
            }
        }
        return problems
    }
}
