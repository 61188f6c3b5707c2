import Dispatch
import Foundation

/// Stops a subprocess's whole process group: SIGTERM now, SIGKILL after a grace period (worker-agent.md §2.4).
struct GroupStopper: Sendable {
    let process: Subprocess
    let grace: Duration

    func stop() {
        process.signalGroup(SIGTERM)
        let components = grace.components
        let nanoseconds = Int(components.seconds) * 1_000_000_000 + Int(components.attoseconds / 1_000_000_000)
        let process = self.process
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
            process.signalGroup(SIGKILL)
        }
    }
}
