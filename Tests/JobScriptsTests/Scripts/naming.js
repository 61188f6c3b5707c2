// A module shared by job types in the folder: it has no JOB_TYPE and no compileJob, so it is not a job type.
function taskName(kind, number) {
    return `${kind}-${String(number).padStart(3, "0")}`;
}
module.exports = { taskName };
