"""Interpreting: a forum's rules for its interpretation team, interpreters with
their languages and levels, directions and availability, the interpretation each
placed session needs, and the assignments covering them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

Only new tables. A need is unique per session and language pair; an assignment
is unique per need and interpreter.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "interpreters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "approved",
                "rejected",
                "withdrawn",
                name="interpreterstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("modes", sa.JSON(), nullable=False),
        sa.Column("experienced", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("feed_nonce", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_interpreters_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_interpreters_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_interpreters_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interpreters")),
        sa.UniqueConstraint("forum_id", "user_id", name=op.f("uq_interpreters_forum_id_user_id")),
    )
    op.create_index("ix_interpreters_forum_id", "interpreters", ["forum_id"], unique=False)
    op.create_index("ix_interpreters_status", "interpreters", ["status"], unique=False)
    op.create_index("ix_interpreters_user_id", "interpreters", ["user_id"], unique=False)

    op.create_table(
        "interpreting_policies",
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("allow_relay", sa.Boolean(), nullable=False),
        sa.Column("max_sessions_per_day", sa.Integer(), nullable=False),
        sa.Column("booth_team_after_minutes", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_interpreting_policies_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("forum_id", name=op.f("pk_interpreting_policies")),
    )
    op.create_table(
        "interpreter_availability",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interpreter_id", sa.Integer(), nullable=False),
        sa.Column("day_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["day_id"],
            ["days.id"],
            name=op.f("fk_interpreter_availability_day_id_days"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interpreter_id"],
            ["interpreters.id"],
            name=op.f("fk_interpreter_availability_interpreter_id_interpreters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interpreter_availability")),
        sa.UniqueConstraint(
            "interpreter_id",
            "day_id",
            name=op.f("uq_interpreter_availability_interpreter_id_day_id"),
        ),
    )
    op.create_index(
        "ix_interpreter_availability_day_id", "interpreter_availability", ["day_id"], unique=False
    )
    op.create_index(
        "ix_interpreter_availability_interpreter_id",
        "interpreter_availability",
        ["interpreter_id"],
        unique=False,
    )

    op.create_table(
        "interpreter_directions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interpreter_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("target", sa.String(length=8), nullable=False),
        sa.CheckConstraint(
            "source != target", name=op.f("ck_interpreter_directions_two_languages")
        ),
        sa.ForeignKeyConstraint(
            ["interpreter_id"],
            ["interpreters.id"],
            name=op.f("fk_interpreter_directions_interpreter_id_interpreters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interpreter_directions")),
        sa.UniqueConstraint(
            "interpreter_id",
            "source",
            "target",
            name=op.f("uq_interpreter_directions_interpreter_id_source_target"),
        ),
    )
    op.create_index(
        "ix_interpreter_directions_interpreter_id",
        "interpreter_directions",
        ["interpreter_id"],
        unique=False,
    )

    op.create_table(
        "interpreter_languages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interpreter_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column(
            "level", sa.Enum("A", "B", "C", name="languagelevel", native_enum=False), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["interpreter_id"],
            ["interpreters.id"],
            name=op.f("fk_interpreter_languages_interpreter_id_interpreters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interpreter_languages")),
        sa.UniqueConstraint(
            "interpreter_id",
            "language",
            name=op.f("uq_interpreter_languages_interpreter_id_language"),
        ),
    )
    op.create_index(
        "ix_interpreter_languages_interpreter_id",
        "interpreter_languages",
        ["interpreter_id"],
        unique=False,
    )

    op.create_table(
        "interpretation_needs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("target", sa.String(length=8), nullable=False),
        sa.Column("relay", sa.String(length=8), nullable=True),
        sa.Column(
            "mode",
            sa.Enum(
                "simultaneous",
                "consecutive",
                "whispered",
                name="interpretationmode",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("team_size", sa.Integer(), nullable=False),
        sa.Column("channel", sa.Integer(), nullable=True),
        sa.Column("edited", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "team_size BETWEEN 1 AND 2", name=op.f("ck_interpretation_needs_team_of_one_or_two")
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_interpretation_needs_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_interpretation_needs_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interpretation_needs")),
        sa.UniqueConstraint(
            "activity_id",
            "source",
            "target",
            name=op.f("uq_interpretation_needs_activity_id_source_target"),
        ),
    )
    op.create_index(
        "ix_interpretation_needs_activity_id", "interpretation_needs", ["activity_id"], unique=False
    )
    op.create_index(
        "ix_interpretation_needs_forum_id", "interpretation_needs", ["forum_id"], unique=False
    )

    op.create_table(
        "interpretation_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column("interpreter_id", sa.Integer(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_interpretation_assignments_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["interpreter_id"],
            ["interpreters.id"],
            name=op.f("fk_interpretation_assignments_interpreter_id_interpreters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["need_id"],
            ["interpretation_needs.id"],
            name=op.f("fk_interpretation_assignments_need_id_interpretation_needs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interpretation_assignments")),
        sa.UniqueConstraint(
            "need_id",
            "interpreter_id",
            name=op.f("uq_interpretation_assignments_need_id_interpreter_id"),
        ),
    )
    op.create_index(
        "ix_interpretation_assignments_interpreter_id",
        "interpretation_assignments",
        ["interpreter_id"],
        unique=False,
    )
    op.create_index(
        "ix_interpretation_assignments_need_id",
        "interpretation_assignments",
        ["need_id"],
        unique=False,
    )


def downgrade():
    op.drop_table("interpretation_assignments")
    op.drop_table("interpretation_needs")
    op.drop_table("interpreter_languages")
    op.drop_table("interpreter_directions")
    op.drop_table("interpreter_availability")
    op.drop_table("interpreting_policies")
    op.drop_table("interpreters")
