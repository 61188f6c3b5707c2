import FarmModel
import Foundation
import ManagerAPI
import Testing

/// Keeps `openapi3.json` and the wire DTOs from drifting apart, and checks the document against protocol.md.
@Suite struct OpenAPIDocumentTests {
    static let document = Result { try OpenAPIDocument.load() }

    /// Schemas that are not a DTO of their own: enums, a list alias, a map alias, and the auth-failure shape.
    static let schemasWithoutDTO: Set<String> = [
        "WorkerStatus", "TaskStatus", "JobStatus", "AvailableJobSettingType", "AvailableJobSettingSubtype",
        "AvailableJobSettingVisibility", "FarmStatus", "ManagerVariableAudience", "JobBlocklist", "ManagerVariables",
        "SecurityError",
    ]

    /// Python client operation names (protocol.md §3, §10; WorkerApi.md), plus the document itself.
    static let expectedOperations: [String: (path: String, method: String)] = [
        "register_worker": ("/api/v3/worker/register-worker", "post"),
        "sign_on": ("/api/v3/worker/sign-on", "post"),
        "sign_off": ("/api/v3/worker/sign-off", "post"),
        "worker_state": ("/api/v3/worker/state", "get"),
        "worker_state_changed": ("/api/v3/worker/state-changed", "post"),
        "schedule_task": ("/api/v3/worker/task", "post"),
        "task_update": ("/api/v3/worker/task/{task_id}", "post"),
        "may_worker_run": ("/api/v3/worker/task/{task_id}/may-i-run", "get"),
        "task_output_produced": ("/api/v3/worker/task/{task_id}/output-produced", "post"),
        "get_job_types": ("/api/v3/jobs/types", "get"),
        "get_job_type": ("/api/v3/jobs/type/{typeName}", "get"),
        "submit_job": ("/api/v3/jobs", "post"),
        "fetch_jobs": ("/api/v3/jobs", "get"),
        "submit_job_check": ("/api/v3/jobs/check", "post"),
        "fetch_job": ("/api/v3/jobs/{job_id}", "get"),
        "delete_job": ("/api/v3/jobs/{job_id}", "delete"),
        "fetch_job_tasks": ("/api/v3/jobs/{job_id}/tasks", "get"),
        "set_job_status": ("/api/v3/jobs/{job_id}/setstatus", "post"),
        "set_job_priority": ("/api/v3/jobs/{job_id}/setpriority", "post"),
        "set_job_tag": ("/api/v3/jobs/{job_id}/settag", "post"),
        "fetch_job_blocklist": ("/api/v3/jobs/{job_id}/blocklist", "get"),
        "remove_job_blocklist": ("/api/v3/jobs/{job_id}/blocklist", "delete"),
        "fetch_job_last_rendered_info": ("/api/v3/jobs/{job_id}/last-rendered", "get"),
        "fetch_global_last_rendered_info": ("/api/v3/jobs/last-rendered", "get"),
        "delete_job_mass": ("/api/v3/jobs/mass-delete", "delete"),
        "delete_job_what_would_it_do": ("/api/v3/jobs/{job_id}/what-would-delete-do", "get"),
        "fetch_task": ("/api/v3/tasks/{task_id}", "get"),
        "set_task_status": ("/api/v3/tasks/{task_id}/setstatus", "post"),
        "fetch_task_log_tail": ("/api/v3/tasks/{task_id}/logtail", "get"),
        "fetch_task_log_info": ("/api/v3/tasks/{task_id}/log", "get"),
        "fetch_workers": ("/api/v3/worker-mgt/workers", "get"),
        "fetch_worker": ("/api/v3/worker-mgt/workers/{worker_id}", "get"),
        "delete_worker": ("/api/v3/worker-mgt/workers/{worker_id}", "delete"),
        "request_worker_status_change": ("/api/v3/worker-mgt/workers/{worker_id}/setstatus", "post"),
        "set_worker_tags": ("/api/v3/worker-mgt/workers/{worker_id}/settags", "post"),
        "fetch_worker_sleep_schedule": ("/api/v3/worker-mgt/workers/{worker_id}/sleep-schedule", "get"),
        "set_worker_sleep_schedule": ("/api/v3/worker-mgt/workers/{worker_id}/sleep-schedule", "post"),
        "fetch_worker_tags": ("/api/v3/worker-mgt/tags", "get"),
        "create_worker_tag": ("/api/v3/worker-mgt/tags", "post"),
        "fetch_worker_tag": ("/api/v3/worker-mgt/tag/{tag_id}", "get"),
        "update_worker_tag": ("/api/v3/worker-mgt/tag/{tag_id}", "put"),
        "delete_worker_tag": ("/api/v3/worker-mgt/tag/{tag_id}", "delete"),
        "get_version": ("/api/v3/version", "get"),
        "get_configuration": ("/api/v3/configuration", "get"),
        "get_shared_storage": ("/api/v3/configuration/shared-storage/{audience}/{platform}", "get"),
        "get_variables": ("/api/v3/configuration/variables/{audience}/{platform}", "get"),
        "get_farm_status": ("/api/v3/status", "get"),
        "get_openapi_document": ("/api/v3/openapi3.json", "get"),
    ]

