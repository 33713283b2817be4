"""Two-factor sign-in: the second step of a sign-in, enrolment and changes."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.accounts import forms, sessions
from app.accounts import two_factor as totp
from app.accounts.models import User
from app.accounts.passwords import verify_password
from app.accounts.views import bp, sign_in
from app.audit.services import AuditAction, record
from app.core.access import public, signed_in
from app.core.limits import client_key, configured
from app.core.urls import safe_next_path
from app.extensions import db, limiter
from app.notifications.services import queue_email


def _pending_user_key() -> str:
    pending = session.get(sessions.PENDING_SIGN_IN) or {}
    return f"two-factor:{pending.get('user_id')}"


def _check_code(user: User, code: str) -> bool:
    if totp.verify_totp(user, code):
        return True
    if totp.use_recovery_code(user, code):
        record(AuditAction.RECOVERY_CODE_USED, actor=user, obj=user)
        return True
    record(AuditAction.TWO_FACTOR_FAILED, obj=user)
    return False


def _code_accepted(form, user: User) -> bool:
    """A posted code that is right; a wrong one is audited and explained on the form."""
    if not form.validate_on_submit():
        return False
    if _check_code(user, form.code.data):
        return True
    db.session.commit()  # keep the audit record of the failure
    form.code.errors.append(_("This code is not right, or it was already used."))
    return False


def _notify(user: User, change) -> None:
    queue_email(
        user.email,
        user.locale,
        "security_change",
        _l("Your sign-in security changed"),
        user=user,
        change=change,
    )


@bp.route("/login/two-factor", methods=["GET", "POST"])
@public
@limiter.limit(configured("LOGIN_LIMIT_PER_IP"), key_func=client_key, methods=["POST"])
@limiter.limit(configured("LOGIN_LIMIT_PER_ACCOUNT"), key_func=_pending_user_key, methods=["POST"])
def two_factor_login():
    """Second step of a sign-in; the first must be less than 5 minutes old."""
    pending = sessions.pending_sign_in()
    user = db.session.get(User, pending["user_id"]) if pending else None
    if user is None or not user.has_two_factor:
        flash(_("Your sign-in took too long. Please start again."), "warning")
        return redirect(url_for("accounts.login"))
    form = forms.TwoFactorCodeForm()
    if _code_accepted(form, user):
        sign_in(user, second_factor=True)
        db.session.commit()
        return redirect(safe_next_path(pending["next"]) or url_for("forums.home"))
    return render_template("accounts/two_factor_login.html", form=form)


@bp.route("/two-factor/confirm", methods=["GET", "POST"])
@signed_in
def two_factor_confirm():
    """Prove the second factor again (asked during a lockdown)."""
    form = forms.TwoFactorCodeForm()
    if _code_accepted(form, current_user._get_current_object()):
        sessions.mark_second_factor()
        db.session.commit()
        return redirect(safe_next_path(request.args.get("next")) or url_for("forums.home"))
    return render_template("accounts/two_factor_login.html", form=form)


@bp.route("/two-factor", methods=["GET", "POST"])
@signed_in
def two_factor():
    """Turn two-factor sign-in on (scan, type a code and the password), or see its state."""
    user = current_user._get_current_object()
    if user.has_two_factor:
        return render_template(
            "accounts/two_factor_status.html",
            remaining=totp.remaining_recovery_codes(user),
            required=sessions.two_factor_required(user),
            form=forms.PasswordCheckForm(),
        )
    form = forms.TwoFactorEnrolForm()
    if form.validate_on_submit():
        if not verify_password(user.password_hash, form.current_password.data):
            form.current_password.errors.append(_("This is not your current password."))
        else:
            codes = totp.confirm_enrolment(user, form.code.data)
            if codes is not None:
                record(AuditAction.TWO_FACTOR_ENABLED, actor=user, obj=user)
                _notify(user, _l("Two-factor sign-in was turned on for your account."))
                sessions.mark_second_factor()
                db.session.commit()
                return render_template("accounts/recovery_codes.html", codes=codes)
            form.code.errors.append(_("This code is not right. Check the time on your phone."))
    elif request.method == "GET" or user.totp_secret is None:
        totp.start_enrolment(user)
        db.session.commit()
    uri = totp.provisioning_uri(user)
    return render_template(
        "accounts/two_factor_setup.html",
        form=form,
        qr_svg=totp.qr_code_svg(uri),
        secret=user.totp_secret,
        required=sessions.two_factor_required(user),
    )


@bp.route("/two-factor/recovery-codes", methods=["POST"])
@signed_in
def regenerate_recovery_codes():
    user = current_user._get_current_object()
    form = forms.PasswordCheckForm()
    if not (user.has_two_factor and form.validate_on_submit()) or not verify_password(
        user.password_hash, form.current_password.data
    ):
        flash(_("This is not your current password."), "danger")
        return redirect(url_for("accounts.two_factor"))
    codes = totp.replace_recovery_codes(user)
    _notify(user, _l("New recovery codes were made for your account; the old ones no longer work."))
    db.session.commit()
    return render_template("accounts/recovery_codes.html", codes=codes)


@bp.route("/two-factor/disable", methods=["POST"])
@signed_in
def disable_two_factor():
    user = current_user._get_current_object()
    form = forms.PasswordCheckForm()
    if sessions.two_factor_required(user):
        flash(_("Your role asks for two-factor sign-in, so it cannot be turned off."), "danger")
        return redirect(url_for("accounts.two_factor"))
    if not form.validate_on_submit() or not verify_password(
        user.password_hash, form.current_password.data
    ):
        flash(_("This is not your current password."), "danger")
        return redirect(url_for("accounts.two_factor"))
    totp.disable(user)
    record(AuditAction.TWO_FACTOR_DISABLED, actor=user, obj=user)
    _notify(user, _l("Two-factor sign-in was turned off for your account."))
    db.session.commit()
    flash(_("Two-factor sign-in is off."), "info")
    return redirect(url_for("accounts.settings"))
