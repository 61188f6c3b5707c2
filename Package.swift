// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "tablao",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tablao", targets: ["Tablao"]),
        .executable(name: "tablao-bench", targets: ["TablaoBench"]),
        .executable(name: "tablao-torture", targets: ["TablaoTorture"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    ],
    targets: [
        // The system libsqlite3 (Debian: libsqlite3-dev), with a shim for what Swift cannot call.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Generic SQLite wrapper: connections, statements, transactions, the serialized writer.
        .target(name: "SQLite", dependencies: ["CSQLite"], swiftSettings: swiftSettings),
        // Vocabulary and pure rules of the farm: IDs, statuses, state machines, job types.
        .target(name: "FarmModel", swiftSettings: swiftSettings),
        // The only home of SQL: database opening, migrations, repositories.
        .target(
            name: "Storage",
            dependencies: [
                "SQLite", "FarmModel",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["EmbedFiles"]
        ),
        // Image decode/resize/encode over the system libjpeg-turbo and libpng (Debian: libjpeg62-turbo-dev, libpng-dev).
        .target(name: "CImaging", linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("png")]),
        // Last-rendered thumbnails (protocol.md §3.9).
        .target(name: "Imaging", dependencies: ["CImaging"], swiftSettings: swiftSettings),
        // Use cases: each a single transaction over the repositories, following FarmModel's rules.
        .target(
            name: "Farm",
            dependencies: [
                "Storage", "FarmModel", "Imaging",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP API on Hummingbird 2: routes, wire DTOs, worker auth, error mapping.
        .target(
            name: "ManagerAPI",
            dependencies: [
                "Farm", "FarmModel", "Storage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            exclude: ["OpenAPI"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedFiles"]
        ),
        // Writes Swift source embedding the top-level migrations/ folder at build time.
        .executableTarget(name: "EmbedFilesTool", swiftSettings: swiftSettings),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["EmbedFilesTool"]),
        // The system JavaScriptCore (Debian: libjavascriptcoregtk-4.1-dev), with the declarations its headers omit.
        .systemLibrary(
            name: "CJavaScriptCore",
            pkgConfig: "javascriptcoregtk-4.1",
            providers: [.apt(["libjavascriptcoregtk-4.1-dev"])]
        ),
        // Job-type scripts: Flamenco-style JavaScript job types loaded from a folder, compiled on script threads.
        .target(
            name: "JobScripts",
            dependencies: ["CJavaScriptCore", "Farm", "FarmModel", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // Configuration of `tablao serve`: defaults, tablao.yaml, TABLAO_* environment, flags.
        .target(
            name: "TablaoConfig",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // Issue 8: `tablao worker`, a worker agent speaking only the Flamenco v3 worker protocol.
        .target(
            name: "WorkerAgent",
            dependencies: [
                "SQLite", "TablaoConfig", "FarmClient",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // Issue 8: `tablao submit`, `tablao jobs`, `tablao workers` — a user's client of the jobs API, wire-only.
        .target(
            name: "FarmClient",
            dependencies: ["FarmModel", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            swiftSettings: swiftSettings
        ),
        // The composition root: `tablao serve`, `tablao migrate …`.
        .executableTarget(
            name: "Tablao",
            dependencies: [
                "Storage", "FarmModel", "SQLite", "Farm", "ManagerAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                "TablaoConfig",
                .product(name: "Logging", package: "swift-log"),
                "WorkerAgent",
                "FarmClient",
                "JobScripts",
            ],
            swiftSettings: swiftSettings
        ),
        // Child programs started with posix_spawn: Foundation.Process.run() crashes now and then on Linux (Swift 6.3.1).
        .target(name: "ProcessSpawning", swiftSettings: swiftSettings),
        // Benchmarks: `swift run -c release tablao-bench …` prints tables of medians and ratios.
        .executableTarget(
            name: "TablaoBench",
            dependencies: [
                "ProcessSpawning", "Storage", "Farm", "FarmModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "SQLite",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TablaoConfigTests", dependencies: ["TablaoConfig"], swiftSettings: swiftSettings),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"], swiftSettings: swiftSettings),
        .testTarget(name: "FarmModelTests", dependencies: ["FarmModel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StorageTests",
            dependencies: ["ProcessSpawning", "Storage", "SQLite", "FarmModel"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "CImaging"], swiftSettings: swiftSettings),
        .testTarget(
            name: "FarmTests",
            dependencies: ["Farm", "Storage", "FarmModel"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ManagerAPITests",
            dependencies: [
                "ProcessSpawning", "ManagerAPI", "Farm", "Storage", "FarmModel", "SQLite", "Imaging",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        // Job-type scripts: the author API, JavaScript twins of the built-in types, reloading, limits, over real HTTP.
        .testTarget(
            name: "JobScriptsTests",
            dependencies: [
                "JobScripts", "ManagerAPI", "Farm", "Storage", "FarmModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Scripts"],
            swiftSettings: swiftSettings
        ),
        // Crash test (issue 5 item 7): simulated workers against the real `tablao`, SIGKILLed mid-run.
        .target(
            name: "Torture",
            dependencies: [
                "ProcessSpawning", "Storage", "FarmModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TablaoTorture",
            dependencies: ["Torture", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TortureTests", dependencies: ["Torture"], swiftSettings: swiftSettings),
        // Issue 7: deploy/ — a hot backup of the real `tablao` restored into a working Manager; deploy/tablao.yaml.
        .testTarget(
            name: "DeployTests",
            dependencies: [
                "ProcessSpawning", "Storage", "SQLite", "TablaoConfig",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        // Issue 8: `tablao submit` / `jobs` / `workers` against a live in-process Manager and the real binary.
        .testTarget(
            name: "FarmClientTests",
            dependencies: [
                "ProcessSpawning", "FarmClient", "ManagerAPI", "Farm", "Storage", "FarmModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        // Issue 8: the real `tablao serve` and three `tablao worker` processes with a fake Blender and FFmpeg.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["ProcessSpawning", "SQLite", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        // Issue 8: `tablao worker` against a live in-process Manager.
        .testTarget(
            name: "WorkerAgentTests",
            dependencies: [
                "ProcessSpawning", "WorkerAgent", "ManagerAPI", "Farm", "Storage", "FarmModel", "Imaging",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
