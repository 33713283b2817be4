"""The message thread of an activity, between the forum's organizers and the members
of the organizations involved; anyone else finds nothing (404).

A new message emails the other side a notice with a link, never the message itself:
mail is not encrypted, the thread is.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.activities import collaboration
from app.activities.forms_collaboration import THREAD_MESSAGES, MessageForm
from app.activities.models import Activity
from app.activities.thread import ThreadError, can_read_thread, is_staff_of, post_message
from app.core.access import signed_in
from app.core.db import utcnow
from app.extensions import db, limiter
from app.forums.scope import forum_blueprint, forum_object

thread_bp = forum_blueprint("thread", __name__, "/activities")

# Each message emails the other side: a cap per account.
MESSAGE_LIMIT = "60 per hour"


def _account_key() -> str:
    return f"user:{current_user.id}"


def _thread_page(activity: Activity, form: MessageForm):
    page = collaboration.thread_page(activity, request.args.get("page", type=int))
    if page is None:
        abort(404)
    return render_template(
        "activities/thread.html",
        activity=activity,
        page=page,
        form=form,
        writes_as_staff=is_staff_of(current_user, activity),
    )


@thread_bp.route("/<int:activity_id>/messages", methods=["GET", "POST"], endpoint="view")
@signed_in
@limiter.limit(MESSAGE_LIMIT, key_func=_account_key, methods=["POST"])
def thread_view(activity_id: int):
    """The messages, oldest first (the newest page by default), and the form to write."""
    activity = forum_object(Activity, activity_id)
    if not can_read_thread(current_user, activity):
        abort(404)
    form = MessageForm()
    if not form.validate_on_submit():
        return _thread_page(activity, form)
    try:
        message = post_message(current_user, activity, form.body.data, now=utcnow())
    except ThreadError as error:
        form.body.errors.extend(str(THREAD_MESSAGES[p]) for p in error.problems)
        return _thread_page(activity, form)
    collaboration.tell_message(message)
    db.session.commit()
    flash(_("Your message is sent."), "success")
    return redirect(url_for("thread.view", activity_id=activity.id) + f"#message-{message.id}")
