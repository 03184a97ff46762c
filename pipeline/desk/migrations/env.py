"""Alembic environment: the desk runs migrations as a library on a connection it hands in."""

from __future__ import annotations

from alembic import context

from pipeline.desk.db import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
