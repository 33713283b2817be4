"""Forums: settings, charter versions, days and time slots, rooms and closures, themes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

Existing forums (the demo's stub) become draft seasons with the default settings.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "charter_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text_ar", sa.Text(), nullable=True),
        sa.Column("text_ckb", sa.Text(), nullable=True),
        sa.Column("text_en", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_charter_versions_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_charter_versions")),
        sa.UniqueConstraint(
            "forum_id", "version", name=op.f("uq_charter_versions_forum_id_version")
        ),
    )
    with op.batch_alter_table("charter_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_charter_versions_forum_id"), ["forum_id"], unique=False
        )

    op.create_table(
        "days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forums.id"], name=op.f("fk_days_forum_id_forums"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_days")),
        sa.UniqueConstraint("forum_id", "date", name=op.f("uq_days_forum_id_date")),
    )
    with op.batch_alter_table("days", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_days_forum_id"), ["forum_id"], unique=False)

    op.create_table(
        "rooms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("name_ar", sa.String(length=120), nullable=True),
        sa.Column("name_ckb", sa.String(length=120), nullable=True),
        sa.Column("name_en", sa.String(length=120), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("has_booth", sa.Boolean(), nullable=False),
        sa.Column("booth_channels", sa.Integer(), nullable=False),
        sa.Column("step_free", sa.Boolean(), nullable=False),
        sa.Column("equipment", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forums.id"], name=op.f("fk_rooms_forum_id_forums"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rooms")),
    )
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rooms_forum_id"), ["forum_id"], unique=False)

    op.create_table(
        "themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("name_ar", sa.String(length=200), nullable=True),
        sa.Column("name_ckb", sa.String(length=200), nullable=True),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forums.id"], name=op.f("fk_themes_forum_id_forums"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_themes")),
    )
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_themes_forum_id"), ["forum_id"], unique=False)

    op.create_table(
        "room_closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("day_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=False),
        sa.Column("ends_at", sa.Time(), nullable=False),
        sa.CheckConstraint(
            "starts_at < ends_at", name=op.f("ck_room_closures_starts_before_it_ends")
        ),
        sa.ForeignKeyConstraint(
            ["day_id"], ["days.id"], name=op.f("fk_room_closures_day_id_days"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["rooms.id"],
            name=op.f("fk_room_closures_room_id_rooms"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_room_closures")),
    )
    with op.batch_alter_table("room_closures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_room_closures_day_id"), ["day_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_room_closures_room_id"), ["room_id"], unique=False)

    op.create_table(
        "time_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=False),
        sa.Column("ends_at", sa.Time(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("session", "break", name="slotkind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("label_ar", sa.String(length=80), nullable=True),
        sa.Column("label_ckb", sa.String(length=80), nullable=True),
        sa.Column("label_en", sa.String(length=80), nullable=True),
        sa.CheckConstraint("starts_at < ends_at", name=op.f("ck_time_slots_starts_before_it_ends")),
        sa.ForeignKeyConstraint(
            ["day_id"], ["days.id"], name=op.f("fk_time_slots_day_id_days"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_slots")),
        sa.UniqueConstraint("day_id", "starts_at", name=op.f("uq_time_slots_day_id_starts_at")),
    )
    with op.batch_alter_table("time_slots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_time_slots_day_id"), ["day_id"], unique=False)

    with op.batch_alter_table("forums", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind",
                sa.Enum("season", "local", name="forumkind", native_enum=False, length=16),
                nullable=False,
                server_default="season",
            )
        )
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("name_ar", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("name_ckb", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("name_en", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("slogan_ar", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("slogan_ckb", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("slogan_en", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("city", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("governorate", sa.String(length=20), nullable=True))
        batch_op.add_column(
            sa.Column("country", sa.String(length=2), nullable=False, server_default="IQ")
        )
        batch_op.add_column(sa.Column("venue", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("address", sa.String(length=300), nullable=True))
        batch_op.add_column(
            sa.Column(
                "timezone", sa.String(length=64), nullable=False, server_default="Asia/Baghdad"
            )
        )
        batch_op.add_column(sa.Column("start_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("registration_opens", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("registration_closes", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("proposals_open", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("proposals_close", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("volunteering_opens", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("volunteering_closes", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("languages", sa.JSON(), nullable=False, server_default='["ar", "ckb", "en"]')
        )
        batch_op.add_column(
            sa.Column(
                "max_delegates_per_organization", sa.Integer(), nullable=False, server_default="5"
            )
        )
        batch_op.add_column(
            sa.Column(
                "max_activities_per_organization", sa.Integer(), nullable=False, server_default="3"
            )
        )
        batch_op.add_column(
            sa.Column(
                "status",
                sa.Enum(
                    "draft",
                    "open",
                    "closed",
                    "archived",
                    name="forumstatus",
                    native_enum=False,
                    length=16,
                ),
                nullable=False,
                server_default="draft",
            )
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_forums_parent_id_forums"),
            "forums",
            ["parent_id"],
            ["id"],
            ondelete="SET NULL",
        )
    # The defaults only filled existing rows; the application sets these values.
    with op.batch_alter_table("forums", schema=None) as batch_op:
        for column in (
            "kind",
            "country",
            "timezone",
            "languages",
            "max_delegates_per_organization",
            "max_activities_per_organization",
            "status",
        ):
            batch_op.alter_column(column, server_default=None)


def downgrade():
    with op.batch_alter_table("forums", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_forums_parent_id_forums"), type_="foreignkey")
        batch_op.drop_column("status")
        batch_op.drop_column("max_activities_per_organization")
        batch_op.drop_column("max_delegates_per_organization")
        batch_op.drop_column("languages")
        batch_op.drop_column("volunteering_closes")
        batch_op.drop_column("volunteering_opens")
        batch_op.drop_column("proposals_close")
        batch_op.drop_column("proposals_open")
        batch_op.drop_column("registration_closes")
        batch_op.drop_column("registration_opens")
        batch_op.drop_column("start_date")
        batch_op.drop_column("timezone")
        batch_op.drop_column("address")
        batch_op.drop_column("venue")
        batch_op.drop_column("country")
        batch_op.drop_column("governorate")
        batch_op.drop_column("city")
        batch_op.drop_column("slogan_en")
        batch_op.drop_column("slogan_ckb")
        batch_op.drop_column("slogan_ar")
        batch_op.drop_column("name_en")
        batch_op.drop_column("name_ckb")
        batch_op.drop_column("name_ar")
        batch_op.drop_column("number")
        batch_op.drop_column("parent_id")
        batch_op.drop_column("kind")

    with op.batch_alter_table("time_slots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_time_slots_day_id"))

    op.drop_table("time_slots")
    with op.batch_alter_table("room_closures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_room_closures_room_id"))
        batch_op.drop_index(batch_op.f("ix_room_closures_day_id"))

    op.drop_table("room_closures")
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_themes_forum_id"))

    op.drop_table("themes")
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rooms_forum_id"))

    op.drop_table("rooms")
    with op.batch_alter_table("days", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_days_forum_id"))

    op.drop_table("days")
    with op.batch_alter_table("charter_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_charter_versions_forum_id"))

    op.drop_table("charter_versions")
