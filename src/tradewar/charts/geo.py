"""The vendored world map: ``countries-110m.json`` from npm ``world-atlas@2.0.2``.

Its features are keyed by ISO 3166-1 numeric codes (``"840"``); charts join on ISO3, so
:func:`numeric_to_iso3` gives the map from one to the other.  Provenance and licence are in
``tradewar/charts/data/README.md``.  The notice below travels with the wheel (the README
does not), as the map's ISC licence asks:

    world-atlas 2.0.2, Copyright 2013-2019 Michael Bostock (derived from Natural Earth,
    public domain).

    Permission to use, copy, modify, and/or distribute this software for any purpose
    with or without fee is hereby granted, provided that the above copyright notice
    and this permission notice appear in all copies.

    THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH
    REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND
    FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT,
    INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS
    OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER
    TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF
    THIS SOFTWARE.

Examples
--------
>>> ids = numeric_to_iso3(world_topology())
>>> ids["840"], ids["156"], len(ids) >= 170
('USA', 'CHN', True)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from typing import Any

import pycountry

from tradewar.errors import DataUnavailable

#: The vendored TopoJSON file, inside the package.
WORLD_FILE = "countries-110m.json"

#: The TopoJSON object holding one geometry per country.
COUNTRIES_OBJECT = "countries"


def _load() -> dict[str, Any]:
    resource = files("tradewar.charts") / "data" / WORLD_FILE
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise DataUnavailable(
            f"The vendored map {WORLD_FILE} is missing from tradewar/charts/data; "
            "reinstall tradewar (it ships as package data)."
        ) from err
    topology: dict[str, Any] = json.loads(text)
    return topology


@lru_cache(maxsize=1)
def _cached() -> str:
    return json.dumps(_load())


def world_topology() -> dict[str, Any]:
    """The world TopoJSON (a fresh copy each call, so callers may not corrupt the cache)."""
    topology: dict[str, Any] = json.loads(_cached())
    return topology


def numeric_to_iso3(topology: Mapping[str, Any]) -> dict[str, str]:
    """Map each country feature's numeric id to its ISO3 code (ids pycountry lacks are left out).

    Parameters
    ----------
    topology : dict
        A world-atlas TopoJSON with a ``countries`` object.

    Returns
    -------
    dict of str to str
        ``{"840": "USA", ...}``, keys exactly as written in the file.
    """
    mapping: dict[str, str] = {}
    for geometry in topology["objects"][COUNTRIES_OBJECT]["geometries"]:
        code = geometry.get("id")
        if code is None:
            continue
        country = pycountry.countries.get(numeric=str(code).zfill(3))
        if country is not None:
            mapping[str(code)] = country.alpha_3
    return mapping
