import CImaging

/// The result of a C call that reports failure through a status code and a message buffer.
struct CodecCall {
    /// The status the C function returned.
    let status: cimaging_status
    /// The NUL-terminated message the C function wrote, empty on success.
    let message: String

    /// Runs `body` with a message buffer of `CIMAGING_MESSAGE_CAPACITY` bytes.
    init(_ body: (UnsafeMutablePointer<CChar>, Int) -> cimaging_status) {
        (status, message) = withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(CIMAGING_MESSAGE_CAPACITY)) {
            buffer in
            buffer.initialize(repeating: 0)
            let status = body(buffer.baseAddress!, buffer.count)
            buffer[buffer.count - 1] = 0
            return (status, String(cString: buffer.baseAddress!))
        }
    }

    /// The error for a failed encode, or nil on success.
    var encodeError: ImagingError? {
        switch status {
        case CIMAGING_OK: nil
        case CIMAGING_ERROR_OUT_OF_MEMORY: .outOfMemory
        default: .encodeFailed(reason: message)
        }
    }
}
