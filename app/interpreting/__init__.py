"""The interpretation team: interpreters, the needs of each placed session, and
who interprets what."""
