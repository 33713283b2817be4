"""Secret calendar addresses: calendar apps cannot log in, so the address is the key.

It carries the holder's id and ``feed_nonce``, signed with the app's secret key
under a salt of its own per kind of holder (a volunteer's token is no
interpreter's). A new nonce makes every older address fail.
"""

import hmac
import secrets
from collections.abc import Collection

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from app.extensions import db


def new_feed_nonce() -> str:
    return secrets.token_hex(16)


class FeedAddresses:
    """The addresses of one kind of holder (a model with ``id``, ``forum_id``,
    ``status`` and ``feed_nonce``); only holders in ``statuses`` have a feed."""

    def __init__(self, model, salt: str, statuses: Collection) -> None:
        self.model = model
        self.salt = salt
        self.statuses = frozenset(statuses)

    def _serializer(self) -> URLSafeSerializer:
        return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=self.salt)

    def ensure(self, holder) -> bool:
        """Give a holder without a nonce one, so that their address can be made;
        True when one was given (the caller commits)."""
        if holder.feed_nonce:
            return False
        self.renew(holder)
        return True

    def token(self, holder) -> str:
        """The secret part of the holder's address (they need a nonce: ``ensure``)."""
        if not holder.feed_nonce:
            raise ValueError("a calendar address needs the holder's nonce")
        return self._serializer().dumps([holder.id, holder.feed_nonce])

    def holder(self, forum, token: str):
        """The holder of ``forum`` whose current address carries ``token``; None for a
        forged, tampered or renewed token, another forum's, or a holder without a feed."""
        try:
            payload = self._serializer().loads(token)
        except BadSignature:
            return None
        if not (
            isinstance(payload, list)
            and len(payload) == 2
            and isinstance(payload[0], int)
            and isinstance(payload[1], str)
        ):
            return None
        holder_id, nonce = payload
        holder = db.session.get(self.model, holder_id)
        if holder is None or holder.forum_id != forum.id or holder.status not in self.statuses:
            return None
        if not holder.feed_nonce or not hmac.compare_digest(holder.feed_nonce, nonce):
            return None
        return holder

    def renew(self, holder) -> None:
        """A new secret address; the old one stops working."""
        holder.feed_nonce = new_feed_nonce()
        db.session.flush()
