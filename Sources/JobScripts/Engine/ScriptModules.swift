import CJavaScriptCore
import Foundation

/// `require()` of files in the job-types folder: names resolve against the folder itself (`./lib/x`, `lib/x.js`
/// and `lib/x` are the same module) and may not leave it.
struct ScriptModules: Sendable {
    /// The job-types folder.
    let folder: URL

    /// The module's path relative to the folder, `.js` included; throws if it is outside or missing.
    func resolve(_ name: String) throws(NativeFunction.Failure) -> String {
        var parts = name.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        parts.removeAll { $0 == "." }
        guard !name.hasPrefix("/"), !parts.isEmpty, !parts.contains("..") else {
            throw NativeFunction.Failure("require(\"\(name)\"): modules are files inside the job-types folder")
        }
        if !parts[parts.count - 1].hasSuffix(".js") { parts[parts.count - 1] += ".js" }
        let relative = parts.joined(separator: "/")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.appending(path: relative).path, isDirectory: &isDirectory),
            !isDirectory.boolValue
        else {
            throw NativeFunction.Failure("require(\"\(name)\"): no file \(relative) in the job-types folder")
        }
        return relative
    }

    /// Reads a module and evaluates it as `function (module, exports, require)`, keeping its line numbers.
    func load(_ relative: String, in context: JSContextRef) throws(NativeFunction.Failure) -> JSValueRef {
        let source: String
        do {
            source = try String(contentsOf: folder.appending(path: relative), encoding: .utf8)
        } catch {
            throw NativeFunction.Failure("require: cannot read \(relative): \(error.localizedDescription)")
        }
        // The wrapper starts on the module's first line, so line numbers in errors stay the file's own.
        let wrapped = "(function (module, exports, require) {" + source + "\n})"
        var exception: JSValueRef?
        let function = JSText.with(wrapped) { script in
            JSText.with(relative) { url in JSEvaluateScript(context, script, nil, url, 1, &exception) }
        }
        if let exception { throw NativeFunction.Failure("require: \(relative) failed", thrown: exception) }
        guard let function else { throw NativeFunction.Failure("require: \(relative) did not evaluate") }
        return function
    }
}
