"""Charts as Vega-Lite specs, and their rendering without a browser or a CDN.

- :mod:`tradewar.charts.specs`  pure functions: data in, a Vega-Lite dict out (no I/O);
- :mod:`tradewar.charts.geo`    the vendored world map (world-atlas 2.0.2) and its ISO3 ids;
- :mod:`tradewar.charts.render` a spec to ``.png``, ``.svg``, standalone ``.html`` or ``.json``.

Nothing heavy is imported here.
"""

from __future__ import annotations
