"""The services of one process, built once and wired by construction.

An interface builds one :class:`Services` from its :class:`~tradewar.config.Settings` (the
web app once per app, the CLI once per invocation of ``tradewar``) and takes every service
from it.  Each service is built on first use and then kept, and is handed the services it
depends on as constructor arguments, so the process opens one ledger store (one connection
pool) and loads the model world once::

    services = Services(Settings())
    services.scenarios.run("geneva-truce")  # builds the ledger, the model and the scenarios
    services.charts.timeline_spec()  # the same ledger store, no second model load

This module imports no service module at import time (each is imported when its service is
first built), so importing it costs nothing: the CLI's startup stays light.

A new service: a class in ``services/`` whose ``__init__`` takes the settings and the
services it needs, and a property here that builds it with :meth:`Services._once`.
No service module constructs another service (``tests/test_services_container.py`` checks).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from tradewar.config import Settings

if TYPE_CHECKING:
    from tradewar.services.charts import ChartService
    from tradewar.services.data import DataService
    from tradewar.services.hts import HtsService
    from tradewar.services.ledger import LedgerService
    from tradewar.services.model import ModelService
    from tradewar.services.news import NewsService
    from tradewar.services.scenarios import ScenarioService
    from tradewar.services.sectors import SectorsService
    from tradewar.services.strategy import StrategyService
    from tradewar.services.supply import SupplyService
    from tradewar.services.supply_sectors import SectorService
    from tradewar.services.sweeps import SweepService

T = TypeVar("T")


class Services:
    """Every service of one process for ``settings``, each built on first use, then kept.

    Safe to share between threads (the web app's request threads): a service is built under
    a lock, so two first uses at once still build it once.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._built: dict[str, Any] = {}
        self._lock = threading.RLock()  # re-entrant: building one service builds its inputs

    def _once(self, name: str, build: Callable[[], T]) -> T:
        """The service ``name``, built by ``build`` the first time it is asked for."""
        with self._lock:
            if name not in self._built:
                self._built[name] = build()
            return cast(T, self._built[name])

    def built(self) -> list[str]:
        """The names of the services built so far (for tests and diagnostics)."""
        with self._lock:
            return list(self._built)

    def close(self) -> None:
        """Close the ledger store's connection pool, if the ledger was opened."""
        with self._lock:
            ledger = self._built.get("ledger")
        if ledger is not None and "store" in vars(ledger):  # opened: a cached property
            ledger.store.engine.dispose()

    # ------------------------------------------------------------------ no dependencies
    @property
    def hts(self) -> HtsService:
        """Tariff lines and product names (``<data_dir>/hts``)."""

        def build() -> HtsService:
            from tradewar.services.hts import HtsService

            return HtsService(self.settings)

        return self._once("hts", build)

    @property
    def model(self) -> ModelService:
        """The GE model; its world is loaded from the data directory on first use, once."""

        def build() -> ModelService:
            from tradewar.services.model import ModelService

            return ModelService(self.settings)

        return self._once("model", build)

    @property
    def data(self) -> DataService:
        """The datasets under the data directory."""

        def build() -> DataService:
            from tradewar.services.data import DataService

            return DataService(self.settings)

        return self._once("data", build)

    @property
    def supply_sectors(self) -> SectorService:
        """The input-output sectors (WIOD) of the supply-chain commands."""

        def build() -> SectorService:
            from tradewar.services.supply_sectors import SectorService

            return SectorService(self.settings)

        return self._once("supply_sectors", build)

    # ------------------------------------------------------------------ built on others
    @property
    def ledger(self) -> LedgerService:
        """The measures ledger: one store (one connection pool) for the process."""

        def build() -> LedgerService:
            from tradewar.services.ledger import LedgerService

            return LedgerService(self.settings, self.hts)

        return self._once("ledger", build)

    @property
    def scenarios(self) -> ScenarioService:
        """Scenarios on the ledger's rates and the loaded model."""

        def build() -> ScenarioService:
            from tradewar.services.scenarios import ScenarioService

            return ScenarioService(self.settings, self.ledger, self.model)

        return self._once("scenarios", build)

    @property
    def charts(self) -> ChartService:
        """Charts of the ledger and of scenario runs."""

        def build() -> ChartService:
            from tradewar.services.charts import ChartService

            return ChartService(self.settings, self.ledger, self.scenarios)

        return self._once("charts", build)

    @property
    def strategy(self) -> StrategyService:
        """Best responses, Nash wars and talks on the scenarios' model."""

        def build() -> StrategyService:
            from tradewar.services.strategy import StrategyService

            return StrategyService(self.settings, self.scenarios)

        return self._once("strategy", build)

    @property
    def sweeps(self) -> SweepService:
        """Parameter sweeps of scenarios."""

        def build() -> SweepService:
            from tradewar.services.sweeps import SweepService

            return SweepService(self.settings, self.scenarios)

        return self._once("sweeps", build)

    @property
    def sectors(self) -> SectorsService:
        """The sectoral (LL2023) model, on the scenarios' ledger rates."""

        def build() -> SectorsService:
            from tradewar.services.sectors import SectorsService

            return SectorsService(self.settings, self.scenarios)

        return self._once("sectors", build)

    @property
    def supply(self) -> SupplyService:
        """Supply-chain scenarios, with the ledger's export controls and WIOD sectors."""

        def build() -> SupplyService:
            from tradewar.services.supply import SupplyService

            return SupplyService(self.settings, self.ledger, self.supply_sectors)

        return self._once("supply", build)

    @property
    def news(self) -> NewsService:
        """The news review service on the process's ledger store.

        Raises
        ------
        ImportError
            When the optional ``news`` extra is not installed (each interface says so in
            its own words); nothing is kept, so a later call tries again.
        """

        def build() -> NewsService:
            from tradewar.services.news import NewsService

            return NewsService(self.settings, self.ledger)

        return self._once("news", build)
