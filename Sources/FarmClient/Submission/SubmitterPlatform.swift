/// The submitting machine's operating system, in Go's `GOOS` words as Flamenco's `submitter_platform` expects.
public enum SubmitterPlatform {
    /// `linux`, `darwin`, `windows`, or `unknown`.
    public static var current: String {
        #if os(Linux)
            "linux"
        #elseif os(macOS)
            "darwin"
        #elseif os(Windows)
            "windows"
        #else
            "unknown"
        #endif
    }
}
