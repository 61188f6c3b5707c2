import ArgumentParser

/// The `--database PATH` option shared by every subcommand that opens the database.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file.")
    var database: String = "./tablao.sqlite"
}
