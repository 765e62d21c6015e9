"""The errors tradewar raises.

Every error derives from :class:`TradewarError`, and each subclass also inherits the
builtin exception that fits, so callers may catch either ``TradewarError`` or, say,
``ValueError``.  Messages say what went wrong, what was expected and how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class TradewarError(Exception):
    """Catch-all base class for errors raised by tradewar.

    ``field`` names the input at fault in the service layer's terms: the name of the
    service parameter (``on``, ``importer``, ``start``), or ``None`` when no one input is
    to blame.  The message (:attr:`reason`) says what is wrong and what was expected
    without naming the input, so that each interface can name it in its own words: the
    CLI by its option (``--from``), the API by its query parameter (``from``), the
    dashboard by its form label.  ``str(err)`` reads ``field: reason``.
    """

    def __init__(self, *args: object, field: str | None = None) -> None:
        super().__init__(*args)
        self.field = field

    @property
    def reason(self) -> str:
        """What is wrong and what was expected, without the field's name."""
        return str(self.args[0]) if self.args else ""

    def named(self, label: str | None) -> str:
        """The message with the field called ``label`` (an interface's own name for it)."""
        name = label or self.field
        return f"{name}: {self.reason}" if name and self.field else self.reason

    def __str__(self) -> str:
        # Also what KeyError subclasses show: the message as written, not quoted.
        return self.named(None)

    def __reduce__(self) -> tuple[object, ...]:
        # Keep ``field`` (and any other attribute) across pickling: errors cross the
        # process pools of sweeps, and the default rebuilds from ``args`` alone.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(
    kind: type[TradewarError], args: tuple[object, ...], state: dict[str, object]
) -> TradewarError:
    error = kind.__new__(kind, *args)  # OSError subclasses take their args in __new__
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class InvalidInput(TradewarError, ValueError):
    """A value given by the user (a date, a code, an option) is not acceptable."""


class UnknownCode(TradewarError, KeyError):
    """A country or product code could not be recognised."""


class InvalidMeasure(TradewarError, ValueError):
    """A measure record failed validation (names the file, entry, field and value)."""


class MeasureNotFound(TradewarError, KeyError):
    """No measure with the given id is recorded in the ledger."""


class DuplicateMeasure(TradewarError, ValueError):
    """A measure id that is already recorded was added again."""


class EditConflict(TradewarError, RuntimeError):
    """A write lost a race: the measure changed since it was read (HTTP 409)."""


class DuplicateToken(TradewarError, ValueError):
    """A write token with that name exists already."""


class UnknownToken(TradewarError, KeyError):
    """No active write token has that name."""


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


@contextmanager
def field_named(field: str) -> Iterator[None]:
    """Inside the block, an error that names no field names ``field`` (the input it came
    from): ``with field_named("scenario"): spec = get_scenario(name)``."""
    try:
        yield
    except TradewarError as err:
        err.field = err.field or field
        raise


@contextmanager
def renamed_fields(**names: str) -> Iterator[None]:
    """Inside the block, an error naming a field of ``names`` names its new name instead.

    For an interface whose input feeds a service parameter of another name: the CLI's
    ``--between A B`` is the service's ``a`` and ``b``
    (``with renamed_fields(a="between", b="between"): service.state(...)``).
    """
    try:
        yield
    except TradewarError as err:
        if err.field in names:
            err.field = names[err.field]
        raise
