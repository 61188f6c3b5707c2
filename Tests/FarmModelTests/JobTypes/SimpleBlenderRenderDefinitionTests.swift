import Testing

@testable import FarmModel

@Suite("simple-blender-render definition (protocol.md §10.1.2, checklist item 36)")
struct SimpleBlenderRenderDefinitionTests {
    /// Each setting's canonical JSON without its description, in definition order, as the spec table lists it.
    static let expectedSettings: [(key: String, json: String)] = [
        (
            "frames",
            #"{"key": "frames", "type": "string", "required": true, "#
                + #""eval": "f'{C.scene.frame_start}-{C.scene.frame_end}'", "#
                + #""evalInfo": {"showLinkButton": true, "description": "Scene frame range"}}"#
        ),
        ("chunk_size", #"{"key": "chunk_size", "type": "int32", "default": 1, "visible": "submission"}"#),
        (
            "render_output_root",
            #"{"key": "render_output_root", "type": "string", "subtype": "dir_path", "required": true, "#
                + #""visible": "submission"}"#
        ),
        (
            "add_path_components",
            #"{"key": "add_path_components", "type": "int32", "required": true, "default": 0, "#
                + #""visible": "submission", "propargs": {"min": 0, "max": 32}}"#
        ),
        (
            "render_output_path",
            // Required: the compiler cannot do without it (the add-on always computes it with `eval`).
            #"{"key": "render_output_path", "type": "string", "subtype": "file_path", "editable": false, "#
                + #""required": true, "#
                + #""eval": "str(Path(abspath(settings.render_output_root), "#
                + #"last_n_dir_parts(settings.add_path_components), jobname, '{timestamp}', '######'))"}"#
        ),
        ("blendfile", #"{"key": "blendfile", "type": "string", "required": true, "visible": "web"}"#),
        (
            "fps",
            #"{"key": "fps", "type": "float", "visible": "hidden", "#
                + #""eval": "C.scene.render.fps / C.scene.render.fps_base"}"#
        ),
        (
            "format",
            #"{"key": "format", "type": "string", "required": true, "visible": "web", "#
                + #""eval": "C.scene.render.image_settings.file_format"}"#
        ),
        (
            "image_file_extension",
            #"{"key": "image_file_extension", "type": "string", "required": true, "visible": "hidden", "#
                + #""eval": "C.scene.render.file_extension"}"#
        ),
        (
            "has_previews",
            #"{"key": "has_previews", "type": "bool", "required": false, "visible": "hidden", "#
                + #""eval": "C.scene.render.image_settings.use_preview"}"#
        ),
        (
            "scene",
            #"{"key": "scene", "type": "string", "required": true, "visible": "web", "eval": "C.scene.name"}"#
        ),
    ]

    let definition = SimpleBlenderRenderJobType().definition

    @Test func labelAndDescriptionArePublished() {
        #expect(definition.name == "simple-blender-render")
        #expect(definition.label == "Simple Blender Render")
        #expect(!(definition.description ?? "").isEmpty)
    }

    @Test func settingsAreListedInTheSpecifiedOrder() {
        #expect(definition.settings.map(\.key) == Self.expectedSettings.map(\.key))
    }

    @Test(arguments: expectedSettings.map(\.key))
    func settingHasExactlyTheSpecifiedProperties(key: String) throws {
        let expected = try #require(Self.expectedSettings.first { $0.key == key })
        var setting = try #require(definition.settings.first { $0.key == key })
        #expect(!(setting.description ?? "").isEmpty, "every setting carries a description")
        setting.description = nil
        #expect(setting.canonicalJSON == (try JobTypeFixture.json(expected.json)))
    }
}
