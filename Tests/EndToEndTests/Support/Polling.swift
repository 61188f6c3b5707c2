/// One look at the farm while waiting for something.
enum Poll<Value> {
    /// What was waited for has happened.
    case done(Value)
    /// Not yet; the text says how things stand (printed if the wait times out).
    case waiting(String)
}
