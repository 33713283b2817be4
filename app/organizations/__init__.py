"""Organizations, their members, and their registrations (with delegates) for forums."""

from app.organizations import retention  # noqa: F401 - registers the delegates' purger
