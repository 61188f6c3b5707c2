/// A failure of the farm under test, with what the processes printed, for the test's failure message.
struct EndToEndFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
