import Foundation

/// The machine a run happened on: processors, memory and load (the machine may be shared).
struct MachineInfo {
    var processors: Int
    var memoryGiB: Double
    var load: String

    static func current() -> MachineInfo {
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let totalKiB = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { Double($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        return MachineInfo(
            processors: ProcessInfo.processInfo.activeProcessorCount, memoryGiB: totalKiB / 1_048_576, load: load)
    }

    var summary: String {
        String(format: "nproc %d, %.1f GiB memory, load average %@", processors, memoryGiB, load)
    }
}
