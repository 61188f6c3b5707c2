import Foundation
import Testing

/// The test parser of the exposition format must itself reject what Prometheus rejects, or the `/metrics` tests
/// that rely on it would prove nothing.
@Suite struct PrometheusTextParserTests {
    static let valid = """
        # HELP jobs Jobs in each status, with a \\\\ backslash.
        # TYPE jobs gauge
        jobs{status="queued"} 3
        jobs{status="paused",note="a \\"quoted\\" \\\\ value"} 0.0
        # TYPE requests_total counter
        requests_total 1.5e+03
        # TYPE latency_seconds histogram
        latency_seconds_bucket{le="0.005"} 1
        latency_seconds_bucket{le="0.5"} 4
        latency_seconds_bucket{le="+Inf"} 5
        latency_seconds_sum 1.25
        latency_seconds_count 5
        untyped_thing NaN 1700000000000

        """

    @Test func readsTypesHelpLabelsAndValues() throws {
        let exposition = try PrometheusText.parse(Self.valid)
        #expect(exposition.types == ["jobs": "gauge", "requests_total": "counter", "latency_seconds": "histogram"])
        #expect(exposition.help["jobs"] == "Jobs in each status, with a \\ backslash.")
        #expect(exposition.value("jobs", ["status": "queued"]) == 3)
        #expect(exposition.value("jobs", ["status": "paused", "note": "a \"quoted\" \\ value"]) == 0)
        #expect(exposition.value("requests_total") == 1500)
        #expect(exposition.value("latency_seconds_bucket", ["le": "+Inf"]) == 5)
        #expect(exposition.value("untyped_thing")?.isNaN == true)
        #expect(exposition.samples.count == 9)
    }

    @Test(arguments: [
        ("no final newline", "a 1"),
        ("bad metric name", "1a 1\n"),
        ("bad label name", "a{1x=\"v\"} 1\n"),
        ("unquoted label value", "a{x=v} 1\n"),
        ("unknown escape", "a{x=\"\\t\"} 1\n"),
        ("unterminated label value", "a{x=\"v} 1\n"),
        ("bad value", "a 1,5\n"),
        ("missing value", "a{x=\"v\"}\n"),
        ("bad timestamp", "a 1 soon\n"),
        ("unknown type", "# TYPE a gauges\na 1\n"),
        ("second TYPE", "# TYPE a gauge\n# TYPE a gauge\na 1\n"),
        ("TYPE after samples", "a 1\n# TYPE a gauge\n"),
        ("family split in two", "a 1\nb 1\na{x=\"y\"} 2\n"),
        ("series twice", "a{x=\"y\"} 1\na{x=\"y\"} 2\n"),
        ("negative counter", "# TYPE c counter\nc -1\n"),
        ("buckets not cumulative", "# TYPE h histogram\nh_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n"),
        ("no +Inf bucket", "# TYPE h histogram\nh_bucket{le=\"1\"} 3\nh_sum 1\nh_count 3\n"),
        ("count unequal to +Inf", "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 3\nh_sum 1\nh_count 4\n"),
    ])
    func rejectsInvalidText(reason: String, text: String) {
        #expect(throws: PrometheusText.Invalid.self, "\(reason)") { try PrometheusText.parse(text) }
    }
}
