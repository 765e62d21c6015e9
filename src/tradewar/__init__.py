"""tradewar: trade wars, measured.

Subpackages, each with one job:

- :mod:`tradewar.ledger`   dated trade measures, the state on any date, duty stacks, history;
- :mod:`tradewar.model`    the general-equilibrium trade model (Ignatenko et al. 2025);
- :mod:`tradewar.services` the one layer that the CLI (and later the API) call.

Nothing heavy is imported here, and nothing reads the environment at import time.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
