import CJavaScriptCore

/// A Swift closure callable from JavaScript: the arguments and the context come in, a value goes out, and a thrown
/// `NativeFunction.Failure` becomes a JavaScript `Error` with its message.
final class NativeFunction {
    /// A refusal that the script sees as a thrown `Error`.
    ///
    /// `@unchecked Sendable`: `thrown` is a JavaScriptCore value that never leaves the script thread it was made on.
    struct Failure: Error, @unchecked Sendable {
        let message: String
        /// A JavaScript value to rethrow as it is (such as a module's syntax error, which carries its line).
        let thrown: JSValueRef?
        init(_ message: String, thrown: JSValueRef? = nil) {
            self.message = message
            self.thrown = thrown
        }
    }

    /// The call's context and arguments, with conversions.
    struct Call {
        let context: JSContextRef
        let arguments: [JSValueRef]

        /// Argument `index` as a string (`String(value)`); `undefined` if absent.
        func string(_ index: Int) throws(Failure) -> String {
            guard index < arguments.count else { return "undefined" }
            guard let text = JSText.string(of: arguments[index], in: context) else {
                throw Failure("argument \(index + 1) cannot be converted to a string")
            }
            return text
        }

        /// Argument `index` as a number (`Number(value)`); NaN if absent.
        func number(_ index: Int) -> Double {
            guard index < arguments.count else { return .nan }
            var exception: JSValueRef?
            let number = JSValueToNumber(context, arguments[index], &exception)
            return exception == nil ? number : .nan
        }

        /// Every argument as a string.
        func strings() throws(Failure) -> [String] {
            var result: [String] = []
            for index in arguments.indices { result.append(try string(index)) }
            return result
        }

        /// A string value.
        func value(_ text: String) -> JSValueRef { JSText.value(text, in: context) }

        /// A number value.
        func value(_ number: Double) -> JSValueRef { JSValueMakeNumber(context, number) }

        /// An array of strings.
        func value(_ texts: [String]) -> JSValueRef {
            var items: [JSValueRef?] = texts.map { value($0) }
            return JSObjectMakeArray(context, items.count, &items, nil)
        }
    }

    typealias Body = (Call) throws(Failure) -> JSValueRef

    let body: Body

    private init(body: @escaping Body) { self.body = body }

    /// The class whose instances are callable native functions; created once per process (classes are immutable).
    nonisolated(unsafe) private static let functionClass: JSClassRef = {
        var definition = kJSClassDefinitionEmpty
        definition.className = nil
        definition.callAsFunction = { context, function, _, count, arguments, exception in
            guard let context, let function, let pointer = JSObjectGetPrivate(function) else {
                return nil
            }
            let native = Unmanaged<NativeFunction>.fromOpaque(pointer).takeUnretainedValue()
            let values = (0..<count).compactMap { arguments?[$0] }
            do throws(Failure) {
                return try native.body(Call(context: context, arguments: values))
            } catch {
                if let thrown = error.thrown {
                    exception?.pointee = thrown
                    return nil
                }
                var message: [JSValueRef?] = [JSText.value(error.message, in: context)]
                exception?.pointee = JSObjectMakeError(context, 1, &message, nil)
                return nil
            }
        }
        definition.finalize = { object in
            guard let pointer = JSObjectGetPrivate(object) else { return }
            Unmanaged<NativeFunction>.fromOpaque(pointer).release()
        }
        return JSClassCreate(&definition)
    }()

    /// A JavaScript function object that runs `body`; the object keeps the closure alive until it is collected.
    static func make(in context: JSContextRef, _ body: @escaping Body) -> JSObjectRef {
        let native = Unmanaged.passRetained(NativeFunction(body: body)).toOpaque()
        return JSObjectMake(context, functionClass, native)
    }
}
