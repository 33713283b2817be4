"""``flask translate …``: keep the ar, ckb and en catalogs in step with the code."""

from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from flask import Blueprint, current_app

cli = Blueprint("core_cli", __name__, cli_group=None)

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "app" / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"

# Babel's own rule for Arabic orders the plural forms so that 11 (CLDR "many") and
# 101 (CLDR "other") swap places; translators write CLDR order, so we pin the
# GNU gettext rule: zero, one, two, few (3-10), many (11-99), other.
ARABIC_PLURAL_FORMS = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
)


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def pin_arabic_plural_forms(po_path: Path) -> None:
    text = po_path.read_text(encoding="utf-8")
    start = text.index('"Plural-Forms: ')
    end = text.index("\\n", start)
    po_path.write_text(
        text[:start] + f'"Plural-Forms: {ARABIC_PLURAL_FORMS}' + text[end:], encoding="utf-8"
    )


@cli.cli.group("translate")
def translate() -> None:
    """Extract, update and compile the message catalogs."""


@translate.command("update")
def update() -> None:
    """Extract every string and merge it into the ar, ckb and en catalogs."""
    _pybabel(
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        "-k",
        "_l",
        "-k",
        "lazy_gettext",
        "--add-comments=Translators:",
        "--sort-by-file",
        "--no-wrap",
        "-o",
        str(TEMPLATE),
        str(ROOT),
    )
    for language in current_app.config["LANGUAGES"]:
        po = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
        command = "update" if po.exists() else "init"
        extra = ["--no-wrap"] + (["--ignore-obsolete"] if command == "update" else [])
        _pybabel(command, "-i", str(TEMPLATE), "-d", str(TRANSLATIONS), "-l", language, *extra)
        if language == "ar":
            pin_arabic_plural_forms(po)
