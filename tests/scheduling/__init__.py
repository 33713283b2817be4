"""Scheduling: the conflict engine, its messages, the board and the auto-scheduler."""
