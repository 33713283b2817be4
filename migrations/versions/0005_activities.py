"""Activities: proposals with presenters and day wishes, co-organizers, reviews, the
message thread, and merges with their members and consents.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Presenters' names and contacts, decision messages and thread messages are
EncryptedText (stored as text). Forums gain the minimum number of co-organizers
of an assembly; existing forums get 0 (no minimum).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("lead_organization_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("title_ar", sa.String(length=200), nullable=True),
        sa.Column("title_ckb", sa.String(length=200), nullable=True),
        sa.Column("title_en", sa.String(length=200), nullable=True),
        sa.Column("description_ar", sa.Text(), nullable=True),
        sa.Column("description_ckb", sa.Text(), nullable=True),
        sa.Column("description_en", sa.Text(), nullable=True),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column(
            "format",
            sa.Enum(
                "workshop",
                "seminar",
                "assembly",
                "cultural",
                "sports",
                "screening",
                "exhibition",
                "other",
                name="activityformat",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("spoken_languages", sa.JSON(), nullable=False),
        sa.Column("interpretation_into", sa.JSON(), nullable=False),
        sa.Column(
            "interpretation_mode",
            sa.Enum(
                "simultaneous",
                "consecutive",
                "whispered",
                name="interpretationmode",
                native_enum=False,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column("expected_attendance", sa.Integer(), nullable=True),
        sa.Column("length_slots", sa.Integer(), nullable=False),
        sa.Column("equipment", sa.JSON(), nullable=False),
        sa.Column("accessibility_notes", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "submitted",
                "accepted",
                "rejected",
                "merged",
                "withdrawn",
                name="activitystatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decision_message", sa.Text(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "length_slots BETWEEN 1 AND 3", name=op.f("ck_activities_length_in_slots")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_activities_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_activities_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_activities_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lead_organization_id"],
            ["organizations.id"],
            name=op.f("fk_activities_lead_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["activities.id"],
            name=op.f("fk_activities_merged_into_id_activities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_activities_theme_id_themes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activities_forum_id"), ["forum_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_activities_lead_organization_id"), ["lead_organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_activities_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_activities_theme_id"), ["theme_id"], unique=False)

    op.create_table(
        "activity_co_organizers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column("invited_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_co_organizers_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["users.id"],
            name=op.f("fk_activity_co_organizers_invited_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_activity_co_organizers_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_co_organizers")),
        sa.UniqueConstraint(
            "activity_id",
            "organization_id",
            name=op.f("uq_activity_co_organizers_activity_id_organization_id"),
        ),
    )
    with op.batch_alter_table("activity_co_organizers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_co_organizers_activity_id"), ["activity_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_activity_co_organizers_organization_id"),
            ["organization_id"],
            unique=False,
        )

    op.create_table(
        "activity_day_wishes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("day_id", sa.Integer(), nullable=False),
        sa.Column("preferred", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_day_wishes_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["day_id"],
            ["days.id"],
            name=op.f("fk_activity_day_wishes_day_id_days"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_day_wishes")),
        sa.UniqueConstraint(
            "activity_id", "day_id", name=op.f("uq_activity_day_wishes_activity_id_day_id")
        ),
    )
    with op.batch_alter_table("activity_day_wishes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_day_wishes_activity_id"), ["activity_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_activity_day_wishes_day_id"), ["day_id"], unique=False)

    op.create_table(
        "activity_merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column(
            "mode",
            sa.Enum(
                "fusion", "sequence", "dialogue", name="mergemode", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "completed",
                "refused",
                "cancelled",
                name="mergestatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("proposed_by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("result_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_activity_merges_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_id"],
            ["users.id"],
            name=op.f("fk_activity_merges_proposed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["result_id"],
            ["activities.id"],
            name=op.f("fk_activity_merges_result_id_activities"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_merges")),
    )
    with op.batch_alter_table("activity_merges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_merges_forum_id"), ["forum_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_merges_status"), ["status"], unique=False)

    op.create_table(
        "activity_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("from_staff", sa.Boolean(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_messages_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_activity_messages_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_messages")),
    )
    with op.batch_alter_table("activity_messages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_messages_activity_id"), ["activity_id"], unique=False
        )

    op.create_table(
        "activity_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "score BETWEEN 1 AND 5", name=op.f("ck_activity_reviews_score_from_1_to_5")
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_reviews_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["users.id"],
            name=op.f("fk_activity_reviews_reviewer_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_reviews")),
        sa.UniqueConstraint(
            "activity_id", "reviewer_id", name=op.f("uq_activity_reviews_activity_id_reviewer_id")
        ),
    )
    with op.batch_alter_table("activity_reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_reviews_activity_id"), ["activity_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_activity_reviews_reviewer_id"), ["reviewer_id"], unique=False
        )

    op.create_table(
        "presenters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("organization_name", sa.String(length=200), nullable=True),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("public_consent", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_presenters_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_presenters")),
    )
    with op.batch_alter_table("presenters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_presenters_activity_id"), ["activity_id"], unique=False
        )

    op.create_table(
        "activity_merge_consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("merge_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["users.id"],
            name=op.f("fk_activity_merge_consents_answered_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["merge_id"],
            ["activity_merges.id"],
            name=op.f("fk_activity_merge_consents_merge_id_activity_merges"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_activity_merge_consents_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_merge_consents")),
        sa.UniqueConstraint(
            "merge_id",
            "organization_id",
            name=op.f("uq_activity_merge_consents_merge_id_organization_id"),
        ),
    )
    with op.batch_alter_table("activity_merge_consents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_merge_consents_merge_id"), ["merge_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_activity_merge_consents_organization_id"),
            ["organization_id"],
            unique=False,
        )

    op.create_table(
        "activity_merge_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("merge_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_merge_members_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merge_id"],
            ["activity_merges.id"],
            name=op.f("fk_activity_merge_members_merge_id_activity_merges"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_merge_members")),
        sa.UniqueConstraint(
            "merge_id", "activity_id", name=op.f("uq_activity_merge_members_merge_id_activity_id")
        ),
    )
    with op.batch_alter_table("activity_merge_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_merge_members_activity_id"), ["activity_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_activity_merge_members_merge_id"), ["merge_id"], unique=False
        )

    with op.batch_alter_table("forums", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "min_assembly_co_organizers", sa.Integer(), nullable=False, server_default="0"
            )
        )


def downgrade():
    with op.batch_alter_table("forums", schema=None) as batch_op:
        batch_op.drop_column("min_assembly_co_organizers")

    with op.batch_alter_table("activity_merge_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_merge_members_merge_id"))
        batch_op.drop_index(batch_op.f("ix_activity_merge_members_activity_id"))

    op.drop_table("activity_merge_members")
    with op.batch_alter_table("activity_merge_consents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_merge_consents_organization_id"))
        batch_op.drop_index(batch_op.f("ix_activity_merge_consents_merge_id"))

    op.drop_table("activity_merge_consents")
    with op.batch_alter_table("presenters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_presenters_activity_id"))

    op.drop_table("presenters")
    with op.batch_alter_table("activity_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_reviews_reviewer_id"))
        batch_op.drop_index(batch_op.f("ix_activity_reviews_activity_id"))

    op.drop_table("activity_reviews")
    with op.batch_alter_table("activity_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_messages_activity_id"))

    op.drop_table("activity_messages")
    with op.batch_alter_table("activity_merges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_merges_status"))
        batch_op.drop_index(batch_op.f("ix_activity_merges_forum_id"))

    op.drop_table("activity_merges")
    with op.batch_alter_table("activity_day_wishes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_day_wishes_day_id"))
        batch_op.drop_index(batch_op.f("ix_activity_day_wishes_activity_id"))

    op.drop_table("activity_day_wishes")
    with op.batch_alter_table("activity_co_organizers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_co_organizers_organization_id"))
        batch_op.drop_index(batch_op.f("ix_activity_co_organizers_activity_id"))

    op.drop_table("activity_co_organizers")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activities_theme_id"))
        batch_op.drop_index(batch_op.f("ix_activities_status"))
        batch_op.drop_index(batch_op.f("ix_activities_lead_organization_id"))
        batch_op.drop_index(batch_op.f("ix_activities_forum_id"))

    op.drop_table("activities")
