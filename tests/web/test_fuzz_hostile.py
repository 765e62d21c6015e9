"""Hostile input against every API operation, on SQLite and PostgreSQL: no 5xx, no drops.

The operations come from the app's OpenAPI schema through schemathesis, so an operation
added later is fuzzed too. Each string parameter (path and query) gets, in turn, every
value of :data:`HOSTILE` (NUL, lone surrogates and broken UTF-8, CR/LF, U+2028, very long
strings, huge and non-finite numbers, extreme datetimes) while the others keep valid
values; each leaf of each JSON body gets every value of :data:`HOSTILE_JSON`. Requests go to
a real uvicorn server over HTTP, so an answer the server cannot send (a header with CR/LF)
shows up as a dropped connection. A request is a failure if it gets a 5xx (other than a
503 the model gives by design: data not installed) or no answer at all.
"""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis

from tests.databases import BACKENDS, fresh_database
from tests.gedata import ge_data_dir
from tests.web.conftest import make_settings
from tradewar.ledger.store import LedgerStore
from tradewar.web.app import create_app, serve_in_background

#: Percent-encoded values for path and query parameters.
HOSTILE = (
    "%00",
    "a%00b",
    "%ED%A0%80",  # a lone surrogate, as CESU-8 bytes: not UTF-8
    "%FF%FE",
    "%0D%0ASet-Cookie:%20x=1",
    "2025-05-20%0D%0A",
    "%E2%80%A82025-05-20",
    "%F0%9F%92%A5",
    "x" * 4000,
    "1e400",
    "NaN",
    "-Infinity",
    "99999999999999999999999",
    "0001-01-01T00:00:00%2B01:00",
    "9999-12-31T23:59:59-01:00",
    "0000-00-00",
    "..%2F..%2Fetc%2Fpasswd",
    "%27%20OR%201=1--",
)
#: JSON values for body leaves (NaN, Infinity and 1e400 are written as bare JSON tokens).
HOSTILE_JSON: tuple[Any, ...] = (
    "a\x00b",
    "\ud800",
    "line\r\nbreak",
    "x" * 3000,
    "",
    "   ",
    True,
    -1,
    10**30,
    float("nan"),
    float("inf"),
    "1e400",  # replaced by the bare token 1e400
    "0001-01-01T00:00:00+01:00",
    "9999-12-31",
    None,
    [],
    {},
)
#: A valid value for each parameter name (the others of a request keep these).
VALID = {
    "on": "2025-05-20",
    "importer": "USA",
    "exporter": "CHN",
    "a": "USA",
    "b": "CHN",
    "from": "2025-01-01",
    "to": "2025-06-30",
    "name": "prewar",
    "measure_id": "cn-tariff-34",
    "proposal_id": "p-1",
    "scenario": "rare-earths-2025",
    "supplier": "CHN",
    "industry": "c12",
    "region": "CHN",
}
#: 503 answers that are by design: the model's data is not installed, or a run timed out.
DESIGNED_503 = ("/data-unavailable", "/timeout")

_DATA = ge_data_dir()
schema = schemathesis.openapi.from_asgi(  # an app that only serves its schema
    "/openapi.json",
    create_app(make_settings(Path(tempfile.mkdtemp(prefix="tradewar-fuzz-")), _DATA)),
)


def _operations() -> list[tuple[str, str, list[dict[str, Any]], bool]]:
    found = []
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]
        parameters = [
            {"name": p.name, "in": p.location, "required": p.is_required}
            for p in operation.iter_parameters()
            if p.location in ("path", "query")
        ]
        found.append((operation.method.upper(), operation.path, parameters, operation.body))
    return [(m, p, params, bool(body)) for m, p, params, body in found]


OPERATIONS = _operations()


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, dict[str, str]]]:
    """A uvicorn server on a new ledger of each backend, and a writer's headers."""
    folder = tmp_path_factory.mktemp(f"fuzz-{request.param}")
    with fresh_database(request.param, folder) as url:
        store = LedgerStore.open(url)
        token = store.create_token("fuzzer")
        store.engine.dispose()
        with serve_in_background(make_settings(folder, _DATA, url)) as base:
            yield base, {"Authorization": f"Bearer {token}"}


def _url(path: str, parameters: list[dict[str, Any]], hostile: tuple[str, str] | None) -> str:
    """The request URL: valid values everywhere except ``hostile`` (name, encoded value)."""
    query: list[str] = []
    for parameter in parameters:
        name = parameter["name"]
        value = hostile[1] if hostile and hostile[0] == name else VALID.get(name)
        if parameter["in"] == "path":
            path = path.replace("{" + name + "}", value or "x")
        elif value is not None and (parameter["required"] or (hostile and hostile[0] == name)):
            query.append(f"{name}={value}")
    return path + ("?" + "&".join(query) if query else "")


def _check(response: httpx.Response | Exception, what: str) -> str | None:
    """Why this answer is a failure (``None`` if it is fine)."""
    if isinstance(response, Exception):
        return f"{what}: no answer ({type(response).__name__}: {response})"
    if response.status_code >= 500:
        if response.status_code == 503 and response.json().get("type", "").endswith(DESIGNED_503):
            return None
        return f"{what}: {response.status_code} {response.text[:200]}"
    return None


