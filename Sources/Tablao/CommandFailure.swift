import ArgumentParser
import Foundation

/// Ends a command on a problem with its settings or its situation (not with its command line): `tablao <command>:
/// <message>` on standard error, no usage text (it would only bury the one line that matters), and `status`: 1 by
/// default, 64 (``ExitCode/validationFailure``) for invalid configuration, which the systemd unit does not restart on.
func failCommand(_ command: String, _ message: String, status: ExitCode = .failure) -> ExitCode {
    FileHandle.standardError.write(Data("tablao \(command): \(message)\n".utf8))
    return status
}
