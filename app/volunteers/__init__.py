"""Volunteers: sign-up and approval, teams, shifts, taking and dropping shifts,
coverage, check-in and rosters."""
