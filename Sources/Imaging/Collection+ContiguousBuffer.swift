extension Collection<UInt8> {
    /// Calls `body` with the bytes in contiguous memory, copying them only when the collection isn't contiguous.
    func withContiguousBuffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = withContiguousStorageIfAvailable(body) {
            return result
        }
        return Array(self).withUnsafeBufferPointer(body)
    }
}
