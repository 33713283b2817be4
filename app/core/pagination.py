"""Numbered pages of long lists (``?page=N``, from 1)."""

from math import ceil


def page_count(total: int, per_page: int) -> int:
    """How many pages ``total`` items fill; an empty list still has its first page."""
    return max(1, ceil(total / per_page))


class Paged:
    """Links to the neighbouring pages, for a page that knows ``page`` and ``pages``."""

    page: int
    pages: int

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages
