import click
from flask import Blueprint, current_app

from app.core.db import utcnow
from app.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    grant_demo_roles,
    seed_accounts,
)
from app.demo.activities import seed_activities
from app.demo.forums import SEASON_SLUG, seed_forums
from app.demo.interpreters import seed_interpreters
from app.demo.organizations import seed_organizations
from app.demo.scheduling import seed_schedule
from app.demo.volunteers import seed_volunteers
from app.extensions import db

cli = Blueprint("demo_cli", __name__, cli_group=None)

ADMIN = "admin@isf-demo.example.org"
ORGANIZER = "organizer@isf-demo.example.org"
REVIEWER = "reviewer@isf-demo.example.org"
CSO = "cso@isf-demo.example.org"
VOLUNTEER = "volunteer@isf-demo.example.org"
VOLUNTEER_COORDINATOR = "volunteers@isf-demo.example.org"
INTERPRETATION_COORDINATOR = "interpreting@isf-demo.example.org"


@cli.cli.command("seed-demo")
def seed_demo() -> None:
    """Load the demo forums and their accounts (safe to run again)."""
    # Links in any email the services queue point at the local demo server.
    with current_app.test_request_context(base_url="http://127.0.0.1:5000"):
        users = seed_accounts()
        forums = seed_forums(users[ADMIN], users[ORGANIZER], utcnow().date())
        season = next(f for f in forums if f.slug == SEASON_SLUG)
        grant_demo_roles(season, users)
        organizations = seed_organizations(
            {forum.slug: forum for forum in forums},
            [users[CSO]],
            users[ORGANIZER],
            users[VOLUNTEER],
        )
        activities = seed_activities(season, users[ORGANIZER], users[REVIEWER])
        sessions = seed_schedule(season, users[ORGANIZER])
        volunteers = seed_volunteers(season, users[VOLUNTEER_COORDINATOR], users[VOLUNTEER])
        interpreters = seed_interpreters(
            season, users[INTERPRETATION_COORDINATOR], users[VOLUNTEER]
        )
        db.session.commit()
    click.echo("Demo forums:")
    for forum in forums:
        click.echo(f"  http://127.0.0.1:5000/{forum.slug}/  ({forum.status})")
    click.echo(
        f"Demo organizations: {organizations}; activities of the 4th season: {activities}, "
        f"{sessions} of them in the published programme"
    )
    click.echo(
        f"Volunteers of the 4th season: {volunteers.volunteers} ({volunteers.pending} pending), "
        f"{volunteers.teams} teams, {volunteers.shifts} shifts, "
        f"{volunteers.taken} of {volunteers.places} places taken"
    )
    click.echo(
        f"Interpreters of the 4th season: {interpreters.interpreters} "
        f"({interpreters.pending} pending), {interpreters.needs} needs, "
        f"{interpreters.assigned} of {interpreters.places} places assigned "
        f"({interpreters.open} open)"
    )
    click.echo("Where to look:")
    for path, what in (
        (
            f"/{SEASON_SLUG}/programme",
            "the published programme (and its exports, e.g. schedule.json)",
        ),
        ("/api/v1/", "the read-only API and its OpenAPI document"),
        (f"/{SEASON_SLUG}/staff/", "the organizers' staff area"),
        ("/admin/organizations/", "organizations without members (site administrator)"),
    ):
        click.echo(f"  http://127.0.0.1:5000{path}  ({what})")
    click.echo(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for account in DEMO_ACCOUNTS:
        role = "site administrator" if account.site_admin else (account.role or "participant")
        two_factor = "  (two-factor)" if account.two_factor else ""
        click.echo(f"  {account.email:<34} {role}{two_factor}")
    click.echo(f"Two-factor key of the demo staff, for an authenticator app: {DEMO_TOTP_SECRET}")
