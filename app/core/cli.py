"""``flask translate …``: keep the ar, ckb and en catalogs in step with the code.
``flask generate-data-key`` and ``flask rotate-data-key``: keys of data encrypted at rest."""

import secrets
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from flask import Blueprint, current_app

from app.audit.services import AuditAction, record
from app.core.crypto import DataKeyError, new_data_key
from app.core.key_rotation import rotate_encrypted_values
from app.extensions import db

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
        "-k",
        "lazy_pgettext:1c,2",
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


@cli.cli.command("generate-data-key")
def generate_data_key() -> None:
    """Print a new DATA_KEY and DATA_HASH_KEY, in environment-file form."""
    click.echo(f"DATA_KEY={new_data_key()}")
    click.echo(f"DATA_HASH_KEY={secrets.token_urlsafe(48)}")
    click.echo(
        "# To rotate DATA_KEY: put the new key first (DATA_KEY=new,old), restart, run "
        "`flask rotate-data-key`, then remove the old key; keep DATA_HASH_KEY as it is."
    )


@cli.cli.command("rotate-data-key")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Rows re-encrypted per transaction.",
)
def rotate_data_key(batch_size: int) -> None:
    """Re-encrypt every encrypted value with the first key of DATA_KEY."""
    try:
        counts = rotate_encrypted_values(db.session, db.metadata, batch_size)
    except DataKeyError as error:
        raise click.ClickException(
            f"{error}; the batches before it are done, run it again once fixed"
        ) from error
    for column, count in counts.items():
        click.echo(f"{column}: {count}")
    total = sum(counts.values())
    record(AuditAction.DATA_KEY_ROTATED, values=total, columns=len(counts))
    db.session.commit()
    click.echo(f"re-encrypted {total} values; the older keys in DATA_KEY can now be removed")
