import FarmModel

/// Turns the job a script authored (the JSON that `AuthorAPI.compile` returns) into a `CompiledJob`, refusing a
/// job Tablao could not run: no tasks, a task without commands, malformed fields, or a dependency cycle.
enum AuthoredJobReader {
    /// Why an authored job was refused.
    struct Refusal: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The compiled job; tasks keep their authoring order unless a task depends on a later one, in which case
    /// the tasks are reordered so that each follows those it waits for (Tablao stores dependencies on earlier tasks).
    static func compiledJob(from authored: JSONValue) throws(Refusal) -> CompiledJob {
        guard case .object(let fields) = authored, case .array(let items)? = fields["tasks"] else {
            throw Refusal("the authored job has no task list")
        }
        guard case .object(let settings)? = fields["settings"] else {
            throw Refusal("job.settings must remain an object")
        }
        guard !items.isEmpty else { throw Refusal("compileJob(job) added no tasks; call job.addTask(task)") }
        var tasks: [CompiledTask] = []
        tasks.reserveCapacity(items.count)
        for (index, item) in items.enumerated() { tasks.append(try task(item, number: index + 1)) }
        return CompiledJob(settings: settings, tasks: try inDependencyOrder(tasks))
    }

    private static func task(_ item: JSONValue, number: Int) throws(Refusal) -> CompiledTask {
        guard case .object(let fields) = item, case .string(let name)? = fields["name"] else {
            throw Refusal("task \(number): name must be a string")
        }
        let label = "task \(number) \"\(name)\""
        guard case .string(let type)? = fields["type"], !type.isEmpty else {
            throw Refusal("\(label): type must be a non-empty string")
        }
        guard let priority = fields["priority"].flatMap(wholeNumber) else {
            throw Refusal("\(label): priority must be a whole number")
        }
        guard case .array(let commandItems)? = fields["commands"] else {
            throw Refusal("\(label): commands must be an array")
        }
        guard !commandItems.isEmpty else {
            throw Refusal("\(label) has no commands; add at least one with task.addCommand(author.Command(…))")
        }
        var commands: [CompiledCommand] = []
        for (index, command) in commandItems.enumerated() {
            commands.append(try self.command(command, of: label, number: index + 1))
        }
        guard case .array(let dependencyItems)? = fields["dependencies"] else {
            throw Refusal("\(label): dependencies must be an array")
        }
        var dependencies: [Int] = []
        dependencies.reserveCapacity(dependencyItems.count)
        var seen = Set<Int>()
        for dependency in dependencyItems {
            guard let position = wholeNumber(dependency) else { throw Refusal("\(label): malformed dependency") }
            if seen.insert(position).inserted { dependencies.append(position) }
        }
        return CompiledTask(
            name: name, taskType: type, priority: priority, commands: commands, dependencies: dependencies)
    }

    private static func command(_ item: JSONValue, of task: String, number: Int) throws(Refusal) -> CompiledCommand {
        guard case .object(let fields) = item, case .string(let name)? = fields["name"], !name.isEmpty else {
            throw Refusal("\(task), command \(number): name must be a non-empty string")
        }
        guard case .object(let parameters)? = fields["parameters"] ?? .object([:]) else {
            throw Refusal("\(task), command \"\(name)\": parameters must be an object")
        }
        guard let steps = fields["totalStepCount"].flatMap(wholeNumber) ?? (fields["totalStepCount"] == nil ? 0 : nil),
            steps >= 0
        else { throw Refusal("\(task), command \"\(name)\": totalStepCount must be a whole number of at least 0") }
        return CompiledCommand(name: name, parameters: parameters, totalStepCount: steps)
    }

    private static func wholeNumber(_ value: JSONValue) -> Int? {
        switch value {
        case .int(let number): Int(exactly: number)
        default: nil
        }
    }

    /// Authoring order when every dependency points back (the usual case); otherwise each task is moved just behind
    /// the tasks it waits for (a depth-first order from the first task on). A cycle is refused, naming a task on it.
    static func inDependencyOrder(_ tasks: [CompiledTask]) throws(Refusal) -> [CompiledTask] {
        var pointsForward = false
        for (index, task) in tasks.enumerated() {
            for dependency in task.dependencies {
                guard dependency >= 0 && dependency < tasks.count else {
                    throw Refusal("task \(index + 1): malformed dependency")
                }
                if dependency == index { throw Refusal("task \(index + 1) \"\(task.name)\" depends on itself") }
                if dependency > index { pointsForward = true }
            }
        }
        guard pointsForward else { return tasks }
        enum Mark { case unvisited, inProgress, done }
        var marks = Array(repeating: Mark.unvisited, count: tasks.count)
        var order: [Int] = []
        order.reserveCapacity(tasks.count)
        for root in tasks.indices where marks[root] == .unvisited {
            // An explicit stack of (task, next dependency to look at), so long chains cannot overflow the thread.
            var stack = [(root, 0)]
            marks[root] = .inProgress
            while let (index, next) = stack.last {
                let dependencies = tasks[index].dependencies
                if next < dependencies.count {
                    stack[stack.count - 1].1 += 1
                    let dependency = dependencies[next]
                    switch marks[dependency] {
                    case .done: continue
                    case .inProgress:
                        throw Refusal(
                            "the task dependencies form a cycle through task \(dependency + 1) \"\(tasks[dependency].name)\""
                        )
                    case .unvisited:
                        marks[dependency] = .inProgress
                        stack.append((dependency, 0))
                    }
                } else {
                    stack.removeLast()
                    marks[index] = .done
                    order.append(index)
                }
            }
        }
        var newPosition = Array(repeating: 0, count: tasks.count)
        for (position, index) in order.enumerated() { newPosition[index] = position }
        return order.map { index in
            var task = tasks[index]
            task.dependencies = task.dependencies.map { newPosition[$0] }
            return task
        }
    }
}
