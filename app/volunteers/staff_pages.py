"""Small pieces the coordinators' views share: confirmation pages, text in flashes."""

from flask import render_template, request
from markupsafe import Markup, escape

from app.core.pagination import page_count

LAYOUT = "forums/staff/_layout.html"
PAGE_SIZE = 50


def question(message: str, **names: str) -> Markup:
    """A translated sentence (its placeholders left in) naming things in <bdi>."""
    return escape(message) % {key: Markup("<bdi>%s</bdi>") % value for key, value in names.items()}


def confirm_page(form, *, section: str, cancel_url: str, **texts):
    return render_template(
        "core/confirm.html",
        layout=LAYOUT,
        section=section,
        form=form,
        cancel_url=cancel_url,
        **texts,
    )


def page_of(rows: list) -> tuple[list, int, int]:
    """The rows of ``?page=N`` (clamped to the pages there are), the page, the pages."""
    pages = page_count(len(rows), PAGE_SIZE)
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    return rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], page, pages
