/// Sizes in configuration: a number of bytes (`1048576`) or one with a binary unit (`512KiB`, `64MiB`, `2GiB`;
/// `K`, `M`, `G` and `KB`, `MB`, `GB` mean the same).
enum ByteSizeSyntax {
    static func parse(_ text: String) -> Int? {
        let text = text.filter { $0 != " " }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        let units: [String: Int] = [
            "": 1, "B": 1, "K": 1 << 10, "KB": 1 << 10, "KIB": 1 << 10, "M": 1 << 20, "MB": 1 << 20, "MIB": 1 << 20,
            "G": 1 << 30, "GB": 1 << 30, "GIB": 1 << 30,
        ]
        guard let multiplier = units[text.dropFirst(digits.count).uppercased()] else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }
}
