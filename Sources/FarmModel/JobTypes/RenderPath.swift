/// Path helpers for compiled commands. Paths are for the workers' platforms, so they are handled as
/// text with `/` separators (a `\` becomes `/` first), never through the Manager's file system.
enum RenderPath {
    /// Replaces every backslash with a slash.
    static func toSlash(_ path: String) -> String {
        String(path.map { $0 == "\\" ? "/" : $0 })
    }

    /// Joins the non-empty parts with `/`, then removes duplicate and trailing slashes.
    ///
    /// Like Flamenco, this also turns a UNC prefix `//server` into `/server`.
    static func join(_ parts: String...) -> String {
        let joined = parts.filter { !$0.isEmpty }.map(toSlash).joined(separator: "/")
        let isAbsolute = joined.hasPrefix("/")
        let body = joined.split(separator: "/").joined(separator: "/")
        return isAbsolute ? "/" + body : body
    }

    /// Everything before the last path component, without trailing slashes; `.` if there is none.
    static func dirname(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(toSlash(path))
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let parent = trimmingTrailingSlashes(String(trimmed[..<slash]))
        return parent.isEmpty ? "/" : parent
    }

    /// The last path component, ignoring trailing slashes.
    static func basename(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(toSlash(path))
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// The last path component without its last extension (`a.flamenco.blend` → `a.flamenco`);
    /// a leading dot does not start an extension.
    static func stem(_ path: String) -> String {
        let name = basename(path)
        guard let dot = name.lastIndex(of: "."), dot > name.startIndex else { return name }
        return String(name[..<dot])
    }

    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }
}
