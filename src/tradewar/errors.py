"""The errors tradewar raises.

Every error derives from :class:`TradewarError`, and each subclass also inherits the
builtin exception that fits, so callers may catch either ``TradewarError`` or, say,
``ValueError``.  Messages say what went wrong, what was expected and how to fix it.
"""

from __future__ import annotations


class TradewarError(Exception):
    """Catch-all base class for errors raised by tradewar."""


class InvalidInput(TradewarError, ValueError):
    """A value given by the user (a date, a code, an option) is not acceptable."""


class UnknownCode(TradewarError, KeyError):
    """A country or product code could not be recognised."""

    def __str__(self) -> str:
        # KeyError quotes its argument; show the message as written.
        return str(self.args[0]) if self.args else ""


class InvalidMeasure(TradewarError, ValueError):
    """A measure record failed validation (names the file, entry, field and value)."""


class MeasureNotFound(TradewarError, KeyError):
    """No measure with the given id is recorded in the ledger."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class DuplicateMeasure(TradewarError, ValueError):
    """A measure id that is already recorded was added again."""


class EditConflict(TradewarError, RuntimeError):
    """A write lost a race: the measure changed since it was read (HTTP 409)."""


class DuplicateToken(TradewarError, ValueError):
    """A write token with that name exists already."""


class UnknownToken(TradewarError, KeyError):
    """No active write token has that name."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class LedgerError(TradewarError, RuntimeError):
    """The ledger database could not be read or written."""


class DataUnavailable(TradewarError, FileNotFoundError):
    """A dataset the computation needs is missing (says which file, where, and how to get it)."""


class InvalidData(TradewarError, ValueError):
    """A dataset is present but malformed (wrong shape, header, unit or NaN rule)."""


class ConvergenceError(TradewarError, ArithmeticError):
    """A numerical solver did not converge; carries its diagnostics."""

    def __init__(self, message: str, diagnostics: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.diagnostics: dict[str, object] = dict(diagnostics or {})
