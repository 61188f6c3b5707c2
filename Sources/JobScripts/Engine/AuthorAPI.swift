/// The JavaScript side of the author API that job-type scripts call: globals (`print`, `alert`, `frameChunker`,
/// `frameCount`, `formatTimestampLocal`, `shellSplit`, `require`), the modules `author`, `path` and `process`, and
/// the `job`, task and command objects. Frame, path, time and quoting rules are native calls (`native.*`), so
/// scripted and built-in job types share one implementation; this file only shapes objects and checks arguments.
///
/// Evaluated first in every fresh context; evaluates to a function taking the native helpers and the host facts,
/// which returns the two entry points the Swift side uses: `describe()` and `compile(input)`.
enum AuthorAPI {
    /// The source URL given to the API's code, so errors inside it are not blamed on the studio's script.
    static let sourceURL = "tablao:author-api"

    static let source = #"""
        (function installAuthorAPI(native, host) {
            "use strict";
            const authoredTasks = new WeakSet();
            const authoredCommands = new WeakSet();

            function words(parts) { return parts.map((part) => String(part)).join(" "); }

            globalThis.print = (...parts) => { native.log("print", words(parts)); };
            globalThis.alert = (...parts) => { native.log("alert", words(parts)); };
            globalThis.frameChunker = (frames, chunkSize) => native.frameChunks(String(frames), Number(chunkSize));
            globalThis.frameCount = (frames) => native.frameCount(String(frames));
            globalThis.formatTimestampLocal = (date) => {
                const time = date instanceof Date ? date.getTime() : new Date(date).getTime();
                if (Number.isNaN(time)) throw new TypeError(`formatTimestampLocal: ${String(date)} is not a date`);
                return native.timestamp(time);
            };
            globalThis.shellSplit = (text) => native.shellSplit(String(text));

            function Command(name, parameters, totalStepCount) {
                if (typeof name !== "string" || name === "") {
                    throw new TypeError("author.Command: the command name must be a non-empty string");
                }
                const command = {
                    name: name,
                    parameters: parameters === undefined ? {} : parameters,
                    totalStepCount: totalStepCount === undefined ? 0 : totalStepCount,
                };
                authoredCommands.add(command);
                return command;
            }

            const taskMethods = {
                addCommand(command) {
                    if (!authoredCommands.has(command)) {
                        throw new TypeError(`task "${this.name}": addCommand takes a command made by author.Command`);
                    }
                    this.commands.push(command);
                },
                addDependency(task) {
                    if (!authoredTasks.has(task)) {
                        throw new TypeError(`task "${this.name}": addDependency takes a task made by author.Task`);
                    }
                    this.dependencies.push(task);
                },
            };

            function Task(name, type) {
                if (typeof name !== "string") throw new TypeError("author.Task: the task name must be a string");
                if (typeof type !== "string" || type === "") {
                    throw new TypeError(`author.Task("${name}"): the task type must be a non-empty string`);
                }
                const task = Object.create(taskMethods);
                task.name = name;
                task.type = type;
                task.priority = host.taskPriority;
                task.commands = [];
                task.dependencies = [];
                authoredTasks.add(task);
                return task;
            }

            const author = Object.freeze({ Task: Task, Command: Command });
            const path = Object.freeze({
                join: (...parts) => native.join(...parts.map((part) => String(part))),
                dirname: (text) => native.dirname(String(text)),
                basename: (text) => native.basename(String(text)),
                stem: (text) => native.stem(String(text)),
            });
            const process = Object.freeze({ cwd: () => host.cwd, platform: host.platform });
            globalThis.author = author;
            globalThis.path = path;
            globalThis.process = process;

            const builtInModules = { author: author, path: path, process: process };
            const loadedModules = new Map();
            globalThis.require = function require(name) {
                name = String(name);
                if (Object.prototype.hasOwnProperty.call(builtInModules, name)) return builtInModules[name];
                const file = native.resolveModule(name);
                const loaded = loadedModules.get(file);
                if (loaded !== undefined) return loaded.exports;
                const module = { id: file, exports: {} };
                loadedModules.set(file, module);
                native.loadModule(file).call(module.exports, module, module.exports, require);
                return module.exports;
            };
            // Lets a job-type file that also serves as a module assign `module.exports` when loaded on its own.
            globalThis.module = { id: ".", exports: {} };
            globalThis.exports = globalThis.module.exports;

            function describe() {
                return {
                    jobType: typeof JOB_TYPE === "undefined" ? null : JOB_TYPE,
                    hasCompileJob: typeof compileJob === "function",
                };
            }

            function compile(input) {
                if (typeof compileJob !== "function") throw new Error("the script defines no compileJob(job) function");
                const tasks = [];
                const job = {
                    jobID: input.id,
                    name: input.name,
                    jobType: input.type,
                    priority: input.priority,
                    status: input.status,
                    created: new Date(input.created),
                    settings: input.settings,
                    metadata: input.metadata,
                    workerTagUUID: input.workerTag,
                    storage: { shamanCheckoutID: input.shamanCheckoutID },
                    addTask(task) {
                        if (!authoredTasks.has(task)) throw new TypeError("job.addTask takes a task made by author.Task");
                        if (tasks.includes(task)) throw new Error(`task "${task.name}" was added to the job twice`);
                        if (tasks.length >= host.maximumTasks) {
                            throw new RangeError(`the job has more than ${host.maximumTasks} tasks`);
                        }
                        tasks.push(task);
                    },
                };
                compileJob(job);
                const positions = new Map(tasks.map((task, index) => [task, index]));
                return {
                    settings: job.settings,
                    tasks: tasks.map((task) => ({
                        name: task.name,
                        type: task.type,
                        priority: task.priority,
                        commands: Array.from(task.commands, (command) => ({
                            name: command.name,
                            parameters: command.parameters,
                            totalStepCount: command.totalStepCount,
                        })),
                        dependencies: Array.from(task.dependencies, (dependency) => {
                            const position = positions.get(dependency);
                            if (position === undefined) {
                                throw new Error(
                                    `task "${task.name}" depends on task "${dependency && dependency.name}", ` +
                                    "which was never added to the job with job.addTask");
                            }
                            return position;
                        }),
                    })),
                };
            }

            return { describe: describe, compile: compile };
        })
        """#
}
