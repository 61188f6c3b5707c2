// A JavaScript twin of Tablao's built-in `simple-blender-render` (protocol.md §10.1.2), written for the tests:
// for any settings it must author exactly the tasks, commands and dependencies of the native compiler.

const JOB_TYPE = {
    label: "Simple Blender Render",
    description: "Renders a range of frames with Blender and turns them into a preview video.",
    settings: [
        {
            key: "frames", type: "string",
            description: "Frames to render: single numbers and ranges separated by commas, such as 1-10,15.",
            eval: "f'{C.scene.frame_start}-{C.scene.frame_end}'",
            evalInfo: { showLinkButton: true, description: "Scene frame range" },
            required: true,
        },
        {
            key: "chunk_size", type: "int32", description: "How many frames one render task renders.",
            default: 1, visible: "submission",
        },
        {
            key: "render_output_root", type: "string", subtype: "dir_path",
            description: "Folder under which this job's output folder is created.",
            visible: "submission", required: true,
        },
        {
            key: "add_path_components", type: "int32", propargs: { min: 0, max: 32 },
            description: "How many of the blend file's parent folder names to repeat below the output root.",
            default: 0, visible: "submission", required: true,
        },
        {
            key: "render_output_path", type: "string", subtype: "file_path",
            description: "Where the frames are written; derived from the output root, the job name and the time.",
            eval: "str(Path(abspath(settings.render_output_root), last_n_dir_parts(settings.add_path_components), jobname, '{timestamp}', '######'))",
            editable: false, required: true,
        },
        { key: "blendfile", type: "string", description: "The blend file the workers open.", visible: "web", required: true },
        {
            key: "fps", type: "float", description: "Frame rate of the preview video; without it no video is made.",
            eval: "C.scene.render.fps / C.scene.render.fps_base", visible: "hidden",
        },
        {
            key: "format", type: "string", description: "Image file format Blender saves the frames in.",
            eval: "C.scene.render.image_settings.file_format", visible: "web", required: true,
        },
        {
            key: "image_file_extension", type: "string", description: "File name extension of the rendered frames, dot included.",
            eval: "C.scene.render.file_extension", visible: "hidden", required: true,
        },
        {
            key: "has_previews", type: "bool",
            description: "Whether Blender also saves JPEG previews of EXR frames, used for the video.",
            eval: "C.scene.render.image_settings.use_preview", visible: "hidden", required: false,
        },
        {
            key: "scene", type: "string", description: "Scene to render; empty means the scene the blend file was saved with.",
            eval: "C.scene.name", visible: "web", required: true,
        },
    ],
};

// Blender writes these as movie files, which cannot be rendered in chunks.
const MOVIE_FORMATS = new Set(["FFMPEG", "AVI_RAW", "AVI_JPEG"]);
// For these the video is made from Blender's JPEG previews, so only when it writes them.
const EXR_FORMATS = new Set(["EXR", "MULTILAYER", "OPEN_EXR", "OPEN_EXR_MULTILAYER"]);
const KEEP_EXISTING_FRAMES =
    "import bpy; r = bpy.context.scene.render; r.use_file_extension = True; r.use_overwrite = False; r.use_placeholder = False";

function compileJob(job) {
    const settings = job.settings;
    if (MOVIE_FORMATS.has(settings.format)) {
        throw new Error(`format ${settings.format} makes a movie file; this job type renders image sequences`);
    }
    if (!settings.render_output_path) throw new Error("render_output_path is missing");
    const output = settings.render_output_path.replaceAll("{timestamp}", formatTimestampLocal(job.created));
    settings.render_output_path = output;
    const folder = path.dirname(output);

    const renders = [];
    for (const chunk of frameChunker(settings.frames, settings.chunk_size)) {
        const task = renderTask(settings, folder, output, chunk);
        job.addTask(task);
        renders.push(task);
    }
    const video = previewVideoTask(settings, folder, renders);
    if (video !== null) job.addTask(video);
}

function renderTask(settings, folder, output, chunk) {
    const args = [];
    if (typeof settings.scene === "string" && settings.scene.length > 0) args.push("--scene", settings.scene);
    args.push(
        "--python-expr", KEEP_EXISTING_FRAMES,
        "--render-output", path.join(folder, path.basename(output)),
        "--render-format", settings.format,
        "--render-frame", chunk.replaceAll("-", ".."),
    );
    const task = author.Task(`render-${chunk}`, "blender");
    const parameters = { exe: "{blender}", exeArgs: "{blenderArgs}", argsBefore: [], blendfile: settings.blendfile, args };
    task.addCommand(author.Command("blender-render", parameters, frameCount(chunk)));
    return task;
}

function previewVideoTask(settings, folder, renders) {
    const isEXR = EXR_FORMATS.has(settings.format);
    if ((isEXR && !settings.has_previews) || !settings.fps) return null;
    const extension = isEXR ? ".jpg" : settings.image_file_extension;
    const stem = path.stem(settings.blendfile).replace(".flamenco", "");
    let range = settings.frames;
    if (range.includes(",")) {
        const single = frameChunker(range, 1);
        range = `${single[0]}-${single[single.length - 1]}`;
    }
    const task = author.Task("preview-video", "ffmpeg");
    task.addCommand(author.Command("frames-to-video", {
        exe: "ffmpeg",
        fps: settings.fps,
        inputGlob: path.join(folder, `*${extension}`),
        outputFile: path.join(folder, `${stem}-${range}.mp4`),
        args: ["-c:v", "h264", "-crf", "20", "-g", "18", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-pix_fmt", "yuv420p",
            "-y"],
    }, 0));
    renders.forEach((render) => task.addDependency(render));
    return task;
}
