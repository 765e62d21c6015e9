"""Reading measures from YAML files, with errors that name the file, entry, field and value.

Three shapes are accepted: a whole measures file (:class:`MeasureFile`, the bundled
format), a list of measures, or one measure.  Every error found is reported at once;
nothing is returned unless everything validated, so a caller never half-loads a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from tradewar.errors import InvalidMeasure
from tradewar.ledger.schema import Measure, MeasureFile

BUNDLED_FILE = "us_china_2025.yaml"
MAX_REPORTED_ERRORS = 20


def bundled_measures_path() -> Path:
    """The measures file shipped with the package."""
    return Path(str(files("tradewar.ledger") / "data" / BUNDLED_FILE))


#: libyaml's parser when PyYAML was built with it (it reads the bundled record about 8 times
#: faster, to the same values), else PyYAML's pure-Python one.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; a missing file or a syntax error becomes :class:`InvalidMeasure`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise InvalidMeasure(f"{path}: no such file.") from err
    except UnicodeDecodeError as err:
        raise InvalidMeasure(
            f"{path}: not a text file (byte {err.start} is not UTF-8); expected YAML."
        ) from err
    except OSError as err:
        raise InvalidMeasure(f"{path}: cannot read ({err.strerror}).") from err
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as err:
        raise InvalidMeasure(f"{path}: not valid YAML: {err}") from err
    except ValueError as err:  # YAML reads 2026-13-01 as a date, and the date is impossible
        raise InvalidMeasure(
            f"{path}: not valid YAML: {err} (a date must be a real YYYY-MM-DD day)."
        ) from err


def load_measure_file(path: Path) -> MeasureFile:
    """Load and validate a whole measures file (header plus measures)."""
    data = read_yaml(path)
    if not isinstance(data, dict) or "measures" not in data:
        raise InvalidMeasure(
            f"{path}: expected a mapping with 'dataset', 'as_of' and 'measures' at the top level."
        )
    try:
        bundle = MeasureFile.model_validate(data)
    except ValidationError as err:
        raise InvalidMeasure(
            _describe(path, err, data.get("measures"), prefix=("measures",))
        ) from err
    check_references(bundle.measures, known_ids=(), origin=str(path))
    return bundle


def load_measures(path: Path) -> list[Measure]:
    """Load one measure, a list of measures, or a measures file; validate them all."""
    data = read_yaml(path)
    if isinstance(data, dict) and "measures" in data:
        return list(load_measure_file(path).measures)
    entries = data if isinstance(data, list) else [data]
    if not entries or not all(isinstance(entry, dict) for entry in entries):
        raise InvalidMeasure(
            f"{path}: expected a measure (a mapping with id, kind, title, ...), "
            "a list of measures, or a measures file."
        )
    measures: list[Measure] = []
    problems: list[str] = []
    for index, entry in enumerate(entries):
        try:
            measures.append(Measure.model_validate(entry))
        except ValidationError as err:
            problems.extend(_problems(err, entries, index_offset=index, single=True))
    if problems:
        raise InvalidMeasure(_join(path, problems))
    return measures


def check_references(
    measures: Sequence[Measure], known_ids: Iterable[str], origin: str = "input"
) -> None:
    """Ids are unique, and every relation or suspension names a known measure."""
    ids = [m.id for m in measures]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InvalidMeasure(f"{origin}: duplicate measure id(s): {', '.join(duplicates)}.")
    known = set(ids) | set(known_ids)
    problems: list[str] = []
    for measure in measures:
        for relation in measure.relations:
            if relation.measure not in known:
                problems.append(
                    f"entry {measure.id!r}, field 'relations': value {relation.measure!r}: "
                    "expected the id of a measure in the ledger or the same file"
                )
        for part in measure.suspends:
            if part.measure not in known:
                problems.append(
                    f"entry {measure.id!r}, field 'suspends': value {part.measure!r}: "
                    "expected the id of a measure in the ledger or the same file"
                )
    if problems:
        raise InvalidMeasure(_join(Path(origin), problems))


# ---------------------------------------------------------------------- messages


def _describe(path: Path, err: ValidationError, entries: Any, prefix: tuple[str, ...]) -> str:
    return _join(path, _problems(err, entries if isinstance(entries, list) else [], prefix=prefix))


def _problems(
    err: ValidationError,
    entries: list[Any],
    *,
    prefix: tuple[str, ...] = (),
    index_offset: int = 0,
    single: bool = False,
) -> list[str]:
    out: list[str] = []
    for problem in err.errors():
        loc = tuple(problem["loc"])
        if not single and loc[: len(prefix)] != prefix:
            out.append(f"field {_dotted(loc)!r}: {_expected(problem)}")
            continue
        rest = loc if single else loc[len(prefix) :]
        index = index_offset if single else rest[0]
        field_loc = rest if single else rest[1:]
        entry_name = _entry_name(entries, index)
        value = problem.get("input")
        shown = "" if isinstance(value, dict | list) else f": value {_short(value)!r}"
        out.append(
            f"entry {entry_name}, field {_dotted(field_loc) or '(entry)'!r}{shown}: "
            f"{_expected(problem)}"
        )
    return out


def _entry_name(entries: list[Any], index: Any) -> str:
    if isinstance(index, int) and 0 <= index < len(entries) and isinstance(entries[index], dict):
        entry_id = entries[index].get("id")
        if entry_id:
            return f"{entry_id!r} (#{index + 1})"
    return f"#{index + 1}" if isinstance(index, int) else str(index)


def _dotted(loc: Sequence[Any]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _expected(problem: Any) -> str:
    message = str(problem["msg"])
    message = message.removeprefix("Value error, ")
    if problem["type"] == "missing":
        return "required field is missing"
    if problem["type"] == "extra_forbidden":
        return "unknown field (check the spelling against tradewar.ledger.schema)"
    if problem["type"] in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return "expected a date as YYYY-MM-DD"
    return message or "invalid"


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 60:
        return value[:57] + "..."
    if isinstance(value, date):
        return value.isoformat()
    return value


def _join(path: Path, problems: list[str]) -> str:
    shown = problems[:MAX_REPORTED_ERRORS]
    more = len(problems) - len(shown)
    lines = [f"{path}: {len(problems)} problem(s); nothing was loaded:"]
    lines += [f"  - {p}" for p in shown]
    if more:
        lines.append(f"  ... and {more} more")
    return "\n".join(lines)
