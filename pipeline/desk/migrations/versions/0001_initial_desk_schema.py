"""initial desk schema: accounts, sessions, throttling, the run's applicants, decisions
and their history, finding reviews, reservations, feedback templates, meta

Revision ID: 0001
Revises:
Create Date: 2026-12-06 22:46:19.734812
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    _create_applicants()
    _create_applicant_details()
    _create_decision_history()
    _create_decisions()
    _create_feedback_templates()
    _create_finding_reviews()
    _create_login_failures()
    _create_meta()
    _create_reservations()
    _create_users()
    _create_sessions()


def _create_applicants() -> None:
    op.create_table(
        "applicants",
        sa.Column("applicant_id", sa.String(length=128), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("site", sa.String(length=128), nullable=False),
        sa.Column("region", sa.String(length=128), nullable=False),
        sa.Column("id_masked", sa.String(length=64), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("n_findings", sa.Integer(), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("top_type", sa.String(length=128), nullable=False),
        sa.Column("types", sa.Text(), nullable=False),
        sa.Column("materials", sa.Text(), nullable=False),
        sa.Column("spot_check", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("applicant_id"),
    )
    with op.batch_alter_table("applicants", schema=None) as batch_op:
        batch_op.create_index(
            "ix_applicants_queue",
            ["severity", "top_type", "position", "applicant_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_applicants_site_queue",
            ["site", "severity", "top_type", "position", "applicant_id"],
            unique=False,
        )


def _create_applicant_details() -> None:
    op.create_table(
        "applicant_details",
        sa.Column("applicant_id", sa.String(length=128), nullable=False),
        sa.Column("form_json", sa.Text(), nullable=False),
        sa.Column("findings_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("applicant_id"),
    )


def _create_decision_history() -> None:
    op.create_table(
        "decision_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("applicant_id", sa.String(length=128), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("feedback", sa.Text(), nullable=False),
        sa.Column("materials", sa.Text(), nullable=False),
        sa.Column("deadline", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("decision_history", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_decision_history_applicant_id"), ["applicant_id"], unique=False
        )


def _create_decisions() -> None:
    op.create_table(
        "decisions",
        sa.Column("applicant_id", sa.String(length=128), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("feedback", sa.Text(), nullable=False),
        sa.Column("materials", sa.Text(), nullable=False),
        sa.Column("deadline", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("reopened", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("applicant_id"),
    )


def _create_feedback_templates() -> None:
    op.create_table(
        "feedback_templates",
        sa.Column("slot", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("slot"),
    )


def _create_finding_reviews() -> None:
    op.create_table(
        "finding_reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("applicant_id", sa.String(length=128), nullable=False),
        sa.Column("finding_hash", sa.String(length=64), nullable=False),
        sa.Column("check_id", sa.String(length=128), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("finding_reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_finding_reviews_applicant_id"), ["applicant_id"], unique=False
        )


def _create_login_failures() -> None:
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_failures_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_login_failures_client"), ["client"], unique=False)
        batch_op.create_index(batch_op.f("ix_login_failures_username"), ["username"], unique=False)


def _create_meta() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def _create_reservations() -> None:
    op.create_table(
        "reservations",
        sa.Column("applicant_id", sa.String(length=128), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("applicant_id"),
    )


def _create_users() -> None:
    op.create_table(
        "users",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("sites", sa.Text(), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("username"),
    )


def _create_sessions() -> None:
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["username"],
            ["users.username"],
        ),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sessions_username"), ["username"], unique=False)


def downgrade() -> None:
    op.drop_table("applicant_details")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sessions_username"))

    op.drop_table("sessions")
    op.drop_table("users")
    op.drop_table("reservations")
    op.drop_table("meta")
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_failures_username"))
        batch_op.drop_index(batch_op.f("ix_login_failures_client"))
        batch_op.drop_index(batch_op.f("ix_login_failures_at"))

    op.drop_table("login_failures")
    with op.batch_alter_table("finding_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_reviews_applicant_id"))

    op.drop_table("finding_reviews")
    op.drop_table("feedback_templates")
    op.drop_table("decisions")
    with op.batch_alter_table("decision_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_history_applicant_id"))

    op.drop_table("decision_history")
    with op.batch_alter_table("applicants", schema=None) as batch_op:
        batch_op.drop_index("ix_applicants_site_queue")
        batch_op.drop_index("ix_applicants_queue")

    op.drop_table("applicants")
