from flask import Blueprint, redirect, url_for
from flask_login import current_user

from app.core.access import public
from app.core.forms import LanguageForm
from app.core.i18n import set_language_cookie
from app.core.urls import safe_next_path
from app.extensions import db

bp = Blueprint("core", __name__)


@bp.route("/language", methods=["POST"])
@public
def set_language():
    """Switch language from any page; kept in a cookie, and on the profile when signed in."""
    form = LanguageForm()
    back = safe_next_path(form.next.data) or url_for("forums.home")
    if not form.validate_on_submit():
        return redirect(back)
    if current_user.is_authenticated:
        current_user.locale = form.language.data
        db.session.commit()
    response = redirect(back)
    set_language_cookie(response, form.language.data)
    return response


@bp.route("/healthz")
@public
def health():
    """For load balancers: the app answers and reaches its database."""
    db.session.execute(db.text("SELECT 1"))
    return {"status": "ok"}, 200, {"Cache-Control": "no-store"}
