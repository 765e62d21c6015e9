"""Products by name: a full-text index of HTS-10 descriptions (SQLite FTS5).

The Budget Lab crosswalk (``resources/hs10_gtap_crosswalk.csv``) gives each of 18,700 US
statistical lines its description in the schedule's words ("Portable automatic
data-processing machines, weighing not more than 10 kg ..."), which are not the words
people search with ("laptops").  So a query goes through two steps:

1. **Synonyms.** :data:`SYNONYMS` rewrites common names into the schedule's wording
   (``laptops`` → ``portable automatic data processing machines``).  The table is small
   and each entry is tested against the line it must find (``expect``).
2. **Full text.** The rewritten words are matched in an FTS5 index with the Porter
   stemmer (``toys`` finds "toys", ``accumulator`` finds "accumulators") and ranked by
   BM25; when no line holds every word, lines holding any of them are ranked instead.

The index is a SQLite file built once from the crosswalk into the cache folder
(``TRADEWAR_CACHE_DIR``) and rebuilt when the crosswalk changes (size and mtime).
"""

from __future__ import annotations

import csv
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tradewar.codes.hs import normalize_hs
from tradewar.errors import DataUnavailable, InvalidData, InvalidInput

INDEX_FILE = "hts_lines.sqlite"
INDEX_VERSION = "1"
CROSSWALK_HEADER = ["hs10", "hs6_code", "gtap_code", "description"]


@dataclass(frozen=True)
class Synonym:
    """A common name and the schedule's wording for it; ``expect`` is the line it must find."""

    names: tuple[str, ...]
    wording: str
    expect: str


#: Common names → tariff-schedule wording.  Matched as whole words (case-insensitive,
#: hyphens and plurals tolerated); ``expect`` is the HS code the top result must start with.
SYNONYMS: tuple[Synonym, ...] = (
    Synonym(("laptop", "laptops", "notebook computer", "notebook computers"),
            "portable automatic data processing machines", "847130"),
    Synonym(("soybean", "soybeans", "soy bean", "soy beans"), "soya beans", "1201"),
    Synonym(("lithium-ion battery", "lithium-ion batteries", "li-ion battery",
             "li-ion batteries", "lithium battery", "lithium batteries"),
            "lithium ion accumulators", "850760"),
    Synonym(("rare-earth magnet", "rare-earth magnets", "neodymium magnet", "neodymium magnets"),
            "permanent magnets of metal", "850511"),
    Synonym(("smartphone", "smartphones", "cell phone", "cell phones", "mobile phone",
             "mobile phones"), "telephone sets smartphones", "851713"),
    Synonym(("electric vehicle", "electric vehicles", "ev", "evs", "electric car", "electric cars"),
            "motor cars vehicles with only electric motor for propulsion", "870380"),
    Synonym(("solar panel", "solar panels", "solar cell", "solar cells"),
            "photovoltaic cells assembled in modules or made up into panels", "854143"),
    Synonym(("chip", "chips", "microchip", "microchips"), "electronic integrated circuits", "8542"),
    Synonym(("battery", "batteries"), "accumulators", "8507"),
    Synonym(("tv", "tvs", "television", "televisions"),
            "monitors reception apparatus for television", "8528"),
)  # fmt: skip


@dataclass(frozen=True)
class ProductLine:
    """One HTS-10 statistical line and its description."""

    hs10: str
    hs6: str
    gtap: str
    description: str

    @property
    def short(self) -> str:
        """The description's last part (the line's own words, after the heading's)."""
        return self.description.rsplit(" : ", 1)[-1]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"hs10": self.hs10, "hs6": self.hs6, "gtap": self.gtap,
                "description": self.description}  # fmt: skip


@dataclass(frozen=True)
class SearchHit:
    """A line found by a query, with its BM25 score (lower is better) and the words used."""

    line: ProductLine
    score: float
    matched: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return self.line.to_dict() | {"score": round(self.score, 4), "matched": self.matched}


# --------------------------------------------------------------------------- query words


def rewrite(query: str) -> tuple[str, list[str]]:
    """The query in schedule wording, and the synonyms used (``[]`` if none).

    >>> rewrite("Laptops from China")
    ('portable automatic data processing machines from china', ['laptops'])
    """
    text = " " + _plain(query) + " "
    used: list[str] = []
    for synonym in SYNONYMS:
        for name in sorted(synonym.names, key=len, reverse=True):
            pattern = f" {_plain(name)} "
            if pattern in text:
                text = text.replace(pattern, f" {synonym.wording} ")
                used.append(name)
                break
    return " ".join(text.split()), used


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def _fts_terms(words: str) -> list[str]:
    return [f'"{word}"' for word in words.split() if word not in STOPWORDS]


STOPWORDS = frozenset({"of", "and", "or", "the", "for", "in", "a", "an", "from", "with", "to"})


# --------------------------------------------------------------------------- the index


def index_path(cache_dir: Path) -> Path:
    """Where the product index lives in the cache folder."""
    return Path(cache_dir) / INDEX_FILE


