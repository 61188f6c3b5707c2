/// `tablao submit`'s use case: fetch the job types, check the settings, then submit; nothing is sent on a bad order.
public struct JobSubmitter: Sendable {
    let client: FarmAPIClient

    /// A submitter talking to the Manager through `client`.
    public init(client: FarmAPIClient) {
        self.client = client
    }

    /// The request the order becomes against `catalog`, or a ``SubmissionError`` naming what is wrong.
    public static func request(
        for order: JobOrder, catalog: JobTypeCatalog
    ) throws(SubmissionError) -> JobRequest {
        guard let jobType = catalog.type(named: order.type) else {
            throw .unknownJobType(order.type, available: catalog.jobTypes.map(\.name))
        }
        return JobRequest(
            name: order.name, type: jobType.name, priority: order.priority,
            submitterPlatform: SubmitterPlatform.current, typeEtag: jobType.etag,
            settings: try JobSettingsBuilder.settings(for: jobType, arguments: order.settingArguments),
            metadata: order.metadata)
    }

    /// Submits the order; the stored job as the Manager answered it. Throws ``SubmissionError`` before any POST,
    /// or ``FarmClientError`` for the Manager's refusal.
    public func submit(_ order: JobOrder) async throws -> JobRecord {
        let request = try Self.request(for: order, catalog: try await client.jobTypes())
        return try await client.submit(request)
    }
}
