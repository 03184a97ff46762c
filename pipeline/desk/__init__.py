"""The reviewer's desk (issue 17, CONTRACT §4): `certcheck serve OUT` and `certcheck users`.

A server-rendered web app (Starlette, Jinja2 templates shared with the static report) over a
database (SQLAlchemy 2, Alembic migrations run on start; SQLite in WAL mode inside OUT by
default, PostgreSQL by URL) that holds the accounts, sessions, decisions, reservations and
the run's applicants loaded from OUT. Every reviewer event is appended to the hash-chained
log `OUT/audit/desk-events.jsonl` (pipeline.desk.events).
"""
