"""A person's own data: public visibility, "hide me", download, deletion."""

import json

from flask import Response, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from app.accounts import forms, privacy
from app.accounts.passwords import verify_password
from app.accounts.views import bp
from app.core.access import signed_in
from app.extensions import db


@bp.route("/privacy", methods=["GET", "POST"])
@signed_in
def privacy_settings():
    user = current_user._get_current_object()
    form = forms.PrivacyForm(obj=user)
    if form.validate_on_submit():
        privacy.update_public_identity(
            user, form.public_name_consent.data, form.public_pseudonym.data
        )
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("accounts.privacy_settings"))
    return render_template(
        "accounts/privacy.html",
        form=form,
        hide_form=forms.ConfirmForm(),
        hidden=user.hidden_at is not None,
    )


@bp.route("/privacy/hide", methods=["POST"])
@signed_in
def toggle_hidden():
    """ "Hide me" in one step (and "show me again")."""
    user = current_user._get_current_object()
    if forms.ConfirmForm().validate_on_submit():
        hide = user.hidden_at is None
        privacy.set_hidden(user, hide)
        db.session.commit()
        if hide:
            flash(_("You are hidden: no public page or export shows you any more."), "success")
        else:
            flash(_("You are no longer hidden."), "info")
    return redirect(url_for("accounts.privacy_settings"))


@bp.route("/data.json")
@signed_in
def download_my_data():
    data = privacy.export_personal_data(current_user._get_current_object())
    db.session.commit()
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={
            "Content-Disposition": "attachment; filename=muntada-my-data.json",
            "Cache-Control": "no-store",
        },
    )


@bp.route("/delete", methods=["GET", "POST"])
@signed_in
def delete_account():
    user = current_user._get_current_object()
    form = forms.DeleteAccountForm()
    if form.validate_on_submit():
        if verify_password(user.password_hash, form.current_password.data):
            privacy.delete_account(user)
            db.session.commit()
            logout_user()
            session.clear()
            flash(_("Your account has been deleted."), "info")
            return redirect(url_for("forums.home"))
        form.current_password.errors.append(_("This is not your current password."))
    return render_template("accounts/delete.html", form=form)
