-- Read-only views for operators in the sqlite3 shell (see README.md, "Inspecting a farm").

-- Workers with their queued status change and current task.
CREATE VIEW workers_overview AS
SELECT w.name,
       w.uuid,
       w.status,
       CASE WHEN w.status_requested = '' THEN ''
            ELSE w.status_requested || CASE WHEN w.lazy_status_request THEN ' (lazy)' ELSE '' END
       END AS requested_status,
       (SELECT j.name || ' / ' || t.name FROM tasks t JOIN jobs j ON j.id = t.job_id
         WHERE t.worker_id = w.id AND t.status = 'active' ORDER BY t.id LIMIT 1) AS current_task,
       w.last_seen_at AS last_seen,
       w.platform,
       w.address
FROM workers w
WHERE w.deleted_at IS NULL
ORDER BY w.name;

-- Jobs with their task counts per status and step progress.
CREATE VIEW job_progress AS
SELECT j.name,
       j.uuid,
       j.status,
       j.priority,
       (SELECT coalesce(sum(c.count), 0) FROM job_task_counts c WHERE c.job_id = j.id) AS tasks,
       coalesce((SELECT c.count FROM job_task_counts c WHERE c.job_id = j.id AND c.status = 'queued'), 0) AS queued,
       coalesce((SELECT c.count FROM job_task_counts c WHERE c.job_id = j.id AND c.status = 'active'), 0) AS active,
       coalesce((SELECT c.count FROM job_task_counts c WHERE c.job_id = j.id AND c.status = 'completed'), 0) AS completed,
       coalesce((SELECT c.count FROM job_task_counts c WHERE c.job_id = j.id AND c.status = 'soft-failed'), 0) AS soft_failed,
       coalesce((SELECT c.count FROM job_task_counts c WHERE c.job_id = j.id AND c.status = 'failed'), 0) AS failed,
       coalesce((SELECT c.count FROM job_task_counts c WHERE c.job_id = j.id AND c.status = 'paused'), 0) AS paused,
       coalesce((SELECT c.count FROM job_task_counts c WHERE c.job_id = j.id AND c.status = 'canceled'), 0) AS canceled,
       j.steps_completed || '/' || j.steps_total AS steps,
       j.created_at,
       j.delete_requested_at
FROM jobs j
ORDER BY j.id;

-- Runnable tasks in the order the scheduler hands them out (before per-worker filters:
-- task types, tags, failure lists and blocklists).
CREATE VIEW run_queue AS
SELECT j.name AS job,
       t.name AS task,
       t.task_type,
       t.job_priority,
       t.priority,
       t.status,
       (SELECT g.name FROM worker_tags g WHERE g.id = t.job_tag_id) AS tag,
       t.uuid AS task_uuid
FROM tasks t JOIN jobs j ON j.id = t.job_id
WHERE t.status IN ('queued', 'soft-failed') AND t.unfinished_dependencies = 0 AND t.job_schedulable = 1
ORDER BY t.job_priority DESC, t.priority DESC, t.id;
