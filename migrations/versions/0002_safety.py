"""Safety of activists: two-factor authentication, encrypted outbox, audit log,
visibility, retention and lockdown.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("totp_secret", sa.Text(), nullable=True))
        batch.add_column(sa.Column("totp_enabled_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("totp_last_counter", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column(
                "public_name_consent", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch.add_column(sa.Column("public_pseudonym", sa.String(length=80), nullable=True))
        batch.add_column(sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("users") as batch:
        batch.alter_column("public_name_consent", server_default=None)

    op.create_table(
        "recovery_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_recovery_codes_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_codes")),
    )
    op.create_index(op.f("ix_recovery_codes_user_id"), "recovery_codes", ["user_id"])

    with op.batch_alter_table("forums") as batch:
        batch.add_column(sa.Column("end_date", sa.Date(), nullable=True))
        batch.add_column(
            sa.Column("retention_days", sa.Integer(), nullable=False, server_default="60")
        )
        batch.add_column(
            sa.Column("contact_data_purged_at", sa.DateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("forums") as batch:
        batch.alter_column("retention_days", server_default=None)

    # Outbox addresses and bodies become encrypted. Mail not yet sent keeps its
    # content (encrypted now); mail already sent or failed is dropped.
    op.execute("DELETE FROM outbox_messages WHERE status IN ('sent', 'failed')")
    with op.batch_alter_table("outbox_messages") as batch:
        batch.alter_column("recipient", type_=sa.Text(), existing_nullable=False)
        batch.add_column(sa.Column("recipient_hash", sa.String(length=64), nullable=True))
    _encrypt_pending_outbox()
    with op.batch_alter_table("outbox_messages") as batch:
        batch.alter_column("recipient_hash", nullable=False, existing_type=sa.String(length=64))
        batch.create_index(op.f("ix_outbox_messages_recipient_hash"), ["recipient_hash"])

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=True),
        sa.Column("object_id", sa.Integer(), nullable=True),
        sa.Column("forum_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name=op.f("fk_audit_events_actor_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_audit_events_forum_id_forums"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index(op.f("ix_audit_events_occurred_at"), "audit_events", ["occurred_at"])
    op.create_index("ix_audit_events_forum_time", "audit_events", ["forum_id", "occurred_at"])
    op.create_index("ix_audit_events_action_time", "audit_events", ["action", "occurred_at"])

    op.create_table(
        "lockdowns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_by_id", sa.Integer(), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_lockdowns_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["started_by_id"],
            ["users.id"],
            name=op.f("fk_lockdowns_started_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["ended_by_id"],
            ["users.id"],
            name=op.f("fk_lockdowns_ended_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lockdowns")),
    )
    op.create_index(op.f("ix_lockdowns_forum_id"), "lockdowns", ["forum_id"])


def _encrypt_pending_outbox():
    # The keys live outside the database, in the app's configuration.
    from app.core.crypto import encrypt
    from app.notifications.services import recipient_hash

    connection = op.get_bind()
    outbox = sa.table(
        "outbox_messages",
        sa.column("id", sa.Integer),
        sa.column("recipient", sa.Text),
        sa.column("recipient_hash", sa.String),
        sa.column("body_text", sa.Text),
        sa.column("body_html", sa.Text),
    )
    for row in connection.execute(sa.select(outbox)).all():
        connection.execute(
            outbox.update()
            .where(outbox.c.id == row.id)
            .values(
                recipient=encrypt(row.recipient),
                recipient_hash=recipient_hash(row.recipient),
                body_text=encrypt(row.body_text),
                body_html=encrypt(row.body_html),
            )
        )


def downgrade():
    op.drop_index(op.f("ix_lockdowns_forum_id"), table_name="lockdowns")
    op.drop_table("lockdowns")
    op.drop_index("ix_audit_events_action_time", table_name="audit_events")
    op.drop_index("ix_audit_events_forum_time", table_name="audit_events")
    op.drop_index(op.f("ix_audit_events_occurred_at"), table_name="audit_events")
    op.drop_table("audit_events")

    # Encrypted mail cannot go back to plain columns: the unsent queue is dropped.
    op.execute("DELETE FROM outbox_messages")
    with op.batch_alter_table("outbox_messages") as batch:
        batch.drop_index(op.f("ix_outbox_messages_recipient_hash"))
        batch.drop_column("recipient_hash")
        batch.alter_column("recipient", type_=sa.String(length=254), existing_nullable=False)

    with op.batch_alter_table("forums") as batch:
        batch.drop_column("contact_data_purged_at")
        batch.drop_column("retention_days")
        batch.drop_column("end_date")

    op.drop_index(op.f("ix_recovery_codes_user_id"), table_name="recovery_codes")
    op.drop_table("recovery_codes")

    with op.batch_alter_table("users") as batch:
        batch.drop_column("hidden_at")
        batch.drop_column("public_pseudonym")
        batch.drop_column("public_name_consent")
        batch.drop_column("totp_last_counter")
        batch.drop_column("totp_enabled_at")
        batch.drop_column("totp_secret")
