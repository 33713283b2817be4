"""Three languages: choice, direction, catalogs, plurals and digits."""

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask_babel import force_locale, get_translations

from app.core.i18n import format_number, normalise_language_tag
from tests.helpers import log_in, post_form

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "app" / "translations"


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("ckb", "ckb"),
        ("ckb-IQ", "ckb"),
        ("ku-Arab", "ckb"),
        ("ku-Arab-IQ", "ckb"),
        ("ku_Arab_IR", "ckb"),
        ("ku-IQ", "ckb"),
        ("ku-IR", "ckb"),
        ("ar", "ar"),
        ("ar-IQ", "ar"),
        ("en-GB", "en"),
        ("ku", None),
        ("ku-Latn-TR", None),
        ("fr", None),
    ],
)
def test_browser_language_tags_map_onto_our_languages(tag, language):
    assert normalise_language_tag(tag) == language


@pytest.mark.parametrize(
    ("accept_language", "html"),
    [
        ("ku-Arab-IQ,ku;q=0.8,en;q=0.5", '<html lang="ckb" dir="rtl">'),
        ("ku-IQ", '<html lang="ckb" dir="rtl">'),
        ("en-US,en;q=0.9", '<html lang="en" dir="ltr">'),
        ("fr-FR,ar;q=0.5", '<html lang="ar" dir="rtl">'),
        ("de-DE", '<html lang="ar" dir="rtl">'),
    ],
)
def test_first_visit_follows_accept_language(client, accept_language, html):
    page = client.get("/", headers={"Accept-Language": accept_language}).get_data(as_text=True)
    assert html in page


@pytest.mark.parametrize(
    ("language", "stylesheet"),
    [
        ("ar", "bootstrap.rtl.min.css"),
        ("ckb", "bootstrap.rtl.min.css"),
        ("en", "bootstrap.min.css"),
    ],
)
def test_rtl_languages_get_bootstraps_rtl_stylesheet(client, language, stylesheet):
    client.set_cookie("lang", language)
    page = client.get("/").get_data(as_text=True)
    assert f"vendor/bootstrap/css/{stylesheet}" in page


def test_switching_language_sticks_for_a_visitor_and_returns_to_the_same_page(client):
    response = client.get("/language/ckb", query_string={"next": "/account/login?next=/account/"})

    assert response.headers["Location"] == "/account/login?next=/account/"
    assert response.headers["Cache-Control"] == "no-store"
    assert '<html lang="ckb" dir="rtl">' in client.get(
        "/", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)


def test_the_header_switches_language_with_links_and_no_form_token(client):
    page = client.get("/forums/archive?page=1", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)

    assert 'href="/language/ckb?next=/forums/archive?page%3D1"' in html
    assert 'name="csrf_token"' not in html
    assert "Set-Cookie" not in page.headers  # nothing of the visitor in the page


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example/", "/\\evil.example"])
def test_switching_language_refuses_to_leave_the_site(client, target):
    response = client.get("/language/en", query_string={"next": target})
    assert response.headers["Location"] == "/"


def test_switching_language_ignores_unknown_languages(client):
    response = client.get("/language/fr", query_string={"next": "/"})
    assert "Set-Cookie" not in response.headers
    assert '<html lang="ar"' in client.get("/").get_data(as_text=True)


def test_signed_in_users_switch_with_a_form_and_it_is_saved_on_their_profile(app, make_user):
    user = make_user(locale="ar")
    client = app.test_client()
    log_in(client, user.email)
    header = client.get("/forums/archive").get_data(as_text=True)
    assert 'action="/language"' in header
    assert 'href="/language/en' not in header

    post_form(client, "/language", {"language": "en", "next": "/"}, page_url="/forums/archive")

    fresh_browser = app.test_client()
    log_in(fresh_browser, user.email)
    assert '<html lang="en" dir="ltr">' in fresh_browser.get("/").get_data(as_text=True)


def test_a_link_followed_from_another_site_changes_nothing_for_a_signed_in_user(app, make_user):
    user = make_user(locale="ar")
    client = app.test_client()
    log_in(client, user.email)

    response = client.get("/language/en?next=/")

    assert response.status_code == 302
    assert not any(c.startswith("lang=") for c in response.headers.getlist("Set-Cookie"))
    assert '<html lang="ar"' in client.get("/").get_data(as_text=True)


def test_the_language_form_still_switches_for_a_post(client):
    post_form(client, "/language", {"language": "en", "next": "/"}, page_url="/account/login")
    assert '<html lang="en" dir="ltr">' in client.get("/").get_data(as_text=True)


def test_email_and_password_inputs_are_left_to_right_and_names_isolated(app, make_user):
    user = make_user(name="هيفاء Smith")
    client = app.test_client()
    signup = client.get("/account/signup").get_data(as_text=True)
    assert 'dir="ltr" id="email"' in signup or ('id="email"' in signup and 'type="email"' in signup)
    assert signup.count('dir="ltr"') >= 2  # email and password
    assert 'dir="auto"' in signup  # the name field
    log_in(client, user.email)
    assert "<bdi>هيفاء Smith</bdi>" in client.get("/").get_data(as_text=True)


def _catalog(language: str):
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.mark.parametrize("language", ["ar", "ckb"])
def test_every_message_has_a_real_translation(language):
    catalog = _catalog(language)
    messages = [m for m in catalog if m.id]
    assert messages
    for message in messages:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        assert all(strings), f"untranslated in {language}: {message.id!r}"
        assert not message.fuzzy, f"fuzzy in {language}: {message.id!r}"
        assert not set(strings) & set(ids), f"English copied in {language}: {message.id!r}"


def test_catalogs_hold_every_string_in_the_code_and_templates():
    method_map = [
        ("app/**.py", "python"),
        ("templates/**.html", "jinja2"),
        ("templates/**.txt", "jinja2"),
    ]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
    extracted = {
        (message if isinstance(message, str) else message[0])
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, keywords=keywords, options_map={"templates/**.html": {}}
        )
    }
    assert "Create an account" in extracted  # from a template
    assert "Wrong email address or password." in extracted  # from Python
    for language in ("ar", "ckb", "en"):
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(language) if m.id}
        missing = extracted - known
        assert not missing, (
            f"run `make translations-update`: {sorted(missing)[:5]} missing in {language}"
        )


def test_arabic_catalog_pins_the_plural_rule_that_tells_11_from_101():
    """Babel's own rule for Arabic gives 11 the "other" form and 101 the "many" one."""
    catalog = _catalog("ar")
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    choose_form = gettext.GNUTranslations(compiled).plural

    assert catalog.num_plurals == 6
    # zero, one, two, few (3-10), many (11-99), other (100-102): CLDR's order.
    assert [choose_form(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 111)] == [
        0,
        1,
        2,
        3,
        3,
        4,
        4,
        5,
        5,
        5,
        4,
    ]


def test_the_running_app_chooses_arabic_plural_forms_by_the_pinned_rule(ctx):
    with force_locale("ar"):
        choose_form = get_translations().plural
    assert choose_form(11) != choose_form(101)
    assert (choose_form(11), choose_form(101)) == (4, 5)


@pytest.mark.parametrize("language", ["ar", "ckb", "en"])
def test_numbers_use_western_digits_in_every_language(ctx, language):
    with force_locale(language):
        formatted = format_number(1234567)
    assert formatted.replace(",", "").replace("٬", "").replace("\u066c", "") == "1234567"
