import CJavaScriptCore
import FarmModel
import Foundation

/// One fresh JavaScript global context with the author API installed, used for one load or one compile and then
/// released, so nothing a script does survives into the next job.
final class ScriptContext {
    private let context: JSGlobalContextRef
    private let deadline: ScriptDeadline
    private var api: JSObjectRef?

    /// Creates the context and installs the author API; throws only if the API itself fails to install.
    init(group: JSContextGroupRef, natives: ScriptNatives, deadline: ScriptDeadline) throws(ScriptFailure) {
        self.context = JSGlobalContextCreateInGroup(group, nil)
        self.deadline = deadline
        let install = try evaluate(AuthorAPI.source, file: AuthorAPI.sourceURL)
        let host = try parseJSON(natives.hostJSON)
        var arguments: [JSValueRef?] = [natives.makeObject(in: context), host]
        guard let installFunction = JSValueToObject(context, install, nil) else {
            throw ScriptFailure(message: "the author API did not evaluate to a function")
        }
        let api: JSValueRef = try guarded { JSObjectCallAsFunction(context, installFunction, nil, 2, &arguments, &$0) }
        self.api = JSValueToObject(context, api, nil)
        JSValueProtect(context, api)
    }

    deinit {
        if let api { JSValueUnprotect(context, api) }
        JSGlobalContextRelease(context)
    }

    /// Evaluates a script as a top-level program; `file` names it in errors.
    @discardableResult
    func evaluate(_ source: String, file: String) throws(ScriptFailure) -> JSValueRef {
        try JSText.with(source) { (script) throws(ScriptFailure) -> JSValueRef in
            try JSText.with(file) { (url) throws(ScriptFailure) -> JSValueRef in
                try guarded { JSEvaluateScript(context, script, nil, url, 1, &$0) }
            }
        }
    }

    /// Calls `describe()` of the API and returns its JSON: `{jobType, hasCompileJob}`.
    func describe() throws(ScriptFailure) -> JSONValue {
        try json(of: call("describe", argument: nil))
    }

    /// Calls `compile(input)` of the API with the job as JSON text; returns the authored job as JSON.
    func compile(inputJSON: String) throws(ScriptFailure) -> JSONValue {
        try json(of: call("compile", argument: try parseJSON(inputJSON)))
    }

    private func call(_ name: String, argument: JSValueRef?) throws(ScriptFailure) -> JSValueRef {
        guard let api,
            let function = JSText.property(name, of: api, in: context).flatMap({ JSValueToObject(context, $0, nil) })
        else { throw ScriptFailure(message: "the author API has no \(name) function") }
        var arguments: [JSValueRef?] = argument.map { [$0] } ?? []
        return try guarded { JSObjectCallAsFunction(context, function, api, arguments.count, &arguments, &$0) }
    }

    private func parseJSON(_ text: String) throws(ScriptFailure) -> JSValueRef {
        guard let value = JSText.with(text, { JSValueMakeFromJSONString(context, $0) }) else {
            throw ScriptFailure(message: "internal error: the job could not be handed to the script as JSON")
        }
        return value
    }

    private func json(of value: JSValueRef) throws(ScriptFailure) -> JSONValue {
        let string: JSStringRef = try guarded { JSValueCreateJSONString(context, value, 0, &$0) }
        defer { JSStringRelease(string) }
        do {
            return try JSONValueParser.parse(JSText.string(string))
        } catch {
            throw ScriptFailure(message: "the script's result is not valid JSON (offset \(error.offset))")
        }
    }

    /// Runs one JavaScriptCore call under the time limit, turning an exception into a `ScriptFailure`.
    private func guarded<T>(_ body: (inout JSValueRef?) -> T?) throws(ScriptFailure) -> T {
        let group = JSContextGetGroup(context)!
        try deadline.arm(group)
        var exception: JSValueRef?
        let result = body(&exception)
        if deadline.didExpire { throw deadline.failure }
        if let exception { throw failure(from: exception) }
        guard let result else { throw ScriptFailure(message: "the script returned nothing where a value was expected") }
        return result
    }

    /// The message and location of a thrown value: `line`/`sourceURL` of an Error, else the first script frame of
    /// its stack (errors thrown by native helpers carry no line of their own).
    private func failure(from exception: JSValueRef) -> ScriptFailure {
        var failure = ScriptFailure(message: JSText.string(of: exception, in: context) ?? "an exception was thrown")
        guard let object = JSValueToObject(context, exception, nil) else { return failure }
        let url = JSText.property("sourceURL", of: object, in: context).flatMap { value -> String? in
            JSValueIsString(context, value) ? JSText.string(of: value, in: context) : nil
        }
        let line = JSText.property("line", of: object, in: context).flatMap { value -> Int? in
            JSValueIsNumber(context, value) ? Int(exactly: JSValueToNumber(context, value, nil)) : nil
        }
        if let url, url != AuthorAPI.sourceURL, let line {
            failure.file = url
            failure.line = line
        } else if let stack = JSText.property("stack", of: object, in: context).flatMap({
            JSValueIsString(context, $0) ? JSText.string(of: $0, in: context) : nil
        }), let frame = Self.firstScriptFrame(in: stack) {
            failure.file = frame.file
            failure.line = frame.line
        }
        return failure
    }

    /// The first `function@file:line:column` frame of a stack trace that lies in a script file.
    static func firstScriptFrame(in stack: String) -> (file: String, line: Int)? {
        for frame in stack.split(separator: "\n") {
            let location = frame.split(separator: "@", maxSplits: 1).last.map(String.init) ?? String(frame)
            let parts = location.split(separator: ":")
            guard parts.count >= 3, let line = Int(parts[parts.count - 2]) else { continue }
            let file = parts[..<(parts.count - 2)].joined(separator: ":")
            if file.hasSuffix(".js") { return (file, line) }
        }
        return nil
    }
}
