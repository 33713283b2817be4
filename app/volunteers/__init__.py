"""Volunteers: sign-up and approval, teams, shifts, taking and dropping shifts,
coverage, check-in and rosters."""

from app.volunteers import retention, usage  # noqa: F401 - register the purger and room usage
