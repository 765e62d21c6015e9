"""Rendering with vl-convert: valid PNG, SVG with marks, standalone HTML without a CDN."""

from __future__ import annotations

import json
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from tradewar.charts import specs
from tradewar.charts.geo import numeric_to_iso3, world_topology
from tradewar.charts.render import CHART_SUFFIXES, render
from tradewar.config import Settings
from tradewar.errors import InvalidInput
from tradewar.services.charts import ChartService

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def timeline() -> dict:
    import os
    import tempfile

    # Module scope: build once, with a private ledger of its own.
    folder = tempfile.mkdtemp(prefix="tw-chart-")
    old = os.environ.get("TRADEWAR_DATABASE_URL")
    os.environ["TRADEWAR_DATABASE_URL"] = f"sqlite:///{folder}/ledger.sqlite"
    try:
        return ChartService(Settings()).timeline_spec()
    finally:
        if old is None:
            os.environ.pop("TRADEWAR_DATABASE_URL")
        else:
            os.environ["TRADEWAR_DATABASE_URL"] = old


def test_png_is_valid_and_sized(timeline: dict, tmp_path: Path) -> None:
    out = render(timeline, tmp_path / "charts" / "timeline.png")
    data = out.read_bytes()
    width, height = png_size(data)
    # The spec is 760 x 380 plus axes, legend and titles; PNGs are rendered at scale 2.
    assert 2 * 760 <= width <= 2 * 1000
    assert 2 * 380 <= height <= 2 * 600
    assert len(data) > 50_000


def test_svg_has_the_lines_and_labels(timeline: dict, tmp_path: Path) -> None:
    out = render(timeline, tmp_path / "timeline.svg")
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    paths = root.findall(f".//{SVG}path")
    assert len(paths) >= 10
    text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for label in ("Geneva truce", "London framework", "Busan deal",
                  "additional duty on all goods, %", "US on China", "China on US"):  # fmt: skip
        assert label in text


def test_welfare_map_svg_draws_countries(tmp_path: Path) -> None:
    from tests.charts.conftest import tidy

    topology = world_topology()
    spec = specs.welfare_spec(tidy("alpha"), topology, numeric_to_iso3(topology))
    root = ET.parse(render(spec, tmp_path / "welfare.svg")).getroot()
    # One path per country feature at least (grey layer), plus the coloured ones.
    assert len(root.findall(f".//{SVG}path")) >= 177
    text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "welfare change, %" in text


def test_html_is_standalone(two_scenarios: pd.DataFrame, tmp_path: Path) -> None:
    spec = specs.compare_spec(two_scenarios, countries=["USA", "CHN"])
    html = render(spec, tmp_path / "compare.html").read_text()
    assert "<html" in html.lower()
    assert not re.search(r"<script[^>]+src=[\"']https?://", html, flags=re.I)
    assert not re.search(r"<link[^>]+href=[\"']https?://", html, flags=re.I)
    assert "vegaEmbed" in html and len(html) > 200_000  # the libraries are inlined


def test_json_is_the_spec(two_scenarios: pd.DataFrame, tmp_path: Path) -> None:
    spec = specs.compare_spec(two_scenarios)
    assert json.loads(render(spec, tmp_path / "c.json").read_text()) == spec


def test_bad_suffix_names_it_and_the_allowed(timeline: dict, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as err:
        render(timeline, tmp_path / "timeline.pdf")
    assert "'.pdf'" in str(err.value)
    assert all(s in str(err.value) for s in CHART_SUFFIXES)
    assert not (tmp_path / "timeline.pdf").exists()


@pytest.mark.parametrize(
    ("name", "min_width", "min_height"),
    [
        ("timeline.png", 1500, 800),  # charts: scale 2
        ("scenarios-compare.png", 1500, 700),
        ("dashboard-timeline.png", 1366, 900),  # screenshots: a laptop's viewport
        ("dashboard-scenarios.png", 1366, 900),
        ("dashboard-scenarios-map.png", 600, 600),
    ],
)
def test_readme_figures_are_committed_and_valid(name: str, min_width: int, min_height: int) -> None:
    """The README's figures (scripts/make_readme_figures.py) are real rendered images."""
    path = Path(__file__).resolve().parents[2] / "docs" / "img" / name
    if not path.is_file():
        pytest.fail(f"{path} is missing; run scripts/make_readme_figures.py")
    width, height = png_size(path.read_bytes())
    assert width >= min_width and height >= min_height
