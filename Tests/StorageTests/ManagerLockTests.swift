import Foundation
import Storage
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The run record beside the database: one holder at a time, and what it says about the previous run.
@Suite struct ManagerLockTests {
    private func withFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "tablao-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder.appending(path: "tablao.sqlite").path)
    }

    @Test func aSecondHolderIsRefusedNamingTheFirstsPID() throws {
        try withFolder { database in
            let first = try ManagerLock.acquire(forDatabase: database)
            try first.recordRunning()
            defer { first.release() }
            #expect(throws: ManagerLock.Failure.self) { try ManagerLock.acquire(forDatabase: database) }
            do {
                _ = try ManagerLock.acquire(forDatabase: database)
            } catch {
                #expect("\(error)".contains("\(database) is already served by another Tablao Manager (PID \(getpid())"))
            }
        }
    }

    @Test func theRecordTellsACleanStopFromACrash() throws {
        try withFolder { database in
            let fresh = try ManagerLock.acquire(forDatabase: database)
            #expect(fresh.previousRun == .unknown)
            try fresh.recordRunning()
            fresh.release()  // as a crash would: the PID stays in the record

            let afterCrash = try ManagerLock.acquire(forDatabase: database)
            #expect(afterCrash.previousRun == .didNotStopCleanly(pid: getpid()))
            try afterCrash.releaseAfterCleanShutdown()

            let afterCleanStop = try ManagerLock.acquire(forDatabase: database)
            #expect(afterCleanStop.previousRun == .stoppedCleanly)
            afterCleanStop.release()  // refused to start before running: the record is untouched

            let afterRefusal = try ManagerLock.acquire(forDatabase: database)
            #expect(afterRefusal.previousRun == .stoppedCleanly)
            afterRefusal.release()
        }
    }
}
