"""One permission helper: roles grant permissions in their own forum only."""

import pytest
from flask import g

from app.core.permissions import ROLE_PERMISSIONS, ForumRoleName, Permission, can
from app.extensions import db
from tests import factories

FORUM_PERMISSIONS = [p for p in Permission if p is not Permission.ADMINISTER_SITE]


class Visitor:
    is_authenticated = False


def test_visitors_may_do_nothing(ctx):
    forum = factories.make_forum()
    assert not any(can(Visitor(), permission, forum) for permission in Permission)
    assert not can(None, Permission.MANAGE_FORUM, forum)


@pytest.mark.parametrize("role", list(ForumRoleName))
def test_a_role_grants_its_permissions_in_its_forum_only(ctx, role):
    user = factories.make_user()
    forum, other_forum = factories.make_forum(), factories.make_forum()
    factories.grant_role(user, forum, role)

    granted = {p for p in FORUM_PERMISSIONS if can(user, p, forum)}

    assert granted == set(ROLE_PERMISSIONS[role])
    assert not any(can(user, p, other_forum) for p in FORUM_PERMISSIONS)
    assert not can(user, Permission.ADMINISTER_SITE)


def test_organizers_hold_every_forum_permission_and_reviewers_do_not_manage(ctx):
    assert ROLE_PERMISSIONS[ForumRoleName.ORGANIZER] == frozenset(FORUM_PERMISSIONS)
    assert Permission.MANAGE_FORUM not in ROLE_PERMISSIONS[ForumRoleName.REVIEWER]


def test_site_administrators_run_the_site_but_hold_no_forum_role_by_default(ctx):
    admin = factories.make_user(is_site_admin=True)
    forum = factories.make_forum()

    assert can(admin, Permission.ADMINISTER_SITE)
    assert not any(can(admin, p, forum) for p in FORUM_PERMISSIONS)


def test_a_revoked_role_stops_working_on_the_next_request(app):
    with app.test_request_context():
        user = factories.make_user()
        forum = factories.make_forum()
        role = factories.grant_role(user, forum, ForumRoleName.ORGANIZER)
        db.session.commit()
        user_id, forum_id, role_id = user.id, forum.id, role.id
        assert can(user, Permission.MANAGE_FORUM, forum)
        assert g._forum_roles  # read once per request
        db.session.delete(role)
        db.session.commit()

    with app.test_request_context():
        from app.accounts.models import User
        from app.forums.models import Forum, ForumRole

        assert db.session.get(ForumRole, role_id) is None
        user, forum = db.session.get(User, user_id), db.session.get(Forum, forum_id)
        assert not can(user, Permission.MANAGE_FORUM, forum)
