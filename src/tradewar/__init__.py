"""tradewar: trade wars, measured.

Subpackages, each with one job (``docs/architecture.md`` draws the layers):

- :mod:`tradewar.ledger`    dated trade measures, the state on any date, duty stacks, history;
- :mod:`tradewar.model`     the general-equilibrium trade models;
- :mod:`tradewar.scenarios` the record on a date turned into model runs;
- :mod:`tradewar.strategy`  best responses, Nash tariff wars, bargaining;
- :mod:`tradewar.supply`    export-control shocks through product and sector networks;
- :mod:`tradewar.news`      articles in, events with evidence out, proposals;
- :mod:`tradewar.services`  the one layer that the CLI and the web call.

``__version__`` below is the only place the version is written; ``pyproject.toml`` reads it.
Nothing heavy is imported here, and nothing reads the environment at import time.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
