"""Scheduling: the draft schedule (placements and their cells, one session per
room and slot as a unique constraint), organizers' overrides of broken rules,
auto-scheduler suggestions, and published versions with their sessions and
change lists.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

Only new tables; nothing existing changes. Published sessions keep their times
as they were published, so a later change to a slot does not rewrite history.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "conflict_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("conflict_key", sa.String(length=200), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_conflict_overrides_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_conflict_overrides_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict_overrides")),
        sa.UniqueConstraint(
            "forum_id", "conflict_key", name=op.f("uq_conflict_overrides_forum_id_conflict_key")
        ),
    )
    op.create_index(
        "ix_conflict_overrides_forum_id", "conflict_overrides", ["forum_id"], unique=False
    )

    op.create_table(
        "schedule_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "queued",
                "running",
                "ready",
                "failed",
                "applied",
                "discarded",
                name="suggestionstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("time_limit_seconds", sa.Integer(), nullable=False),
        sa.Column("keep_placed", sa.Boolean(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("objective", sa.Double(), nullable=True),
        sa.Column("solver_status", sa.String(length=16), nullable=True),
        sa.Column("placements", sa.JSON(), nullable=False),
        sa.Column("unplaced", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_schedule_suggestions_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_schedule_suggestions_requested_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_suggestions")),
    )
    op.create_index(
        "ix_schedule_suggestions_forum_id", "schedule_suggestions", ["forum_id"], unique=False
    )

    op.create_table(
        "schedule_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_schedule_versions_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["users.id"],
            name=op.f("fk_schedule_versions_published_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_versions")),
        sa.UniqueConstraint(
            "forum_id", "number", name=op.f("uq_schedule_versions_forum_id_number")
        ),
    )
    op.create_index(
        "ix_schedule_versions_forum_id", "schedule_versions", ["forum_id"], unique=False
    )

    op.create_table(
        "placements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("day_id", sa.Integer(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("placed_by_id", sa.Integer(), nullable=True),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_placements_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["day_id"], ["days.id"], name=op.f("fk_placements_day_id_days"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_placements_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["placed_by_id"],
            ["users.id"],
            name=op.f("fk_placements_placed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["room_id"], ["rooms.id"], name=op.f("fk_placements_room_id_rooms"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_placements")),
        sa.UniqueConstraint("activity_id", name=op.f("uq_placements_activity_id")),
    )
    op.create_index("ix_placements_day_id", "placements", ["day_id"], unique=False)
    op.create_index("ix_placements_forum_id", "placements", ["forum_id"], unique=False)
    op.create_index("ix_placements_room_id", "placements", ["room_id"], unique=False)

    op.create_table(
        "published_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("day_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=False),
        sa.Column("ends_at", sa.Time(), nullable=False),
        sa.Column("slot_ids", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_published_sessions_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["day_id"],
            ["days.id"],
            name=op.f("fk_published_sessions_day_id_days"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["rooms.id"],
            name=op.f("fk_published_sessions_room_id_rooms"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["schedule_versions.id"],
            name=op.f("fk_published_sessions_version_id_schedule_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_sessions")),
        sa.UniqueConstraint(
            "version_id", "activity_id", name=op.f("uq_published_sessions_version_id_activity_id")
        ),
    )
    op.create_index(
        "ix_published_sessions_activity_id", "published_sessions", ["activity_id"], unique=False
    )
    op.create_index("ix_published_sessions_day_id", "published_sessions", ["day_id"], unique=False)
    op.create_index(
        "ix_published_sessions_room_id", "published_sessions", ["room_id"], unique=False
    )
    op.create_index(
        "ix_published_sessions_version_id", "published_sessions", ["version_id"], unique=False
    )

    op.create_table(
        "schedule_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("new", "moved", "cancelled", name="changekind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_schedule_changes_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["schedule_versions.id"],
            name=op.f("fk_schedule_changes_version_id_schedule_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_changes")),
    )
    op.create_index(
        "ix_schedule_changes_activity_id", "schedule_changes", ["activity_id"], unique=False
    )
    op.create_index(
        "ix_schedule_changes_version_id", "schedule_changes", ["version_id"], unique=False
    )

    op.create_table(
        "placement_cells",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placements.id"],
            name=op.f("fk_placement_cells_placement_id_placements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["rooms.id"],
            name=op.f("fk_placement_cells_room_id_rooms"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"],
            ["time_slots.id"],
            name=op.f("fk_placement_cells_slot_id_time_slots"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_placement_cells")),
        sa.UniqueConstraint("room_id", "slot_id", name="uq_placement_cells_room_slot"),
    )
    op.create_index(
        "ix_placement_cells_placement_id", "placement_cells", ["placement_id"], unique=False
    )
    op.create_index("ix_placement_cells_slot_id", "placement_cells", ["slot_id"], unique=False)


def downgrade():
    op.drop_table("placement_cells")
    op.drop_table("schedule_changes")
    op.drop_table("published_sessions")
    op.drop_table("placements")
    op.drop_table("schedule_versions")
    op.drop_table("schedule_suggestions")
    op.drop_table("conflict_overrides")
