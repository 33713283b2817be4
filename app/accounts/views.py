from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.accounts import forms, services, sessions
from app.accounts.passwords import password_problem
from app.audit.services import AuditAction, record
from app.core.access import public, signed_in
from app.core.i18n import current_language, set_language_cookie
from app.core.limits import account_key, client_key, configured
from app.core.permissions import is_staff
from app.core.urls import safe_next_path
from app.extensions import db, limiter

bp = Blueprint("accounts", __name__, url_prefix="/account")


def sign_in(user, second_factor: bool, password_change_required: bool = False) -> None:
    """Start a signed-in session (the password, and the second factor if any, passed)."""
    session.clear()  # nothing from before sign-in carries over
    login_user(user)
    sessions.start(second_factor, password_change_required)
    record(AuditAction.LOGIN, actor=user, obj=user, second_factor=second_factor)


@bp.route("/signup", methods=["GET", "POST"])
@public
@limiter.limit(configured("SIGNUP_LIMIT_PER_IP"), key_func=client_key, methods=["POST"])
def sign_up():
    if current_user.is_authenticated:
        return redirect(url_for("forums.home"))
    form = forms.SignUpForm()
    if form.validate_on_submit():
        services.sign_up(form.email.data, form.password.data, form.name.data, current_language())
        db.session.commit()
        return redirect(url_for("accounts.check_email"))
    return render_template("accounts/sign_up.html", form=form)


@bp.route("/check-email")
@public
def check_email():
    return render_template("accounts/check_email.html")


@bp.route("/verify/<token>", methods=["GET", "POST"])
@public
def verify_email(token: str):
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        user = services.verify_email(token)
        if user is None:
            db.session.rollback()
            flash(_("This link has expired or has already been used."), "danger")
            return redirect(url_for("accounts.login"))
        db.session.commit()
        flash(_("Your email address is confirmed. You can log in now."), "success")
        return redirect(url_for("accounts.login"))
    return render_template(
        "accounts/confirm_link.html", form=form, action=_("Confirm my email address")
    )


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(configured("LOGIN_LIMIT_PER_IP"), key_func=client_key, methods=["POST"])
@limiter.limit(configured("LOGIN_LIMIT_PER_ACCOUNT"), key_func=account_key, methods=["POST"])
def login():
    form = forms.SignInForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if current_user.is_authenticated:
        return redirect(safe_next_path(form.next.data) or url_for("forums.home"))
    if form.validate_on_submit():
        result = services.authenticate(form.email.data, form.password.data)
        if result.problem is services.SignInProblem.UNVERIFIED:
            db.session.commit()
            flash(
                _("Please confirm your email address first: we have sent you a new link."),
                "warning",
            )
        elif result.problem is not None:
            db.session.commit()
            form.password.errors.append(_("Wrong email address or password."))
        else:
            return _after_password(result.user, form.password.data, form.next.data)
    return render_template("accounts/login.html", form=form)


def _after_password(user, password: str, next_path: str | None):
    """The password was right: ask for the second factor, or sign in."""
    target = safe_next_path(next_path) or url_for("forums.home")
    if user.has_two_factor:
        db.session.commit()
        session.clear()
        sessions.begin_pending_sign_in(user.id, target)
        return redirect(url_for("accounts.two_factor_login"))
    # Staff with a password that is now too short or weak change it before going on.
    weak = password_problem(password, staff=is_staff(user), personal_words=[user.email, user.name])
    sign_in(user, second_factor=False, password_change_required=weak is not None)
    db.session.commit()
    return redirect(target)


@bp.route("/logout", methods=["POST"])
@signed_in
def logout():
    record(AuditAction.LOGOUT, actor=current_user, obj=current_user)
    services.end_all_sessions(current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You are logged out on every device."), "info")
    return redirect(url_for("forums.home"))


@bp.route("/forgot", methods=["GET", "POST"])
@public
@limiter.limit(configured("RESET_LIMIT_PER_IP"), key_func=client_key, methods=["POST"])
@limiter.limit(configured("RESET_LIMIT_PER_ACCOUNT"), key_func=account_key, methods=["POST"])
def forgot_password():
    form = forms.ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        return redirect(url_for("accounts.check_email"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str):
    if services.user_for_reset_token(token) is None:
        flash(_("This link has expired or has already been used."), "danger")
        return redirect(url_for("accounts.forgot_password"))
    form = forms.ResetPasswordForm(account=services.user_for_reset_token(token))
    if form.validate_on_submit():
        services.reset_password(token, form.password.data)
        db.session.commit()
        logout_user()
        flash(_("Your password is set. Log in with it now."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/", methods=["GET", "POST"])
@signed_in
def settings():
    form = forms.ProfileForm(obj=current_user)
    if form.validate_on_submit():
        services.update_profile(current_user, form.name.data, form.locale.data)
        db.session.commit()
        flash(_("Saved."), "success")
        response = redirect(url_for("accounts.settings"))
        set_language_cookie(response, form.locale.data)
        return response
    return render_template("accounts/settings.html", form=form)


@bp.route("/password", methods=["GET", "POST"])
@signed_in
def change_password():
    form = forms.ChangePasswordForm(account=current_user._get_current_object())
    if form.validate_on_submit():
        if services.change_password(current_user, form.current_password.data, form.password.data):
            db.session.commit()
            # This browser stays in, with the new session version.
            sign_in(
                current_user._get_current_object(),
                second_factor=bool(session.get(sessions.SECOND_FACTOR_AT)),
            )
            db.session.commit()
            flash(_("Your password is changed. Other devices have been logged out."), "success")
            return redirect(url_for("accounts.settings"))
        form.current_password.errors.append(_("This is not your current password."))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/email", methods=["GET", "POST"])
@signed_in
def change_email():
    form = forms.ChangeEmailForm()
    if form.validate_on_submit():
        if services.request_email_change(current_user, form.current_password.data, form.email.data):
            db.session.commit()
            flash(_("We have sent a confirmation link to the new address."), "info")
            return redirect(url_for("accounts.settings"))
        form.current_password.errors.append(_("This is not your current password."))
    return render_template("accounts/change_email.html", form=form)


@bp.route("/email/confirm/<token>", methods=["GET", "POST"])
@public
def confirm_email_change(token: str):
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        user = services.confirm_email_change(token)
        if user is None:
            db.session.rollback()
            flash(_("This link has expired or has already been used."), "danger")
            return redirect(url_for("forums.home"))
        db.session.commit()
        flash(_("Your new email address is confirmed."), "success")
        return redirect(
            url_for("accounts.settings" if current_user.is_authenticated else "accounts.login")
        )
    return render_template(
        "accounts/confirm_link.html", form=form, action=_("Confirm my new email address")
    )
