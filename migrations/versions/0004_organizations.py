"""Organizations, members, invitations, join requests, registrations and delegates.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Contact details, delegates' names and contacts, invitation addresses and decision
reasons are EncryptedText (stored as text). Forums gain their capacity in
organizations and delegates (NULL: no limit). New tables only: nothing to move.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "organizations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_ar", sa.String(length=200), nullable=True),
        sa.Column("name_ckb", sa.String(length=200), nullable=True),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("name_keys", sa.String(length=700), nullable=False),
        sa.Column("acronym", sa.String(length=30), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "ngo",
                "trade_union",
                "social_movement",
                "youth_group",
                "womens_organization",
                "media",
                "student_group",
                "network",
                "international_partner",
                "informal_collective",
                name="organizationtype",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "legal_status",
            sa.Enum(
                "registered_baghdad",
                "registered_kurdistan",
                "informal",
                name="legalstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("registration_number", sa.String(length=60), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("governorate", sa.String(length=20), nullable=True),
        sa.Column("fields_of_work", sa.JSON(), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("social_links", sa.JSON(), nullable=False),
        sa.Column("description_ar", sa.Text(), nullable=True),
        sa.Column("description_ckb", sa.Text(), nullable=True),
        sa.Column("description_en", sa.Text(), nullable=True),
        sa.Column("contact_email", sa.Text(), nullable=True),
        sa.Column("contact_phone", sa.Text(), nullable=True),
        sa.Column("listed_publicly", sa.Boolean(), nullable=False),
        sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_organizations_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
    )
    op.create_table(
        "organization_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("email_hash", sa.String(length=64), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["users.id"],
            name=op.f("fk_organization_invitations_invited_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_organization_invitations_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization_invitations")),
    )
    with op.batch_alter_table("organization_invitations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organization_invitations_email_hash"), ["email_hash"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_organization_invitations_organization_id"),
            ["organization_id"],
            unique=False,
        )

    op.create_table(
        "organization_join_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted", sa.Boolean(), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["users.id"],
            name=op.f("fk_organization_join_requests_answered_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_organization_join_requests_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_organization_join_requests_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization_join_requests")),
    )
    with op.batch_alter_table("organization_join_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organization_join_requests_organization_id"),
            ["organization_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_organization_join_requests_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "organization_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_organization_members_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_organization_members_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization_members")),
        sa.UniqueConstraint(
            "organization_id",
            "user_id",
            name=op.f("uq_organization_members_organization_id_user_id"),
        ),
    )
    with op.batch_alter_table("organization_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organization_members_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_organization_members_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("individual_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "approved",
                "waitlisted",
                "rejected",
                "withdrawn",
                name="registrationstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "channel",
            sa.Enum(
                "online", "paper", "phone", name="registrationchannel", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("charter_version_id", sa.Integer(), nullable=True),
        sa.Column("endorsed_by_id", sa.Integer(), nullable=True),
        sa.Column("endorsed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("waitlisted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(organization_id IS NULL) != (individual_id IS NULL)",
            name=op.f("ck_registrations_one_registrant"),
        ),
        sa.ForeignKeyConstraint(
            ["charter_version_id"],
            ["charter_versions.id"],
            name=op.f("fk_registrations_charter_version_id_charter_versions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_registrations_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_registrations_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["endorsed_by_id"],
            ["users.id"],
            name=op.f("fk_registrations_endorsed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_registrations_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["individual_id"],
            ["users.id"],
            name=op.f("fk_registrations_individual_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_registrations_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registrations")),
        sa.UniqueConstraint(
            "forum_id", "individual_id", name=op.f("uq_registrations_forum_id_individual_id")
        ),
        sa.UniqueConstraint(
            "forum_id", "organization_id", name=op.f("uq_registrations_forum_id_organization_id")
        ),
    )
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registrations_forum_id"), ["forum_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_registrations_individual_id"), ["individual_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_registrations_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_registrations_status"), ["status"], unique=False)

    op.create_table(
        "delegates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column(
            "gender",
            sa.Enum("woman", "man", "other", name="gender", native_enum=False, length=16),
            nullable=True,
        ),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("interpretation_into", sa.JSON(), nullable=False),
        sa.Column("needs_step_free", sa.Boolean(), nullable=False),
        sa.Column("other_needs", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_delegates_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegates")),
    )
    with op.batch_alter_table("delegates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_delegates_registration_id"), ["registration_id"], unique=False
        )

    with op.batch_alter_table("forums", schema=None) as batch_op:
        batch_op.add_column(sa.Column("max_organizations", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("max_delegates", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("forums", schema=None) as batch_op:
        batch_op.drop_column("max_delegates")
        batch_op.drop_column("max_organizations")

    with op.batch_alter_table("delegates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegates_registration_id"))

    op.drop_table("delegates")
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registrations_status"))
        batch_op.drop_index(batch_op.f("ix_registrations_organization_id"))
        batch_op.drop_index(batch_op.f("ix_registrations_individual_id"))
        batch_op.drop_index(batch_op.f("ix_registrations_forum_id"))

    op.drop_table("registrations")
    with op.batch_alter_table("organization_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_members_user_id"))
        batch_op.drop_index(batch_op.f("ix_organization_members_organization_id"))

    op.drop_table("organization_members")
    with op.batch_alter_table("organization_join_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_join_requests_user_id"))
        batch_op.drop_index(batch_op.f("ix_organization_join_requests_organization_id"))

    op.drop_table("organization_join_requests")
    with op.batch_alter_table("organization_invitations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_invitations_organization_id"))
        batch_op.drop_index(batch_op.f("ix_organization_invitations_email_hash"))

    op.drop_table("organization_invitations")
    op.drop_table("organizations")
