"""Errors of the news pipeline (all :class:`tradewar.errors.TradewarError`)."""

from __future__ import annotations

from tradewar.errors import InvalidInput, TradewarError


class ProposalNotFound(TradewarError, KeyError):
    """No proposal has the id given."""

    @property
    def reason(self) -> str:
        return str(self.args[0]) if self.args else "proposal not found"


class ProposalAlreadyDecided(TradewarError, ValueError):
    """A proposal was accepted or rejected already (or another reviewer is accepting it)."""


class InvalidArticle(InvalidInput):
    """An article file or record is unreadable or lacks a field."""