def _signature(crosswalk: Path) -> str:
    stat = crosswalk.stat()
    return f"{INDEX_VERSION}:{crosswalk.resolve()}:{stat.st_size}:{int(stat.st_mtime)}"


def read_crosswalk(path: Path) -> list[ProductLine]:
    """The crosswalk's lines, checked (header, 10-digit codes)."""
    with Path(path).open(encoding="utf-8", errors="replace", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows, None)
        if header != CROSSWALK_HEADER:
            raise InvalidData(f"{path}: header is {header}; expected {CROSSWALK_HEADER}.")
        lines = []
        for number, row in enumerate(rows, start=2):
            if len(row) != 4 or not re.fullmatch(r"\d{10}", row[0]):
                raise InvalidData(f"{path}: line {number} is {row!r}; expected a 10-digit hs10.")
            lines.append(ProductLine(row[0], row[1], row[2], row[3].replace("?", " ")))
    return lines


def ensure_index(crosswalk: Path, cache_dir: Path, rebuild: bool = False) -> Path:
    """Build the FTS5 index from the crosswalk unless an up-to-date one exists; its path."""
    target = index_path(cache_dir)
    signature = _signature(crosswalk)
    if not rebuild and target.is_file() and _stored_signature(target) == signature:
        return target
    lines = read_crosswalk(crosswalk)
    try:
        _build(target, lines, signature)
    except (OSError, sqlite3.OperationalError) as err:
        raise DataUnavailable(
            f"Cannot write the product index {target} ({err}); set TRADEWAR_CACHE_DIR to a"
            " writable folder."
        ) from err
    return target


def _build(target: Path, lines: list[ProductLine], signature: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".building")
    partial.unlink(missing_ok=True)
    with closing(sqlite3.connect(partial)) as db:
        db.executescript(
            """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE lines (hs10 TEXT PRIMARY KEY, hs6 TEXT NOT NULL, gtap TEXT NOT NULL,
                                description TEXT NOT NULL);
            CREATE VIRTUAL TABLE lines_fts USING fts5(
                description, content='lines', content_rowid='rowid',
                tokenize='porter unicode61');
            """
        )
        db.executemany(
            "INSERT INTO lines VALUES (?, ?, ?, ?)",
            [(x.hs10, x.hs6, x.gtap, x.description) for x in lines],
        )
        db.execute("INSERT INTO lines_fts(lines_fts) VALUES ('rebuild')")
        db.execute("INSERT INTO meta VALUES ('signature', ?)", (signature,))
        db.commit()
    partial.replace(target)  # atomic: a reader never sees a half-built index


def _stored_signature(path: Path) -> str | None:
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return None if row is None else str(row[0])


@contextmanager
def _open(path: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        yield db


def search(path: Path, query: str, limit: int = 20) -> list[SearchHit]:
    """HTS-10 lines whose descriptions match ``query``, best first (BM25).

    A query that is an HS code (``8471.30``) lists the lines under that code instead.
    """
    if not query.strip():
        raise InvalidInput("Empty product search: give words such as 'toys' or an HS code.")
    if limit < 1:
        raise InvalidInput(f"{limit} lines: expected a positive number.", field="limit")
    if re.fullmatch(r"[\d.\s]+", query.strip()):
        code = normalize_hs(query)
        return [SearchHit(line, 0.0, code) for line in lines_under(path, code)[:limit]]
    words, _ = rewrite(query)
    terms = _fts_terms(words)
    if not terms:
        raise InvalidInput(f"Product search {query!r} has no searchable words.")
    hits = _match(path, " AND ".join(terms), limit, words)
    if not hits:
        hits = _match(path, " OR ".join(terms), limit, words)
    return hits


def _match(path: Path, expression: str, limit: int, words: str) -> list[SearchHit]:
    sql = (
        "SELECT l.hs10, l.hs6, l.gtap, l.description, bm25(lines_fts) AS score"
        " FROM lines_fts JOIN lines l ON l.rowid = lines_fts.rowid"
        " WHERE lines_fts MATCH ? ORDER BY score, length(l.description), l.hs10 LIMIT ?"
    )
    with _open(path) as db:
        rows = db.execute(sql, (expression, limit)).fetchall()
    return [SearchHit(ProductLine(*row[:4]), float(row[4]), words) for row in rows]


def lines_under(path: Path, code: str) -> list[ProductLine]:
    """Every HTS-10 line whose code starts with ``code`` (2-10 digits), in code order."""
    digits = normalize_hs(code)
    with _open(path) as db:
        rows = db.execute(
            "SELECT hs10, hs6, gtap, description FROM lines WHERE hs10 >= ? AND hs10 < ?"
            " ORDER BY hs10",
            (digits, digits + "~"),
        ).fetchall()
    return [ProductLine(*row) for row in rows]


def line_count(path: Path) -> int:
    """How many lines the index holds."""
    with _open(path) as db:
        return int(db.execute("SELECT count(*) FROM lines").fetchone()[0])
