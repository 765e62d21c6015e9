"""The vendored world-atlas map: present as package data, ids map to ISO3."""

from __future__ import annotations

import hashlib
from importlib.resources import files

import pycountry

from tradewar.charts.geo import COUNTRIES_OBJECT, numeric_to_iso3, world_topology

SHA256 = "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8"


def test_the_file_is_the_vendored_world_atlas_2_0_2() -> None:
    data = (files("tradewar.charts") / "data" / "countries-110m.json").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SHA256
    readme = (files("tradewar.charts") / "data" / "README.md").read_text()
    assert "world-atlas@2.0.2" in readme and SHA256 in readme and "ISC" in readme


def test_ids_map_to_iso3_for_at_least_170_countries() -> None:
    topology = world_topology()
    assert topology["type"] == "Topology"
    geometries = topology["objects"][COUNTRIES_OBJECT]["geometries"]
    mapping = numeric_to_iso3(topology)
    assert len(mapping) >= 170
    assert len(set(mapping.values())) == len(mapping)  # one feature per country
    # Spot checks against the feature names written in the file itself.
    names = {g.get("id"): g["properties"]["name"] for g in geometries}
    for numeric, iso3, name in (("840", "USA", "United States of America"),
                                ("156", "CHN", "China"), ("276", "DEU", "Germany"),
                                ("392", "JPN", "Japan"), ("076", "BRA", "Brazil")):  # fmt: skip
        assert mapping[numeric] == iso3
        assert names[numeric] == name
    # Every mapped id is the ISO numeric code of its ISO3.
    for numeric, iso3 in mapping.items():
        country = pycountry.countries.get(alpha_3=iso3)
        assert country is not None and country.numeric == numeric


def test_copies_are_independent() -> None:
    first = world_topology()
    first["objects"].clear()
    assert COUNTRIES_OBJECT in world_topology()["objects"]
