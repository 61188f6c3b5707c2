import Farm
import FarmModel
import Foundation

/// A job type defined by a script in the job-types folder: its `JOB_TYPE` as loaded, and the source it was loaded
/// from, whose `compileJob(job)` runs in a fresh context for every submission.
struct ScriptedJobType: OfferedJobType {
    let definition: JobTypeDefinition
    /// The file, relative to the folder.
    let file: String
    let source: String
    let runner: ScriptRunner

    func compile(_ job: JobToCompile) async throws(JobCompileError) -> CompiledJob {
        var submission = job.submission
        submission.settings = try definition.validate(settings: submission.settings)
        let input = JSONValue.object([
            "id": .string(job.id.rawValue), "name": .string(submission.name), "type": .string(submission.type),
            "priority": .int(Int64(submission.priority)), "status": .string(job.status.rawValue),
            "created": .double((job.context.creationTime.timeIntervalSince1970 * 1000).rounded()),
            "settings": .object(submission.settings),
            "metadata": .object(submission.metadata.mapValues(JSONValue.string)),
            "workerTag": .string(job.workerTag), "shamanCheckoutID": .string(job.shamanCheckoutID),
        ]).jsonText()
        let (file, source) = (self.file, self.source)
        let outcome = await runner.run(script: file, timeZone: job.context.timeZone) {
            (context) throws(ScriptFailure) -> Result<CompiledJob, AuthoredJobReader.Refusal> in
            try context.evaluate(source, file: file)
            let authored = try context.compile(inputJSON: input)
            return Result { () throws(AuthoredJobReader.Refusal) in try AuthoredJobReader.compiledJob(from: authored) }
        }
        switch outcome {
        case .failure(let failure):
            throw .scriptFailed(script: file, message: failure.describing(relativeTo: file))
        case .success(.failure(let refusal)):
            throw .scriptFailed(script: file, message: refusal.reason)
        case .success(.success(let compiled)):
            return compiled
        }
    }
}

extension ScriptFailure {
    /// The message with its location, leaving out the file name when it is `script` itself.
    func describing(relativeTo script: String) -> String {
        guard file == script, let line else { return located }
        return "line \(line): \(message)"
    }
}
