"""Render a Vega-Lite spec to a file with vl-convert: no browser, no CDN.

The format follows the file's suffix:

- ``.png``  raster image (scale 2, i.e. twice the spec's pixel size);
- ``.svg``  vector image;
- ``.html`` one standalone page with the vega, vega-lite and vega-embed JavaScript
  inlined (``vl_convert.vegalite_to_html(..., bundle=True)``): it opens offline;
- ``.json`` the spec itself (to embed elsewhere or edit).

Examples
--------
>>> check_suffix("chart.pdf")
Traceback (most recent call last):
...
tradewar.errors.InvalidInput: Cannot render a chart to 'chart.pdf': suffix '.pdf' is not ...
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tradewar.codes.files import checked_suffix
from tradewar.errors import DataUnavailable

#: File suffixes a chart can be written to.
CHART_SUFFIXES: tuple[str, ...] = (".png", ".svg", ".html", ".json")

#: PNG scale factor (device pixels per spec pixel).
PNG_SCALE = 2.0


def check_suffix(path: str | Path) -> str:
    """Return the lower-case suffix of ``path`` if a chart can be written to it.

    Raises
    ------
    InvalidInput
        Naming the suffix and the supported ones.
    """
    return checked_suffix(path, CHART_SUFFIXES, "Cannot render a chart to")


def _vl_convert() -> Any:
    try:
        import vl_convert  # type: ignore[import-not-found,unused-ignore]
    except ImportError as err:  # pragma: no cover - a dependency, installed with tradewar
        raise DataUnavailable(
            "Rendering charts needs the vl-convert-python package; "
            "install it with: pip install 'vl-convert-python>=1.6'."
        ) from err
    return vl_convert


def to_png(spec: dict[str, Any], scale: float = PNG_SCALE) -> bytes:
    """PNG bytes of a Vega-Lite spec."""
    data: bytes = _vl_convert().vegalite_to_png(spec, scale=scale)
    return data


def to_svg(spec: dict[str, Any]) -> str:
    """SVG text of a Vega-Lite spec."""
    text: str = _vl_convert().vegalite_to_svg(spec)
    return text


def to_html(spec: dict[str, Any]) -> str:
    """A standalone HTML page showing the spec; all JavaScript inlined, no CDN."""
    text: str = _vl_convert().vegalite_to_html(spec, bundle=True)
    return text


def render(spec: dict[str, Any], out: str | Path) -> Path:
    """Write ``spec`` to ``out`` in the format its suffix names; return the path.

    Parameters
    ----------
    spec : dict
        A Vega-Lite spec (from :mod:`tradewar.charts.specs`).
    out : path
        ``.png``, ``.svg``, ``.html`` or ``.json``; parent folders are created.

    Raises
    ------
    InvalidInput
        If the suffix is not one of :data:`CHART_SUFFIXES`.
    """
    path = Path(out)
    suffix = check_suffix(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".png":
        path.write_bytes(to_png(spec))
    elif suffix == ".svg":
        path.write_text(to_svg(spec), encoding="utf-8")
    elif suffix == ".html":
        path.write_text(to_html(spec), encoding="utf-8")
    else:
        path.write_text(json.dumps(spec, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
