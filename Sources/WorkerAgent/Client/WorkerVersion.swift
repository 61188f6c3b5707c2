/// The worker's software version, sent at sign-on.
public enum WorkerVersion {
    /// Reported as `software_version` and in the User-Agent.
    public static let current = "0.1.0"
}
