import Foundation

/// The task types and tags a worker may claim: de-duplicated and capped, so no worker can make each of its task
/// requests probe thousands of run-queue slices. Real workers run a handful of task types and belong to a few tags.
public enum WorkerAbilityLists {
    /// Most distinct task types one worker may claim.
    public static let maximumTaskTypes = 64
    /// Most distinct tags one worker may belong to.
    public static let maximumTags = 64
    /// Longest task type name, in UTF-8 bytes.
    public static let maximumTaskTypeBytes = 256

    /// A refused list, with a sentence naming the field, the limit and what to do.
    public struct Refusal: Error, Sendable, Hashable {
        /// The sentence for the `Error` body.
        public let message: String
    }

    /// `types` without repeats (first occurrence kept), each trimmed and lower-cased first when `normalizing`
    /// (sign-on does, registration stores them as given); refused beyond the limits.
    public static func taskTypes(_ types: [String], normalizing: Bool) throws(Refusal) -> [String] {
        var seen = Set<String>()
        var kept: [String] = []
        for type in types {
            let name = normalizing ? type.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() : type
            if name.utf8.count > maximumTaskTypeBytes {
                throw Refusal(
                    message: "supported_task_types holds a name of \(name.utf8.count) bytes; a task type name may have "
                        + "at most \(maximumTaskTypeBytes). Fix the worker's task type list.")
            }
            guard seen.insert(name).inserted else { continue }
            kept.append(name)
            if kept.count > maximumTaskTypes {
                throw Refusal(
                    message: "supported_task_types lists more than \(maximumTaskTypes) distinct task types; a worker "
                        + "may claim at most \(maximumTaskTypes). List only the task types the worker really runs.")
            }
        }
        return kept
    }

    /// `tags` without repeats, in first-seen order; refused beyond ``maximumTags``.
    public static func tags(_ tags: [TagID]) throws(Refusal) -> [TagID] {
        var seen = Set<TagID>()
        let kept = tags.filter { seen.insert($0).inserted }
        if kept.count > maximumTags {
            throw Refusal(
                message: "tag_ids lists \(kept.count) distinct tags; a worker may belong to at most \(maximumTags). "
                    + "Give the worker fewer tags.")
        }
        return kept
    }
}
