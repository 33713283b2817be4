"""The public programme of a forum: its latest published version."""
