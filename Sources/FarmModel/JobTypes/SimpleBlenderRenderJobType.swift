/// `simple-blender-render`: renders a frame range with Blender in chunks, then joins the frames into a
/// preview video (protocol.md §10.1.2). The compiler lives in `SimpleBlenderRenderJobType+Compile.swift`.
public struct SimpleBlenderRenderJobType: JobType {
    /// Creates the job type.
    public init() {}

    /// The published definition. The `eval` strings are Python the Blender add-on evaluates, so they are
    /// API data and must stay exactly as the add-on expects them.
    public let definition = JobTypeDefinition(
        name: "simple-blender-render",
        label: "Simple Blender Render",
        description: "Renders a range of frames with Blender and turns them into a preview video.",
        settings: [
            JobSettingDefinition(
                key: "frames",
                type: .string,
                description: "Frames to render: single numbers and ranges separated by commas, such as 1-10,15.",
                eval: "f'{C.scene.frame_start}-{C.scene.frame_end}'",
                evalInfo: JobSettingEvalInfo(showLinkButton: true, description: "Scene frame range"),
                required: true
            ),
            JobSettingDefinition(
                key: "chunk_size",
                type: .int32,
                description: "How many frames one render task renders.",
                defaultValue: .int(1),
                visible: .submission
            ),
            JobSettingDefinition(
                key: "render_output_root",
                type: .string,
                subtype: .dirPath,
                description: "Folder under which this job's output folder is created.",
                visible: .submission,
                required: true
            ),
            JobSettingDefinition(
                key: "add_path_components",
                type: .int32,
                propargs: .object(["min": .int(0), "max": .int(32)]),
                description: "How many of the blend file's parent folder names to repeat below the output root.",
                defaultValue: .int(0),
                visible: .submission,
                required: true
            ),
            JobSettingDefinition(
                key: "render_output_path",
                type: .string,
                subtype: .filePath,
                description: "Where the frames are written; derived from the output root, the job name and the time.",
                eval: """
                    str(Path(abspath(settings.render_output_root), last_n_dir_parts(settings.add_path_components), \
                    jobname, '{timestamp}', '######'))
                    """,
                required: true,
                editable: false
            ),
            JobSettingDefinition(
                key: "blendfile",
                type: .string,
                description: "The blend file the workers open.",
                visible: .web,
                required: true
            ),
            JobSettingDefinition(
                key: "fps",
                type: .float,
                description: "Frame rate of the preview video; without it no video is made.",
                eval: "C.scene.render.fps / C.scene.render.fps_base",
                visible: .hidden
            ),
            JobSettingDefinition(
                key: "format",
                type: .string,
                description: "Image file format Blender saves the frames in.",
                eval: "C.scene.render.image_settings.file_format",
                visible: .web,
                required: true
            ),
            JobSettingDefinition(
                key: "image_file_extension",
                type: .string,
                description: "File name extension of the rendered frames, dot included.",
                eval: "C.scene.render.file_extension",
                visible: .hidden,
                required: true
            ),
            JobSettingDefinition(
                key: "has_previews",
                type: .bool,
                description: "Whether Blender also saves JPEG previews of EXR frames, used for the video.",
                eval: "C.scene.render.image_settings.use_preview",
                visible: .hidden,
                required: false
            ),
            JobSettingDefinition(
                key: "scene",
                type: .string,
                description: "Scene to render; empty means the scene the blend file was saved with.",
                eval: "C.scene.name",
                visible: .web,
                required: true
            ),
        ]
    )
}