def _send(client: httpx.Client, method: str, url: str, **kwargs: Any) -> Any:
    try:
        return client.request(method, url, **kwargs)
    except httpx.HTTPError as err:
        return err


@pytest.mark.parametrize(
    ("method", "path", "parameters"),
    [(m, p, params) for m, p, params, _ in OPERATIONS if params],
    ids=[f"{m} {p}" for m, p, params, _ in OPERATIONS if params],
)
def test_hostile_parameters(
    server: tuple[str, dict[str, str]], method: str, path: str, parameters: list[dict[str, Any]]
) -> None:
    base, headers = server
    failures = []
    with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
        for parameter in parameters:
            for value in HOSTILE:
                url = _url(path, parameters, (parameter["name"], value))
                body: dict[str, Any] | None = {} if method in ("POST", "PUT") else None
                problem = _check(_send(client, method, url, json=body), f"{method} {url[:120]}")
                if problem:
                    failures.append(problem)
    assert not failures, "\n".join(failures)


def _leaves(document: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(document, dict) and document:
        for key, value in document.items():
            yield from _leaves(value, (*prefix, key))
    elif isinstance(document, list) and document:
        yield from _leaves(document[0], (*prefix, 0))
    else:
        yield prefix


def _replaced(document: Any, where: tuple[Any, ...], value: Any) -> Any:
    changed = copy.deepcopy(document)
    target = changed
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value
    return changed


def _bodies(client: httpx.Client, method: str, path: str) -> tuple[str, dict[str, Any]] | None:
    """The URL and a valid body of a body operation (``None`` for one not covered here)."""
    if path == "/api/v1/measures" and method == "POST":
        measure = client.get("/api/v1/measures/cn-tariff-34").json()["measure"]
        return path, {"measure": measure | {"id": "fuzz-new", "relations": []}, "reason": "r"}
    if path == "/api/v1/measures/{measure_id}" and method == "PUT":
        measure = client.get("/api/v1/measures/cn-tariff-34").json()["measure"]
        return "/api/v1/measures/cn-tariff-34", {"measure": measure, "reason": "r"}
    if path == "/api/v1/model/simulate":
        return path, {
            "us_others": 0.1,
            "tariffs": [{"importer": "CHN", "exporter": "USA", "rate": 0.2}],
        }
    if path.startswith("/api/v1/strategy/"):  # valid, but every hostile leaf makes it invalid
        return path, {"players": ["USA", "CHN"], "base": "prewar"}
    if path == "/api/v1/news/extract":
        return path, {
            "text": "China will impose tariffs of 34% on US goods.",
            "published": "2025-04-04",
        }
    if path.startswith("/api/v1/proposals/"):
        return path.replace("{proposal_id}", "p-1"), {"note": "n"}
    return None


@pytest.mark.parametrize(
    ("method", "path"),
    [(m, p) for m, p, _, body in OPERATIONS if body],
    ids=[f"{m} {p}" for m, p, _, body in OPERATIONS if body],
)
def test_hostile_bodies(server: tuple[str, dict[str, str]], method: str, path: str) -> None:
    base, headers = server
    failures = []
    with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
        found = _bodies(client, method, path)
        assert found is not None, f"no valid body known for {method} {path}: add one"
        url, body = found
        leaves = list(_leaves(body))
        for where in leaves:
            for value in HOSTILE_JSON:
                text = json.dumps(_replaced(body, where, value)).replace('"1e400"', "1e400")
                sent = _send(
                    client,
                    method,
                    url,
                    content=text.encode(),
                    headers={"Content-Type": "application/json"},
                )
                problem = _check(sent, f"{method} {url} {'.'.join(map(str, where))}={value!r:.40}")
                if problem:
                    failures.append(problem)
        for raw in (b"\x00", b"{", b'{"measure": 1e999999}', b"\xff\xfe", b"[" * 5000):
            sent = _send(
                client, method, url, content=raw, headers={"Content-Type": "application/json"}
            )
            problem = _check(sent, f"{method} {url} raw body {raw[:20]!r}")
            if problem:
                failures.append(problem)
    assert not failures, "\n".join(failures)


def test_every_operation_is_fuzzed() -> None:
    """The parametrisations above cover every operation of the schema."""
    with_params = {(m, p) for m, p, params, _ in OPERATIONS if params}
    with_body = {(m, p) for m, p, _, body in OPERATIONS if body}
    everything = {(m, p) for m, p, _, _ in OPERATIONS}
    plain = everything - with_params - with_body
    listings = {("GET", "/api/v1/scenarios"), ("GET", "/api/v1/supply/scenarios")}
    no_input = {("POST", "/api/v1/strategy/optimal-retaliation")}  # a fixed table
    assert plain <= listings | no_input | {("GET", "/api/v1/tokens/current")} | {
        op for op in plain if op[1].endswith("status")
    }, plain
