/// The Manager's variables, each with per-platform values (protocol.md §7.5).
public struct VariableSet: Sendable, Hashable {
    /// The values of one variable.
    public struct Values: Sendable, Hashable {
        /// Values for named platforms (lower-case Go `GOOS` names: `linux`, `darwin`, `windows`, …).
        public var byPlatform: [String: String]
        /// The value for any platform not in `byPlatform` (Flamenco's `all`); nil leaves `{name}` unexpanded.
        public var fallback: String?

        /// Creates per-platform values.
        public init(byPlatform: [String: String] = [:], fallback: String? = nil) {
            self.byPlatform = byPlatform
            self.fallback = fallback
        }

        /// The value for `platform` (matched case-insensitively), or the fallback.
        public func value(forPlatform platform: String) -> String? {
            byPlatform[platform.lowercased()] ?? fallback
        }
    }

    /// Variables by name.
    public var variables: [String: Values]

    /// Creates a set from variables by name.
    public init(_ variables: [String: Values] = [:]) {
        self.variables = variables
    }

    /// Flamenco's default variables: `blender`, `blenderArgs` and the implicit `jobs`.
    ///
    /// Platforms other than `windows` (FreeBSD and friends) get the Unix values: `blender` is then found
    /// on the `PATH` just as on Linux and macOS.
    public static func defaults(sharedStoragePath: String) -> VariableSet {
        VariableSet([
            "blender": Values(byPlatform: ["windows": "blender.exe"], fallback: "blender"),
            "blenderArgs": Values(fallback: "-b -y"),
            "jobs": Values(fallback: sharedStoragePath),
        ])
    }

    /// The name → value map for a worker on `platform`; variables without a value there are left out.
    public func values(forPlatform platform: String) -> [String: String] {
        variables.compactMapValues { $0.value(forPlatform: platform) }
    }
}
