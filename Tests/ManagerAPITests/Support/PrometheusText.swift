import Foundation

/// A scrape parsed by ``PrometheusText/parse(_:)``: the families' types and help, and every sample.
struct PrometheusExposition: Sendable {
    /// One sample line.
    struct Sample: Sendable, Equatable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    /// Declared type per family name (`counter`, `gauge`, `histogram`, `summary`, `untyped`).
    var types: [String: String] = [:]
    /// Help text per family name, unescaped.
    var help: [String: String] = [:]
    var samples: [Sample] = []

    /// The value of the series `name{labels}`, nil when absent.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    /// Every series of `name`, by the value of its label `label`.
    func values(_ name: String, by label: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for sample in samples where sample.name == name {
            if let key = sample.labels[label] { result[key] = sample.value }
        }
        return result
    }
}

/// A strict reader of the Prometheus text exposition format 0.0.4, for tests: it rejects what Prometheus would
/// reject (bad names, bad escapes, bad numbers, a missing final newline, a TYPE or HELP given twice or after its
/// samples, a family split in two groups, a series given twice) and checks histograms (cumulative buckets, a
/// `+Inf` bucket equal to `_count`).
enum PrometheusText {
    /// Why a scrape is not valid, with the 1-based line.
    struct Invalid: Error, CustomStringConvertible, Equatable {
        let line: Int
        let reason: String
        var description: String { "line \(line): \(reason)" }
    }

    static let types: Set<String> = ["counter", "gauge", "histogram", "summary", "untyped"]

