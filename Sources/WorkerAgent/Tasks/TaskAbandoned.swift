/// Thrown when the Manager answers 409 to a task update: the task is no longer ours, nothing more is sent.
struct TaskAbandoned: Error {}