    static let authenticatedOperations: Set<String> = [
        "sign_on", "sign_off", "worker_state", "worker_state_changed", "schedule_task", "task_update",
        "may_worker_run", "task_output_produced",
    ]

    private func load() throws -> OpenAPIDocument { try Self.document.get() }

    private func operation(_ id: String) throws -> JSONValue {
        try #require(load().operations.first { $0.operation["operationId"] == .string(id) }?.operation)
    }

    @Test(arguments: WireSamples.responses + WireSamples.requests)
    func fullyPopulatedDTOHasExactlyTheSchemaProperties(sample: WireSample) throws {
        let document = try load()
        let schema = try #require(document.schemas[sample.schema], "no schema \(sample.schema)")
        let json = try WireTestSupport.json(of: sample.full)
        let declared = Set((schema["properties"].objectValue ?? [:]).keys)
        #expect(WireTestSupport.keys(json) == declared, "\(sample.schema)")
        #expect(document.problems(in: json, schema: sample.schema, requireAll: true) == [])
    }

    @Test(arguments: WireSamples.responses + WireSamples.requests)
    func minimalDTOHasEveryRequiredProperty(sample: WireSample) throws {
        let document = try load()
        let schema = try #require(document.schemas[sample.schema])
        let json = try WireTestSupport.json(of: sample.minimal)
        let required = Set((schema["required"].arrayValue ?? []).compactMap(\.stringValue))
        #expect(required.isSubset(of: WireTestSupport.keys(json)), "\(sample.schema)")
        #expect(document.problems(in: json, schema: sample.schema, requireAll: false) == [])
    }

    @Test func everyObjectSchemaHasASample() throws {
        let sampled = Set((WireSamples.responses + WireSamples.requests).map(\.schema))
        #expect(Set(try load().schemas.keys) == sampled.union(Self.schemasWithoutDTO))
    }

    @Test func enumSchemasMatchTheSwiftEnums() throws {
        let schemas = try load().schemas
        func values(_ name: String) -> [String] { (schemas[name]?["enum"].arrayValue ?? []).compactMap(\.stringValue) }
        #expect(values("WorkerStatus") == WorkerStatus.allCases.map(\.rawValue))
        #expect(values("TaskStatus") == TaskStatus.allCases.map(\.rawValue))
        #expect(values("JobStatus") == JobStatus.allCases.map(\.rawValue))
        #expect(values("AvailableJobSettingType") == AvailableJobSettingType.allCases.map(\.rawValue))
        #expect(values("AvailableJobSettingSubtype") == AvailableJobSettingSubtype.allCases.map(\.rawValue))
        #expect(values("AvailableJobSettingVisibility") == AvailableJobSettingVisibility.allCases.map(\.rawValue))
        #expect(values("FarmStatus") == FarmStatus.allCases.map(\.rawValue))
        #expect(values("ManagerVariableAudience") == ManagerVariableAudience.allCases.map(\.rawValue))
    }

