-- +goose Up
-- State that several servers sharing one database must agree on lives in
-- the database, not in a process: the failed logins that decide a
-- lockout, and who runs a background job.

-- login_failures: one row per failed login of a key ('account:<email>' or
-- 'addr:<client address>') at at, Unix nanoseconds. The rows older than
-- the login window are pruned as new failures arrive; a successful login
-- removes its account's rows.
CREATE TABLE login_failures (
    key TEXT    NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);
-- Serves the pruning of every key's old failures.
CREATE INDEX login_failures_at ON login_failures (at);

-- job_leases: the server (holder: host, process and a random part) that
-- runs the job name until until, Unix nanoseconds. A lease that has run
-- out may be taken by any server.
CREATE TABLE job_leases (
    name   TEXT    NOT NULL PRIMARY KEY,
    holder TEXT    NOT NULL,
    until  INTEGER NOT NULL
);
