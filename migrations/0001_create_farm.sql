-- Tablao's farm schema: workers, tags, sleep schedules, jobs, tasks and their scheduling bookkeeping.
-- Timestamps are UTC text 'YYYY-MM-DD HH:MM:SS.SSS', which sorts and reads well in the sqlite3 shell.
-- Status values are exactly those of the Flamenco v3 wire protocol (protocol.md §4.9).

CREATE TABLE workers (
    id                    INTEGER PRIMARY KEY,
    uuid                  TEXT    NOT NULL UNIQUE CHECK (length(uuid) = 36),
    name                  TEXT    NOT NULL,
    -- HMAC-SHA256 of the secret keyed by a per-worker random salt; the secret itself is never stored.
    secret_salt           BLOB    NOT NULL,
    secret_hash           BLOB    NOT NULL,
    address               TEXT    NOT NULL DEFAULT '',
    platform              TEXT    NOT NULL DEFAULT '',
    software              TEXT    NOT NULL DEFAULT '',
    status                TEXT    NOT NULL DEFAULT 'offline'
        CHECK (status IN ('starting', 'awake', 'asleep', 'error', 'testing', 'offline', 'restart')),
    -- The queued status change; '' when none is pending.
    status_requested      TEXT    NOT NULL DEFAULT ''
        CHECK (status_requested IN ('', 'starting', 'awake', 'asleep', 'error', 'testing', 'offline', 'restart')),
    lazy_status_request   INTEGER NOT NULL DEFAULT 0 CHECK (lazy_status_request IN (0, 1)),
    -- JSON array of task types, as the worker sent them (normalised at sign-on).
    supported_task_types  TEXT    NOT NULL DEFAULT '[]'
        CHECK (json_valid(supported_task_types) AND json_type(supported_task_types) = 'array'),
    can_restart           INTEGER NOT NULL DEFAULT 0 CHECK (can_restart IN (0, 1)),
    last_seen_at          TEXT,
    created_at            TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    updated_at            TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    -- Soft deletion: a deleted worker is hidden, cannot authenticate, and keeps its history.
    deleted_at            TEXT,
    CHECK (status_requested <> '' OR lazy_status_request = 0)
) STRICT;

