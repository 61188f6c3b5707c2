import CJavaScriptCore
import FarmModel
import Foundation
import Logging

/// The native half of the author API (`native.*` in `AuthorAPI`): Tablao's own frame-range, timestamp, path and
/// quoting code, script logging, and reading modules for `require()` from the job-types folder.
struct ScriptNatives: Sendable {
    /// The job-types folder; `require()` resolves names inside it and never outside.
    var folder: URL
    /// The script these natives serve, for log metadata.
    var script: String
    /// The Manager's time zone, in which `formatTimestampLocal` writes.
    var timeZone: TimeZone
    /// Where `print` and `alert` go.
    var logger: Logger

    /// `host` of `AuthorAPI`: facts the JavaScript side reads directly.
    var hostJSON: String {
        let platform: String
        #if os(Linux)
            platform = "linux"
        #elseif os(macOS)
            platform = "darwin"
        #else
            platform = "unknown"
        #endif
        return JSONValue.object([
            "cwd": .string(FileManager.default.currentDirectoryPath), "platform": .string(platform),
            "maximumTasks": .int(Int64(JobCompileLimits.maximumTaskCount)),
            "taskPriority": .int(Int64(JobCompileLimits.builtInTaskPriority)),
        ]).jsonText()
    }

    /// The `native` object handed to `AuthorAPI`.
    func makeObject(in context: JSContextRef) -> JSObjectRef {
        let object = JSObjectMake(context, nil, nil)!
        func add(_ name: String, _ body: @escaping NativeFunction.Body) {
            JSText.with(name) {
                JSObjectSetProperty(context, object, $0, NativeFunction.make(in: context, body), 0, nil)
            }
        }
        let logger = self.logger
        let script = self.script
        let timeZone = self.timeZone
        add("log") { (call) throws(NativeFunction.Failure) in
            let text = try call.string(1)
            let level: Logger.Level = try call.string(0) == "alert" ? .notice : .info
            logger.log(level: level, "Job type script output", metadata: ["script": "\(script)", "text": "\(text)"])
            return JSValueMakeUndefined(call.context)
        }
        add("frameChunks") { (call) throws(NativeFunction.Failure) in
            let size = call.number(1)
            guard size.isFinite, size == size.rounded(), let chunkSize = Int(exactly: size) else {
                throw NativeFunction.Failure("frameChunker: chunk size \(size) is not a whole number")
            }
            let frames = try call.string(0)
            do throws(JobAuthoringHelpers.FrameRangeError) {
                return call.value(try JobAuthoringHelpers.frameChunks(frames, chunkSize: chunkSize))
            } catch {
                throw NativeFunction.Failure("frameChunker: \(error.reason)")
            }
        }
        add("frameCount") { (call) throws(NativeFunction.Failure) in
            let frames = try call.string(0)
            do throws(JobAuthoringHelpers.FrameRangeError) {
                return call.value(Double(try JobAuthoringHelpers.frameCount(frames)))
            } catch {
                throw NativeFunction.Failure("frameCount: \(error.reason)")
            }
        }
        add("timestamp") { call in
            call.value(JobAuthoringHelpers.timestamp(Date(timeIntervalSince1970: call.number(0) / 1000), in: timeZone))
        }
        add("shellSplit") { (call) throws(NativeFunction.Failure) in
            guard let words = JobAuthoringHelpers.shellSplit(try call.string(0)) else {
                throw NativeFunction.Failure("shellSplit: unterminated quote or trailing backslash")
            }
            return call.value(words)
        }
        add("join") { (call) throws(NativeFunction.Failure) in
            call.value(JobAuthoringHelpers.joinPath(try call.strings()))
        }
        add("dirname") { (call) throws(NativeFunction.Failure) in
            call.value(JobAuthoringHelpers.dirname(try call.string(0)))
        }
        add("basename") { (call) throws(NativeFunction.Failure) in
            call.value(JobAuthoringHelpers.basename(try call.string(0)))
        }
        add("stem") { (call) throws(NativeFunction.Failure) in call.value(JobAuthoringHelpers.stem(try call.string(0)))
        }
        let modules = ScriptModules(folder: folder)
        add("resolveModule") { (call) throws(NativeFunction.Failure) in
            call.value(try modules.resolve(try call.string(0)))
        }
        add("loadModule") { (call) throws(NativeFunction.Failure) in
            try modules.load(try call.string(0), in: call.context)
        }
        return object
    }
}
