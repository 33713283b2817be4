"""The vocabulary of expected answers; each feature lists its rules in its own module."""

# "member": a member of the matrix organization, which is registered for the matrix forum.
ROLES = ("visitor", "user", "member", "reviewer", "organizer", "organizer_elsewhere", "site_admin")
SIGNED_IN_ROLES = ROLES[1:]
FORUM = "matrix-forum"

# Redirect targets: a name, or a path under the matrix forum ("forum:/staff/rooms").
LOGIN, HOME, FORGOT, TWO_FACTOR, PRIVACY = "login", "home", "forgot", "two_factor", "privacy"
REDIRECTS = {
    LOGIN: "/account/login",
    HOME: "/",
    FORGOT: "/account/forgot",
    TWO_FACTOR: "/account/two-factor",
    PRIVACY: "/account/privacy",
}


def in_forum(path: str) -> str:
    """A redirect to ``path`` inside the matrix forum."""
    return f"forum:{path}"


def redirect_path(expected: str) -> str:
    if expected.startswith("forum:"):
        return f"/{FORUM}{expected.removeprefix('forum:')}"
    return REDIRECTS[expected]


def signed_in(answer) -> dict:
    return {"visitor": LOGIN, **dict.fromkeys(SIGNED_IN_ROLES, answer)}


def only(allowed: dict, others=403) -> dict:
    return {"visitor": LOGIN, **dict.fromkeys(SIGNED_IN_ROLES, others), **allowed}


def members(answer, others=404) -> dict:
    """The matrix organization's members only; other accounts find nothing there (404)."""
    return {"visitor": LOGIN, **dict.fromkeys(SIGNED_IN_ROLES, others), "member": answer}


def organizers(answer) -> dict:
    """A forum's organizers only: the others are refused (visitors asked to log in)."""
    return only({"organizer": answer})


EVERYONE = dict.fromkeys(ROLES, 200)
ANONYMOUS_ONLY = {"visitor": 200, **dict.fromkeys(SIGNED_IN_ROLES, HOME)}
