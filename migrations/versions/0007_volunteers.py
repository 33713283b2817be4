"""Volunteers: a forum's volunteering rules, volunteers with their availability,
teams (and approvals for teams that need one), shifts and sign-ups.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

Only new tables. Volunteers' phones and notes are EncryptedText (stored as text).
A sign-up is unique per shift and volunteer; the count against places is kept by
locking the shift's row when taking it.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "volunteer_teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("name_ar", sa.String(length=120), nullable=True),
        sa.Column("name_ckb", sa.String(length=120), nullable=True),
        sa.Column("name_en", sa.String(length=120), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("requires_approval", sa.Boolean(), nullable=False),
        sa.Column("required_language", sa.String(length=8), nullable=True),
        sa.Column("hosts_rooms", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_volunteer_teams_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_teams")),
    )
    op.create_index("ix_volunteer_teams_forum_id", "volunteer_teams", ["forum_id"], unique=False)

    op.create_table(
        "volunteering_policies",
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("auto_approve", sa.Boolean(), nullable=False),
        sa.Column("drop_cutoff_hours", sa.Integer(), nullable=False),
        sa.Column("max_hours_per_day", sa.Integer(), nullable=False),
        sa.Column("min_rest_minutes", sa.Integer(), nullable=False),
        sa.Column("advance_days", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_volunteering_policies_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("forum_id", name=op.f("pk_volunteering_policies")),
    )
    op.create_table(
        "volunteers",
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
                name="volunteerstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column(
            "contact_preference",
            sa.Enum(
                "email",
                "phone",
                "sms",
                "whatsapp",
                "signal",
                "telegram",
                name="contactpreference",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("feed_nonce", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_volunteers_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_volunteers_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_volunteers_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteers")),
        sa.UniqueConstraint("forum_id", "user_id", name=op.f("uq_volunteers_forum_id_user_id")),
    )
    op.create_index("ix_volunteers_forum_id", "volunteers", ["forum_id"], unique=False)
    op.create_index("ix_volunteers_status", "volunteers", ["status"], unique=False)
    op.create_index("ix_volunteers_user_id", "volunteers", ["user_id"], unique=False)

    op.create_table(
        "volunteer_availability",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("day_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=True),
        sa.Column("ends_at", sa.Time(), nullable=True),
        sa.ForeignKeyConstraint(
            ["day_id"],
            ["days.id"],
            name=op.f("fk_volunteer_availability_day_id_days"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"],
            ["volunteers.id"],
            name=op.f("fk_volunteer_availability_volunteer_id_volunteers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_availability")),
        sa.UniqueConstraint(
            "volunteer_id", "day_id", name=op.f("uq_volunteer_availability_volunteer_id_day_id")
        ),
    )
    op.create_index(
        "ix_volunteer_availability_day_id", "volunteer_availability", ["day_id"], unique=False
    )
    op.create_index(
        "ix_volunteer_availability_volunteer_id",
        "volunteer_availability",
        ["volunteer_id"],
        unique=False,
    )

    op.create_table(
        "volunteer_team_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by_id"],
            ["users.id"],
            name=op.f("fk_volunteer_team_approvals_approved_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["volunteer_teams.id"],
            name=op.f("fk_volunteer_team_approvals_team_id_volunteer_teams"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"],
            ["volunteers.id"],
            name=op.f("fk_volunteer_team_approvals_volunteer_id_volunteers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_team_approvals")),
        sa.UniqueConstraint(
            "team_id", "volunteer_id", name=op.f("uq_volunteer_team_approvals_team_id_volunteer_id")
        ),
    )
    op.create_index(
        "ix_volunteer_team_approvals_team_id", "volunteer_team_approvals", ["team_id"], unique=False
    )
    op.create_index(
        "ix_volunteer_team_approvals_volunteer_id",
        "volunteer_team_approvals",
        ["volunteer_id"],
        unique=False,
    )

    op.create_table(
        "volunteer_shifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("day_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=False),
        sa.Column("ends_at", sa.Time(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("area", sa.String(length=120), nullable=True),
        sa.Column("places_needed", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "places_needed >= 1", name=op.f("ck_volunteer_shifts_at_least_one_place")
        ),
        sa.CheckConstraint(
            "starts_at < ends_at", name=op.f("ck_volunteer_shifts_starts_before_it_ends")
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_volunteer_shifts_activity_id_activities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["day_id"],
            ["days.id"],
            name=op.f("fk_volunteer_shifts_day_id_days"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_volunteer_shifts_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["rooms.id"],
            name=op.f("fk_volunteer_shifts_room_id_rooms"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["volunteer_teams.id"],
            name=op.f("fk_volunteer_shifts_team_id_volunteer_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_shifts")),
    )
    op.create_index(
        "ix_volunteer_shifts_activity_id", "volunteer_shifts", ["activity_id"], unique=False
    )
    op.create_index("ix_volunteer_shifts_day_id", "volunteer_shifts", ["day_id"], unique=False)
    op.create_index("ix_volunteer_shifts_forum_id", "volunteer_shifts", ["forum_id"], unique=False)
    op.create_index("ix_volunteer_shifts_room_id", "volunteer_shifts", ["room_id"], unique=False)
    op.create_index("ix_volunteer_shifts_team_id", "volunteer_shifts", ["team_id"], unique=False)

    op.create_table(
        "volunteer_shift_signups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("checked_in_by_id", sa.Integer(), nullable=True),
        sa.Column("minutes_worked", sa.Integer(), nullable=True),
        sa.Column("no_show", sa.Boolean(), nullable=False),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["checked_in_by_id"],
            ["users.id"],
            name=op.f("fk_volunteer_shift_signups_checked_in_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_volunteer_shift_signups_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["shift_id"],
            ["volunteer_shifts.id"],
            name=op.f("fk_volunteer_shift_signups_shift_id_volunteer_shifts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"],
            ["volunteers.id"],
            name=op.f("fk_volunteer_shift_signups_volunteer_id_volunteers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_shift_signups")),
        sa.UniqueConstraint(
            "shift_id",
            "volunteer_id",
            name=op.f("uq_volunteer_shift_signups_shift_id_volunteer_id"),
        ),
    )
    op.create_index(
        "ix_volunteer_shift_signups_shift_id", "volunteer_shift_signups", ["shift_id"], unique=False
    )
    op.create_index(
        "ix_volunteer_shift_signups_volunteer_id",
        "volunteer_shift_signups",
        ["volunteer_id"],
        unique=False,
    )


def downgrade():
    op.drop_table("volunteer_shift_signups")
    op.drop_table("volunteer_shifts")
    op.drop_table("volunteer_team_approvals")
    op.drop_table("volunteer_availability")
    op.drop_table("volunteers")
    op.drop_table("volunteering_policies")
    op.drop_table("volunteer_teams")
