/// The size cap of one task log: the oldest lines are kept; the append that reaches the cap keeps the whole lines
/// that fit and adds one marker line, and every later append is dropped (the file is then over the cap by the marker).
struct TaskLogLimit {
    let maximumBytes: Int

    /// The bytes to append to a log of `currentSize` bytes (possibly none).
    func capped(_ bytes: [UInt8], currentSize: Int) -> [UInt8] {
        if currentSize > maximumBytes { return [] }
        if currentSize + bytes.count <= maximumBytes { return bytes }
        let room = maximumBytes - currentSize
        let kept = bytes[..<room].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        return Array(bytes[..<kept]) + Array(marker.utf8)
    }

    /// The line that ends a log that reached its cap.
    var marker: String {
        "Tablao: this task log reached its size limit of \(maximumBytes) bytes (setting task_log_max_size); "
            + "later lines are dropped.\n"
    }
}