    static func parse(_ text: String) throws -> PrometheusExposition {
        guard text.isEmpty || text.hasSuffix("\n") else { throw Invalid(line: 0, reason: "the last line has no newline") }
        var exposition = PrometheusExposition()
        var finishedFamilies: Set<String> = []
        var currentFamily: String?
        var seenSeries: Set<String> = []
        var familiesWithSamples: Set<String> = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for (offset, raw) in lines.enumerated() {
            let number = offset + 1
            let line = String(raw)
            func fail(_ reason: String) -> Invalid { Invalid(line: number, reason: reason) }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line.hasPrefix("#") {
                let words = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true).map(String.init)
                guard words.count >= 3, words[0] == "#", words[1] == "HELP" || words[1] == "TYPE" else { continue }
                let name = words[2]
                guard isMetricName(name) else { throw fail("bad metric name \"\(name)\"") }
                guard !finishedFamilies.contains(name), !familiesWithSamples.contains(name) else {
                    throw fail("\(words[1]) for \(name) after its samples")
                }
                if words[1] == "TYPE" {
                    guard exposition.types[name] == nil else { throw fail("second TYPE for \(name)") }
                    guard words.count == 4, types.contains(words[3]) else { throw fail("bad TYPE line") }
                    exposition.types[name] = words[3]
                } else {
                    guard exposition.help[name] == nil else { throw fail("second HELP for \(name)") }
                    exposition.help[name] = try unescapeHelp(words.count == 4 ? words[3] : "", fail)
                }
                if let current = currentFamily, current != name { finishedFamilies.insert(current) }
                currentFamily = name
                continue
            }
            let sample = try parseSample(line, fail)
            let family = family(of: sample.name, in: exposition)
            guard !finishedFamilies.contains(family) else { throw fail("samples of \(family) are not in one group") }
            if let current = currentFamily, current != family { finishedFamilies.insert(current) }
            currentFamily = family
            familiesWithSamples.insert(family)
            let series = sample.name + "{" + sample.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: ",") + "}"
            guard seenSeries.insert(series).inserted else { throw fail("series \(series) given twice") }
            if exposition.types[family] == "counter", !(sample.value >= 0) {
                throw fail("counter \(sample.name) is negative or NaN")
            }
            exposition.samples.append(sample)
        }
        try checkHistograms(exposition)
        return exposition
    }

    /// The family a sample belongs to: a histogram's or summary's `_bucket`/`_sum`/`_count` lines belong to it.
    static func family(of name: String, in exposition: PrometheusExposition) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if let type = exposition.types[base], type == "histogram" || (type == "summary" && suffix != "_bucket") {
                return base
            }
        }
        return name
    }

    private static func checkHistograms(_ exposition: PrometheusExposition) throws {
        for (name, type) in exposition.types where type == "histogram" {
            var buckets: [[String: String]: [(Double, Double)]] = [:]
            for sample in exposition.samples where sample.name == name + "_bucket" {
                guard let le = sample.labels["le"], let bound = number(le) else {
                    throw Invalid(line: 0, reason: "\(name)_bucket without a numeric le label")
                }
                var rest = sample.labels
                rest["le"] = nil
                buckets[rest, default: []].append((bound, sample.value))
            }
            for (labels, series) in buckets {
                let sorted = series.sorted { $0.0 < $1.0 }
                for (lower, upper) in zip(sorted, sorted.dropFirst()) where upper.1 < lower.1 {
                    throw Invalid(line: 0, reason: "\(name) buckets are not cumulative")
                }
                guard let last = sorted.last, last.0 == .infinity else {
                    throw Invalid(line: 0, reason: "\(name) has no +Inf bucket")
                }
                guard exposition.value(name + "_count", labels) == last.1, exposition.value(name + "_sum", labels) != nil
                else { throw Invalid(line: 0, reason: "\(name)_count/_sum missing or unequal to the +Inf bucket") }
            }
        }
    }

    private static func parseSample(_ line: String, _ fail: (String) -> Invalid) throws -> PrometheusExposition.Sample {
        var rest = Substring(line)
        let name = String(rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") })
        guard isMetricName(name) else { throw fail("bad metric name in \"\(line)\"") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let label = String(rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
                guard isLabelName(label) else { throw fail("bad label name in \"\(line)\"") }
                rest = rest.dropFirst(label.count)
                guard rest.hasPrefix("=\"") else { throw fail("expected =\" after \(label)") }
                rest = rest.dropFirst(2)
                var value = ""
                while true {
                    guard let character = rest.first else { throw fail("unterminated label value") }
                    rest = rest.dropFirst()
                    if character == "\"" { break }
                    if character == "\\" {
                        switch rest.first {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: throw fail("bad escape in a label value")
                        }
                        rest = rest.dropFirst()
                    } else {
                        value.append(character)
                    }
                }
                guard labels.updateValue(value, forKey: label) == nil else { throw fail("label \(label) given twice") }
                if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" { throw fail("expected , or }") }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw fail("expected a space before the value") }
        let fields = rest.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 1 || fields.count == 2 else { throw fail("expected a value and an optional timestamp") }
        guard let value = number(String(fields[0])) else { throw fail("bad value \"\(fields[0])\"") }
        if fields.count == 2, Int64(fields[1]) == nil { throw fail("bad timestamp \"\(fields[1])\"") }
        return PrometheusExposition.Sample(name: name, labels: labels, value: value)
    }

    /// A Go `ParseFloat` number: decimal or exponent notation, `+Inf`, `-Inf`, `NaN`.
    static func number(_ text: String) -> Double? {
        switch text {
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default:
            let pattern = #"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"#
            guard text.range(of: pattern, options: .regularExpression) != nil else { return nil }
            return Double(text)
        }
    }

    static func isMetricName(_ name: String) -> Bool {
        name.range(of: #"^[a-zA-Z_:][a-zA-Z0-9_:]*$"#, options: .regularExpression) != nil
    }

    static func isLabelName(_ name: String) -> Bool {
        name.range(of: #"^[a-zA-Z_][a-zA-Z0-9_]*$"#, options: .regularExpression) != nil
    }

    private static func unescapeHelp(_ text: String, _ fail: (String) -> Invalid) throws -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "\\": result.append("\\")
                case "n": result.append("\n")
                default: throw fail("bad escape in HELP")
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        guard !escaping else { throw fail("HELP ends in a lone backslash") }
        return result
    }
}
