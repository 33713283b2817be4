from flask import Blueprint, redirect, request, url_for
from flask_login import current_user

from app.core.access import public
from app.core.forms import LanguageForm
from app.core.i18n import set_language_cookie, supported_languages
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


@bp.route("/language/<language>")
@public
def switch_language(language: str):
    """The header's language links for visitors who are not signed in: a plain GET,
    so a page served from the public cache carries no form token; kept in a cookie;
    back to ``next`` when it is a path on this site. Signed-in people switch with
    the header's form (``set_language``): a link could be followed from another
    site, and it changes nothing on their account."""
    back = safe_next_path(request.args.get("next")) or url_for("forums.home")
    response = redirect(back)
    response.headers["Cache-Control"] = "no-store"
    if language not in supported_languages() or current_user.is_authenticated:
        return response
    set_language_cookie(response, language)
    return response


@bp.route("/healthz")
@public
def health():
    """For load balancers: the app answers and reaches its database."""
    db.session.execute(db.text("SELECT 1"))
    return {"status": "ok"}, 200, {"Cache-Control": "no-store"}
