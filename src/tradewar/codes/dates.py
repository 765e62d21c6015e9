"""Dates given by users: ISO strings, checked against the range the ledger can speak to."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from tradewar.errors import InvalidInput

EARLIEST = date(1947, 1, 1)  # GATT: nothing in a trade ledger predates it
LATEST = date(2100, 12, 31)


def parse_date(value: str | date, field: str | None = None) -> date:
    """Parse ``YYYY-MM-DD`` (or pass a date through) and check it is in range.

    Examples
    --------
    >>> parse_date("2025-05-14")
    datetime.date(2025, 5, 14)
    >>> parse_date("14/05/2025", "on")
    Traceback (most recent call last):
    ...
    tradewar.errors.InvalidInput: on: '14/05/2025' is not a date; expected YYYY-MM-DD, e.g. 2025-05-14.
    """
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError as err:
            raise InvalidInput(
                f"{value!r} is not a date; expected YYYY-MM-DD, e.g. 2025-05-14.",
                field=field,
            ) from err
    if not EARLIEST <= day <= LATEST:
        raise InvalidInput(
            f"{day.isoformat()} is out of range; expected a date between "
            f"{EARLIEST.isoformat()} and {LATEST.isoformat()}.",
            field=field,
        )
    return day


def parse_instant(value: str | date | datetime, field: str | None = "as_known_on") -> datetime:
    """A recorded-time instant: a datetime as given (UTC if naive), a date as its last moment."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    text = str(value).strip()
    if isinstance(value, str) and ("T" in text or " " in text):
        try:
            instant = datetime.fromisoformat(text)
        except ValueError as err:
            raise InvalidInput(
                f"{value!r} is not a date or time; expected YYYY-MM-DD or "
                "YYYY-MM-DDTHH:MM:SS (UTC unless an offset is given).",
                field=field,
            ) from err
        instant = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
        try:  # 0001-01-01T00:00+01:00 is before the first instant a datetime can hold in UTC
            in_utc = instant.astimezone(UTC)
        except OverflowError as err:
            raise InvalidInput(
                f"{value!r} is out of range; expected a time between "
                f"{EARLIEST.isoformat()} and {LATEST.isoformat()}.",
                field=field,
            ) from err
        parse_date(in_utc.date(), field)  # the same range as dates
        return in_utc
    day = parse_date(value, field)
    return datetime.combine(day, time.max, tzinfo=UTC)


_DURATION_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_duration(value: str, field: str | None = "expires") -> timedelta:
    """A lifetime like ``90d``, ``12h``, ``2w`` or ``30m`` (minutes), as a timedelta.

    Examples
    --------
    >>> parse_duration("90d")
    datetime.timedelta(days=90)
    >>> parse_duration("soon")
    Traceback (most recent call last):
    ...
    tradewar.errors.InvalidInput: expires: 'soon' is not a duration; expected a whole number and a unit (m, h, d or w), e.g. 90d.
    """
    text = value.strip().lower()
    number, unit = text[:-1], text[-1:]
    if unit not in _DURATION_UNITS or not number.isdigit() or not 0 < int(number) <= 100_000:
        raise InvalidInput(
            f"{value!r} is not a duration; expected a whole number and a unit "
            "(m, h, d or w), e.g. 90d.",
            field=field,
        )
    return timedelta(seconds=int(number) * _DURATION_UNITS[unit])