CREATE TABLE worker_tags (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    name         TEXT NOT NULL UNIQUE,
    description  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE worker_tag_memberships (
    worker_id  INTEGER NOT NULL REFERENCES workers (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES worker_tags (id) ON DELETE CASCADE,
    PRIMARY KEY (worker_id, tag_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX worker_tag_memberships_by_tag ON worker_tag_memberships (tag_id, worker_id);

-- One sleep schedule per worker (protocol.md §5.5). Times are 'HH:MM' in the Manager's local time, '' = open.
CREATE TABLE sleep_schedules (
    worker_id     INTEGER PRIMARY KEY REFERENCES workers (id) ON DELETE CASCADE,
    is_active     INTEGER NOT NULL CHECK (is_active IN (0, 1)),
    days_of_week  TEXT    NOT NULL DEFAULT '',
    start_time    TEXT    NOT NULL DEFAULT '' CHECK (start_time = '' OR start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    end_time      TEXT    NOT NULL DEFAULT '' CHECK (end_time = '' OR end_time GLOB '[0-2][0-9]:[0-5][0-9]')
) STRICT;

CREATE TABLE jobs (
    id                    INTEGER PRIMARY KEY,
    uuid                  TEXT    NOT NULL UNIQUE CHECK (length(uuid) = 36),
    name                  TEXT    NOT NULL,
    job_type              TEXT    NOT NULL,
    priority              INTEGER NOT NULL,
    status                TEXT    NOT NULL
        CHECK (status IN ('under-construction', 'queued', 'active', 'pause-requested', 'paused',
                          'cancel-requested', 'canceled', 'requeueing', 'completed', 'failed')),
    activity              TEXT    NOT NULL DEFAULT '',
    settings              TEXT    NOT NULL DEFAULT '{}'
        CHECK (json_valid(settings) AND json_type(settings) = 'object'),
    metadata              TEXT    NOT NULL DEFAULT '{}'
        CHECK (json_valid(metadata) AND json_type(metadata) = 'object'),
    submitter_platform    TEXT    NOT NULL DEFAULT '',
    worker_tag_id         INTEGER REFERENCES worker_tags (id) ON DELETE SET NULL,
    shaman_checkout_id    TEXT    NOT NULL DEFAULT '',
    -- Folder of the job's task logs and thumbnails, relative to the storage root: 'job-<4>/<uuid>'.
    storage_path          TEXT    NOT NULL,
    -- Sums over the job's tasks, kept current by the triggers below.
    steps_completed       INTEGER NOT NULL DEFAULT 0 CHECK (steps_completed >= 0),
    steps_total           INTEGER NOT NULL DEFAULT 0 CHECK (steps_total >= 0),
    created_at            TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    updated_at            TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    delete_requested_at   TEXT
) STRICT;

CREATE INDEX jobs_by_tag ON jobs (worker_tag_id) WHERE worker_tag_id IS NOT NULL;
CREATE INDEX jobs_by_updated ON jobs (updated_at);

CREATE TABLE tasks (
    id                       INTEGER PRIMARY KEY,
    uuid                     TEXT    NOT NULL UNIQUE CHECK (length(uuid) = 36),
    job_id                   INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    index_in_job             INTEGER NOT NULL CHECK (index_in_job >= 1),
    name                     TEXT    NOT NULL,
    task_type                TEXT    NOT NULL,
    priority                 INTEGER NOT NULL,
    status                   TEXT    NOT NULL
        CHECK (status IN ('queued', 'active', 'completed', 'failed', 'soft-failed', 'paused', 'canceled')),
    -- The last worker the task was assigned to; kept on requeue, pause and cancel (protocol.md §6.1).
    worker_id                INTEGER REFERENCES workers (id) ON DELETE SET NULL,
    commands                 TEXT    NOT NULL DEFAULT '[]'
        CHECK (json_valid(commands) AND json_type(commands) = 'array'),
    activity                 TEXT    NOT NULL DEFAULT '',
    steps_completed          INTEGER NOT NULL DEFAULT 0 CHECK (steps_completed >= 0),
    steps_total              INTEGER NOT NULL DEFAULT 0 CHECK (steps_total >= 0),
    created_at               TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    updated_at               TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    last_touched_at          TEXT,
    -- Scheduling copies of job facts, kept equal to the job's by triggers, so that the run queue
    -- is one partial index walked in order instead of a join over every task (protocol.md §7).
    job_priority             INTEGER NOT NULL,
    job_schedulable          INTEGER NOT NULL CHECK (job_schedulable IN (0, 1)),
    job_tag_id               INTEGER,
    -- Dependencies of this task that are not completed, kept current by triggers.
    unfinished_dependencies  INTEGER NOT NULL DEFAULT 0 CHECK (unfinished_dependencies >= 0),
    UNIQUE (job_id, index_in_job),
    CHECK (steps_completed <= steps_total)
) STRICT;

-- The run queue: runnable tasks in scheduling order, per task type and job tag.
CREATE INDEX tasks_run_queue ON tasks (task_type, job_tag_id, job_priority DESC, priority DESC, id)
    WHERE status IN ('queued', 'soft-failed') AND unfinished_dependencies = 0 AND job_schedulable = 1;
CREATE INDEX tasks_active_by_worker ON tasks (worker_id) WHERE status = 'active';
CREATE INDEX tasks_by_worker_updated ON tasks (worker_id, updated_at);
CREATE INDEX tasks_active_by_touch ON tasks (last_touched_at) WHERE status = 'active';
CREATE INDEX tasks_by_job_status ON tasks (job_id, status);

CREATE TABLE task_dependencies (
    task_id        INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    dependency_id  INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, dependency_id),
    CHECK (task_id <> dependency_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX task_dependencies_by_dependency ON task_dependencies (dependency_id, task_id);

-- Per-job task counts by status, kept current by triggers, so job roll-ups read a handful of rows.
CREATE TABLE job_task_counts (
    job_id  INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    status  TEXT    NOT NULL
        CHECK (status IN ('queued', 'active', 'completed', 'failed', 'soft-failed', 'paused', 'canceled')),
    count   INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (job_id, status)
) STRICT, WITHOUT ROWID;

-- Workers that failed a task (protocol.md §8.2): one entry per worker.
CREATE TABLE task_failures (
    task_id     INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    worker_id   INTEGER NOT NULL REFERENCES workers (id) ON DELETE CASCADE,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    PRIMARY KEY (task_id, worker_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX task_failures_by_worker ON task_failures (worker_id, task_id);

-- Workers blocked from a task type on a job (protocol.md §8.3).
CREATE TABLE job_blocklist (
    job_id      INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    worker_id   INTEGER NOT NULL REFERENCES workers (id) ON DELETE CASCADE,
    task_type   TEXT    NOT NULL,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    PRIMARY KEY (job_id, worker_id, task_type)
) STRICT, WITHOUT ROWID;

CREATE INDEX job_blocklist_by_worker ON job_blocklist (worker_id, job_id, task_type);

-- Jobs with rendered previews; the farm-wide last-rendered job is the most recently updated row.
CREATE TABLE last_rendered (
    job_id      INTEGER PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX last_rendered_by_time ON last_rendered (updated_at);
