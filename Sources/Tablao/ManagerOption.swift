import ArgumentParser
import FarmClient
import Foundation

/// `--manager URL` of the client commands, falling back to `TABLAO_MANAGER`, then `http://localhost:8080`.
struct ManagerOption: ParsableArguments {
    @Option(name: .long, help: "Manager base URL (default $TABLAO_MANAGER, else http://localhost:8080).")
    var manager: String?

    /// A client of the chosen Manager.
    var client: FarmAPIClient {
        FarmAPIClient(manager: ManagerAddress.resolve(option: manager, environment: ProcessInfo.processInfo.environment))
    }
}

/// Ends a client command on an error: its message on standard error, exit status 1.
func failCommand(_ command: String, _ error: any Error) -> ExitCode {
    FileHandle.standardError.write(Data("tablao \(command): \(error)\n".utf8))
    return ExitCode.failure
}

/// Writes a body received from the Manager to standard output, with a final newline.
func printRaw(_ data: Data) {
    FileHandle.standardOutput.write(data)
    if data.last != UInt8(ascii: "\n") { FileHandle.standardOutput.write(Data("\n".utf8)) }
}
