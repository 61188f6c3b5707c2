import CJavaScriptCore

/// Conversions between Swift strings and JavaScriptCore strings and values.
enum JSText {
    /// Runs `body` with a temporary JavaScriptCore string holding `text`.
    static func with<T, Failure: Error>(_ text: String, _ body: (JSStringRef) throws(Failure) -> T) throws(Failure) -> T
    {
        let string = JSStringCreateWithUTF8CString(text)!
        defer { JSStringRelease(string) }
        return try body(string)
    }

    /// The Swift text of a JavaScriptCore string.
    static func string(_ string: JSStringRef) -> String {
        // JavaScriptCore keeps strings as UTF-16; transcoding in one pass is the cheapest way out (results of 5 MB).
        let count = JSStringGetLength(string)
        guard count > 0, let characters = JSStringGetCharactersPtr(string) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: characters, count: count), as: UTF16.self)
    }

    /// `String(value)` as JavaScript computes it; nil if that throws.
    static func string(of value: JSValueRef, in context: JSContextRef) -> String? {
        var exception: JSValueRef?
        guard let string = JSValueToStringCopy(context, value, &exception), exception == nil else { return nil }
        defer { JSStringRelease(string) }
        return Self.string(string)
    }

    /// A JavaScript string value.
    static func value(_ text: String, in context: JSContextRef) -> JSValueRef {
        with(text) { JSValueMakeString(context, $0) }
    }

    /// The value of `object[name]`, or nil if reading it throws.
    static func property(_ name: String, of object: JSObjectRef, in context: JSContextRef) -> JSValueRef? {
        var exception: JSValueRef?
        let value = with(name) { JSObjectGetProperty(context, object, $0, &exception) }
        return exception == nil ? value : nil
    }
}