    @Test func requiredListsFollowTheProtocol() throws {
        let schemas = try load().schemas
        func required(_ name: String) -> Set<String> {
            Set((schemas[name]?["required"].arrayValue ?? []).compactMap(\.stringValue))
        }
        #expect(required("JobTasksSummary") == ["tasks"])
        #expect(
            required("RegisteredWorker") == [
                "uuid", "name", "address", "status", "platform", "software", "supported_task_types",
            ])
        #expect(required("TaskUpdate").isEmpty)
        #expect(required("WorkerTag") == ["name"])
        #expect(required("SubmittedJob") == ["name", "type", "priority", "submitter_platform"])
        #expect(schemas["SubmittedJob"]?["properties"]["priority"]["default"] == .int(50))
        #expect(schemas["JobPriorityChange"]?["properties"]["priority"]["minimum"] == .int(0))
        #expect(schemas["JobPriorityChange"]?["properties"]["priority"]["maximum"] == .int(100))
    }

    @Test func operationsAreThePythonClientOnes() throws {
        let document = try load()
        let found = document.operations.map { ($0.operation["operationId"].stringValue ?? "?", $0.path, $0.method) }
        #expect(found.count == Self.expectedOperations.count)
        #expect(Set(found.map(\.0)).count == found.count, "operationIds are unique")
        for (id, path, method) in found {
            let expected = try #require(Self.expectedOperations[id], "unexpected operation \(id)")
            #expect(expected.path == path && expected.method == method, "\(id)")
        }
    }

    @Test func workerAuthGuardsExactlyTheEightWorkerEndpoints() throws {
        let document = try load()
        #expect(
            document.root["components"]["securitySchemes"]["worker_auth"]
                == .object([
                    "type": .string("http"), "scheme": .string("basic"),
                    "description": document.root["components"]["securitySchemes"]["worker_auth"]["description"],
                ]))
        for (_, _, operation) in document.operations {
            let id = operation["operationId"].stringValue ?? ""
            let isGuarded = operation["security"] == .array([.object(["worker_auth": .array([])])])
            #expect(isGuarded == Self.authenticatedOperations.contains(id), "\(id)")
            #expect((operation["responses"]["403"] != .null) == Self.authenticatedOperations.contains(id), "\(id)")
        }
        #expect(try operation("register_worker")["security"] == .array([]))
        #expect(document.root["security"] == .null)
    }

    @Test(arguments: [
        ("set_job_status", ["204", "400", "404", "422", "500"]),
        ("set_task_status", ["204", "400", "404", "422", "500"]),
        ("set_job_tag", ["204", "400", "404", "422"]),
        ("task_output_produced", ["202", "400", "403", "404", "409", "411", "413", "415", "429", "500"]),
        ("fetch_worker_sleep_schedule", ["200", "204", "400", "404"]),
        ("schedule_task", ["200", "204", "403", "409", "423", "500", "503"]),
        ("task_update", ["204", "400", "403", "404", "409", "500"]),
        ("request_worker_status_change", ["204", "400", "404", "412"]),
        ("delete_job_mass", ["204", "400", "416", "503"]),
        ("register_worker", ["200", "400", "503"]),
        ("fetch_job_tasks", ["200", "400"]),
        ("submit_job", ["200", "400", "412", "500"]),
        ("submit_job_check", ["204", "400", "412"]),
    ])
    func statusCodesFollowTablaosDecisions(operationID: String, codes: [String]) throws {
        let responses = try #require(operation(operationID)["responses"].objectValue)
        #expect(Set(responses.keys) == Set(codes + ["default"]))
    }

    @Test func scheduleTaskAnswers423WithAStateChange() throws {
        let response = try operation("schedule_task")["responses"]["423"]
        #expect(
            response["content"]["application/json"]["schema"]["$ref"]
                == .string("#/components/schemas/WorkerStateChange"))
    }

    @Test func outputProducedTakesJPEGOrPNG() throws {
        let content = try #require(operation("task_output_produced")["requestBody"]["content"].objectValue)
        #expect(Set(content.keys) == ["image/jpeg", "image/png"])
    }

    @Test func infoNamesTablaoAndTheEmulatedRelease() throws {
        let info = try load().root["info"]
        #expect(info["title"] == .string("Tablao Manager API"))
        #expect(info["version"] == .string("3.9-beta1"))
        #expect(try load().root["openapi"].stringValue?.hasPrefix("3.0") == true)
    }
}
