// Calls every part of the author API once; what it sees is written into command parameters, so the tests can
// read it back from the stored tasks.
const naming = require("./naming");
const shots = require("lib/shots.js");
const authorModule = require("author");
const pathModule = require("path");
const processModule = require("process");

const JOB_TYPE = {
    label: "Every helper",
    description: "Calls each function of the author API.",
    settings: [
        {
            key: "frames", type: "string", required: true, choices: ["1-5", "1-5,7,9-11"], label: "Frames",
            description: "Which frames.", visible: "submission", editable: true,
        },
        { key: "chunk_size", type: "int32", default: 2, propargs: { min: 1, max: 100 } },
        {
            key: "output", type: "string", subtype: "dir_path", eval: "bpy.path.abspath('//render')",
            evalInfo: { showLinkButton: false, description: "Render folder" },
        },
        { key: "ratio", type: "float", default: 0.5, visible: "hidden" },
        { key: "denoise", type: "bool", default: true, required: false },
    ],
};

function modernSyntax() {
    const seen = new Set([1, 2, 2, 3]);
    let total = 0;
    for (const value of seen) total += value;
    class Box {
        constructor(value) { this.value = value; }
        get twice() { return this.value * 2; }
    }
    return {
        total,
        template: `${total} in all`,
        arrow: [1, 2].map((x) => x * 2),
        replaced: "a-b-c".replaceAll("-", ".."),
        spread: Math.max(...[4, 9, 2]),
        destructured: (({ a, b }) => a + b)({ a: 1, b: 2 }),
        classy: new Box(21).twice,
    };
}

function compileJob(job) {
    print("compiling", job.name, 42);
    alert("alert from", job.jobType);
    const settings = job.settings;
    const observed = {
        jobID: job.jobID,
        name: job.name,
        jobType: job.jobType,
        priority: job.priority,
        status: job.status,
        created: job.created.toISOString(),
        createdIsDate: job.created instanceof Date,
        metadata: job.metadata,
        workerTagUUID: job.workerTagUUID,
        shamanCheckoutID: job.storage.shamanCheckoutID,
        chunks: frameChunker(settings.frames, settings.chunk_size),
        count: frameCount(settings.frames),
        stamp: formatTimestampLocal(job.created),
        words: shellSplit(`blender --python-expr "print('a b')" 'two words' plain\\ space`),
        join: path.join("C:\\render", "shot//", "frame.png"),
        dirname: path.dirname("/render/shot/frame_####.png"),
        basename: path.basename("/render/shot/frame_####.png"),
        stem: path.stem("/projects/shot.flamenco.blend"),
        cwd: process.cwd(),
        platform: process.platform,
        sameModules: authorModule === author && pathModule === path && processModule === process,
        naming: naming.taskName("lighting", 3),
        shots: shots.describe(settings.frames),
        modern: modernSyntax(),
    };

    const report = author.Task("report", "misc");
    report.addCommand(author.Command("echo", observed));
    job.addTask(report);

    const render = author.Task("render", "blender");
    render.priority = 70;
    render.addCommand(author.Command("blender-render", { frames: "1..5" }, 5));
    render.addCommand(author.Command("exec", { exe: "true" }, 2));
    render.addDependency(report);
    job.addTask(render);

    const command = author.Command("echo", { message: "x" }, 3);
    const fields = author.Task("fields", "misc");
    fields.addCommand(command);
    fields.addCommand(author.Command("echo", {
        task: {
            name: render.name, type: render.type, priority: render.priority, commands: render.commands.length,
            dependencies: render.dependencies.map((task) => task.name),
        },
        command: { name: command.name, parameters: command.parameters, totalStepCount: command.totalStepCount },
    }));
    fields.addDependency(render);
    fields.addDependency(report);
    job.addTask(fields);

    settings.output = path.join(settings.output || "/render", naming.taskName("out", 1));
    settings.added_by_script = "yes";
}
