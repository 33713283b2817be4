"""Programme: the sessions a signed-in visitor starred for their own programme.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

One new table; a star is unique per user and session.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "starred_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_starred_sessions_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_starred_sessions_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_starred_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_starred_sessions")),
        sa.UniqueConstraint(
            "user_id", "activity_id", name=op.f("uq_starred_sessions_user_id_activity_id")
        ),
    )
    op.create_index(
        "ix_starred_sessions_activity_id", "starred_sessions", ["activity_id"], unique=False
    )
    op.create_index("ix_starred_sessions_forum_id", "starred_sessions", ["forum_id"], unique=False)
    op.create_index("ix_starred_sessions_user_id", "starred_sessions", ["user_id"], unique=False)


def downgrade():
    op.drop_table("starred_sessions")
