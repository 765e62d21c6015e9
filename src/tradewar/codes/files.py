"""Output file names: the suffix names the format, and an unsupported one is refused.

Examples
--------
>>> checked_suffix("bands.CSV", (".csv", ".json"), "Cannot export to")
'.csv'
>>> checked_suffix("bands", (".csv", ".json"), "Cannot export to")
Traceback (most recent call last):
...
tradewar.errors.InvalidInput: Cannot export to 'bands': suffix '(none)' is not supported; ...
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tradewar.errors import InvalidInput


def checked_suffix(path: str | Path, suffixes: Sequence[str], refusal: str) -> str:
    """The lower-case suffix of ``path`` if it is one of ``suffixes``.

    Raises
    ------
    InvalidInput
        Beginning with ``refusal`` (e.g. "Cannot export to"), naming the path, its suffix
        and the supported ones.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in suffixes:
        raise InvalidInput(
            f"{refusal} {str(path)!r}: suffix {suffix or '(none)'!r} is not "
            f"supported; expected one of {', '.join(suffixes)}."
        )
    return suffix
