"""Scenario sweeps: Monte Carlo draws of model parameters and tariffs, solved in parallel.

- :mod:`tradewar.sweeps.spec`    what varies and how (``--vary epsilon=2:8``), seeds, draws;
- :mod:`tradewar.sweeps.worker`  the pure, importable function that solves a chunk of draws;
- :mod:`tradewar.sweeps.engines` where chunks run: a local process pool or Dask;
- :mod:`tradewar.sweeps.bands`   quantile bands (5/50/95%) from a sweep's Parquet file;
- :mod:`tradewar.sweeps.charts`  Vega-Lite error-bar layers of those bands.

The service that ties them to scenarios, files and manifests is
:mod:`tradewar.services.sweeps`.  Nothing heavy (Dask) is imported here.
"""

from __future__ import annotations
