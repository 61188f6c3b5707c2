// A JavaScript twin of Tablao's built-in `echo-sleep-test` (protocol.md §10.1.1), written for the tests.

const JOB_TYPE = {
    label: "Echo Sleep Test",
    settings: [
        { key: "message", type: "string", description: "Text the worker writes to its log.", required: true },
        { key: "sleep_duration_seconds", type: "int32", description: "How long each sleep task waits, in seconds.", default: 1 },
        { key: "sleep_repeats", type: "int32", description: "How many sleep tasks follow the echo task.", default: 1 },
    ],
};

function compileJob(job) {
    const { message, sleep_duration_seconds: seconds, sleep_repeats: repeats } = job.settings;
    const echo = author.Task("echo", "misc");
    echo.addCommand(author.Command("echo", { message }));
    job.addTask(echo);
    for (let round = 0; round < repeats; round++) {
        const sleep = author.Task("sleep", "misc");
        sleep.addCommand(author.Command("sleep", { duration_in_seconds: seconds }));
        sleep.addDependency(echo);
        job.addTask(sleep);
    }
}
