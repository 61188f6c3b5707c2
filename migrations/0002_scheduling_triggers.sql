-- Triggers that keep the scheduling copies and counters of 0001 equal to the facts they summarise.
-- They live in the database, so every writer (Tablao, a migration, an operator's sqlite3 session)
-- keeps the run queue, the job counters and the dependency counts correct.

-- A new task takes its job's priority, schedulability and tag, whatever the inserter supplied.
CREATE TRIGGER tasks_copy_job_facts_on_insert AFTER INSERT ON tasks
WHEN new.job_priority IS NOT (SELECT priority FROM jobs WHERE id = new.job_id)
  OR new.job_schedulable IS NOT (SELECT status IN ('queued', 'active') AND delete_requested_at IS NULL
                                   FROM jobs WHERE id = new.job_id)
  OR new.job_tag_id IS NOT (SELECT worker_tag_id FROM jobs WHERE id = new.job_id)
BEGIN
    UPDATE tasks SET
        job_priority = (SELECT priority FROM jobs WHERE id = new.job_id),
        job_schedulable = (SELECT status IN ('queued', 'active') AND delete_requested_at IS NULL
                             FROM jobs WHERE id = new.job_id),
        job_tag_id = (SELECT worker_tag_id FROM jobs WHERE id = new.job_id)
    WHERE id = new.id;
END;

CREATE TRIGGER jobs_copy_priority AFTER UPDATE OF priority ON jobs
WHEN new.priority IS NOT old.priority
BEGIN
    UPDATE tasks SET job_priority = new.priority WHERE job_id = new.id;
END;

CREATE TRIGGER jobs_copy_schedulable AFTER UPDATE OF status, delete_requested_at ON jobs
WHEN (new.status IN ('queued', 'active') AND new.delete_requested_at IS NULL)
  IS NOT (old.status IN ('queued', 'active') AND old.delete_requested_at IS NULL)
BEGIN
    UPDATE tasks SET job_schedulable = (new.status IN ('queued', 'active') AND new.delete_requested_at IS NULL)
    WHERE job_id = new.id;
END;

CREATE TRIGGER jobs_copy_tag AFTER UPDATE OF worker_tag_id ON jobs
WHEN new.worker_tag_id IS NOT old.worker_tag_id
BEGIN
    UPDATE tasks SET job_tag_id = new.worker_tag_id WHERE job_id = new.id;
END;

-- Unfinished-dependency counts.
CREATE TRIGGER task_dependencies_count_insert AFTER INSERT ON task_dependencies
WHEN (SELECT status FROM tasks WHERE id = new.dependency_id) IS NOT 'completed'
BEGIN
    UPDATE tasks SET unfinished_dependencies = unfinished_dependencies + 1 WHERE id = new.task_id;
END;

CREATE TRIGGER task_dependencies_count_delete AFTER DELETE ON task_dependencies
WHEN (SELECT status FROM tasks WHERE id = old.dependency_id) IS NOT 'completed'
BEGIN
    UPDATE tasks SET unfinished_dependencies = unfinished_dependencies - 1
    WHERE id = old.task_id AND unfinished_dependencies > 0;
END;

CREATE TRIGGER tasks_count_dependents AFTER UPDATE OF status ON tasks
WHEN (new.status = 'completed') IS NOT (old.status = 'completed')
BEGIN
    UPDATE tasks
    SET unfinished_dependencies = unfinished_dependencies + (CASE WHEN new.status = 'completed' THEN -1 ELSE 1 END)
    WHERE id IN (SELECT task_id FROM task_dependencies WHERE dependency_id = new.id);
END;

-- Per-job task counts by status.
CREATE TRIGGER tasks_count_insert AFTER INSERT ON tasks
BEGIN
    INSERT INTO job_task_counts (job_id, status, count) VALUES (new.job_id, new.status, 1)
    ON CONFLICT (job_id, status) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER tasks_count_status AFTER UPDATE OF status ON tasks
WHEN new.status IS NOT old.status
BEGIN
    UPDATE job_task_counts SET count = count - 1 WHERE job_id = old.job_id AND status = old.status;
    INSERT INTO job_task_counts (job_id, status, count) VALUES (new.job_id, new.status, 1)
    ON CONFLICT (job_id, status) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER tasks_count_delete AFTER DELETE ON tasks
BEGIN
    UPDATE job_task_counts SET count = count - 1 WHERE job_id = old.job_id AND status = old.status;
END;

-- Job step counters: sums over the job's tasks (protocol.md §4.10).
CREATE TRIGGER tasks_steps_insert AFTER INSERT ON tasks
BEGIN
    UPDATE jobs SET steps_completed = steps_completed + new.steps_completed,
                    steps_total = steps_total + new.steps_total
    WHERE id = new.job_id;
END;

CREATE TRIGGER tasks_steps_update AFTER UPDATE OF steps_completed, steps_total ON tasks
WHEN new.steps_completed IS NOT old.steps_completed OR new.steps_total IS NOT old.steps_total
BEGIN
    UPDATE jobs SET steps_completed = steps_completed + new.steps_completed - old.steps_completed,
                    steps_total = steps_total + new.steps_total - old.steps_total
    WHERE id = new.job_id;
END;

CREATE TRIGGER tasks_steps_delete AFTER DELETE ON tasks
BEGIN
    UPDATE jobs SET steps_completed = steps_completed - old.steps_completed,
                    steps_total = steps_total - old.steps_total
    WHERE id = old.job_id;
END;

-- Rows written before these triggers existed (a database upgraded from version 1) get their copies and counters
-- computed once here; from now on the triggers keep them current.
UPDATE tasks SET
    job_priority = (SELECT priority FROM jobs WHERE id = tasks.job_id),
    job_schedulable = (SELECT status IN ('queued', 'active') AND delete_requested_at IS NULL
                         FROM jobs WHERE id = tasks.job_id),
    job_tag_id = (SELECT worker_tag_id FROM jobs WHERE id = tasks.job_id),
    unfinished_dependencies = (SELECT count(*) FROM task_dependencies d JOIN tasks dep ON dep.id = d.dependency_id
                               WHERE d.task_id = tasks.id AND dep.status <> 'completed');

DELETE FROM job_task_counts;
INSERT INTO job_task_counts (job_id, status, count) SELECT job_id, status, count(*) FROM tasks GROUP BY job_id, status;

UPDATE jobs SET
    steps_completed = (SELECT coalesce(sum(steps_completed), 0) FROM tasks WHERE job_id = jobs.id),
    steps_total = (SELECT coalesce(sum(steps_total), 0) FROM tasks WHERE job_id = jobs.id);
