"""Scheduling: the board, the conflict engine, the auto-scheduler and published versions."""
