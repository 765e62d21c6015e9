"""The chart service: chart data from the ledger and scenario services, as specs or files.

The CLI (``tradewar chart ...``) and any other front end call this; the spec builders
themselves are pure (:mod:`tradewar.charts.specs`) and rendering is in
:mod:`tradewar.charts.render`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pycountry

from tradewar.charts import geo, render, specs
from tradewar.codes.countries import require_iso3
from tradewar.config import Settings
from tradewar.errors import InvalidInput
from tradewar.ledger.coverage import coverage_gaps
from tradewar.services.container import Services
from tradewar.services.ledger import TIMELINE_END, TIMELINE_START, LedgerService

if TYPE_CHECKING:
    from tradewar.ledger.engine import TimelinePoint
    from tradewar.services.scenarios import ScenarioService

#: Short names used in chart labels.
SHORT_NAMES: dict[str, str] = {"USA": "US", "CHN": "China", "GBR": "UK", "KOR": "Korea"}

#: Variables the comparison chart shows unless told otherwise.
DEFAULT_COMPARE_VARIABLES: tuple[str, ...] = ("welfare", "real_wage", "prices")


def country_label(iso3: str) -> str:
    """A short display name: ``USA`` -> ``US``, ``DEU`` -> ``Germany``."""
    if iso3 in SHORT_NAMES:
        return SHORT_NAMES[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    return str(getattr(country, "common_name", None) or country.name)


def _details(point: TimelinePoint) -> str:
    parts = [f"{name} {value:g}%" for name, value in point.components.items()]
    text = " + ".join(parts) if parts else "none"
    if point.unverified_ids:
        text += (
            f"; unverified ({', '.join(point.unverified_ids)}): "
            f"{point.total_if_unverified_continued_pct:g}% if continued, "
            f"{point.total_if_unverified_ended_pct:g}% if ended (plotted)"
        )
    return text


def _plotted_level(point: TimelinePoint) -> float:
    """The level drawn: the total, or where it is unverified, the recorded schedule.

    A measure past its stated end with no verified outcome is drawn as scheduled (ended
    on its stated end), inside the band the chart shades as "scheduled, not seen"; the
    tooltip gives both readings.
    """
    if point.total_additional_pct is not None:
        return point.total_additional_pct
    return point.total_if_unverified_ended_pct or 0.0


class ChartService:
    """Builds the charts of issue 4 and renders them to files."""

    def __init__(
        self,
        settings: Settings,
        ledger: LedgerService | None = None,
        scenarios: ScenarioService | None = None,
    ) -> None:
        """``ledger`` and ``scenarios``: the process's services to share (one store, one
        loaded world); without them, a scenario service built as
        :class:`~tradewar.services.container.Services` builds it, and its ledger."""
        self.settings = settings
        self.scenarios = scenarios if scenarios is not None else Services(settings).scenarios
        self.ledger = ledger if ledger is not None else self.scenarios.ledger

    def timeline_spec(
        self,
        a: str = "USA",
        b: str = "CHN",
        start: date = TIMELINE_START,
        end: date = TIMELINE_END,
    ) -> dict[str, Any]:
        """The tariff timeline of ``a`` on ``b`` and ``b`` on ``a``, with events annotated.

        Parameters
        ----------
        a, b : str
            Two different countries, ISO3 codes (interfaces parse names with
            :func:`tradewar.codes.countries.to_iso3`).
        start, end : date
            Window; the last step is extended to ``end``.
        """
        one, two = require_iso3(a, "a"), require_iso3(b, "b")
        if one == two:
            raise InvalidInput(
                f"both countries are {one}; expected two different countries.", field="b"
            )
        series: list[specs.TimelineSeries] = []
        markers: dict[str, specs.TimelineMarker] = {}
        for importer, exporter in ((one, two), (two, one)):
            points, events = self.ledger.timeline(importer, exporter, start=start, end=end)
            shown = [p for p in points if p.covered]
            series.append(
                specs.TimelineSeries(
                    f"{country_label(importer)} on {country_label(exporter)}",
                    tuple((p.on, _plotted_level(p)) for p in shown),
                    tuple(_details(p) for p in shown),
                )
            )
            for event in events:
                markers.setdefault(
                    event.measure_id,
                    specs.TimelineMarker(event.on, event.kind, event.title, event.measure_id),
                )
        if not any(line.steps for line in series):
            gaps = coverage_gaps(one, two, None, start) + coverage_gaps(two, one, None, start)
            raise InvalidInput(
                f"The record does not cover {one}–{two}, so there is no timeline to draw: "
                + "; ".join(dict.fromkeys(gaps))
                + "."
            )
        title = f"{country_label(one)}–{country_label(two)} tariffs: additional duties on all goods"
        return specs.timeline_spec(
            series,
            list(markers.values()),
            start=start,
            end=end,
            record_as_of=self.record_as_of(),
            title=title,
        )

    def record_as_of(self) -> date | None:
        """The last verified fact of the record; later steps are scheduled, not seen.

        (The bundled ``verified_through``; for ledgers without it, ``bundled_as_of``.)
        """
        verified = self.ledger.verified_through()
        if verified is not None:
            return verified
        recorded = self.ledger.store.meta().get("bundled_as_of")
        return date.fromisoformat(recorded) if recorded else None

    def welfare_spec(
        self,
        scenario: str,
        variable: str = "welfare",
        countries: Sequence[str] = (),
        top: int = specs.TOP_ECONOMIES,
    ) -> dict[str, Any]:
        """A scenario's change in ``variable`` by country: world map plus largest economies.

        The bars rank countries by the model's GDP (factor income, thousands of USD).
        """
        run = self.scenarios.run(scenario)
        frame = run.tidy()
        world = getattr(run.equilibrium, "world", None)
        weights: dict[str, float] | None = None
        if world is not None and getattr(world, "gdp", None) is not None:
            weights = {str(c): float(g) for c, g in zip(world.countries, world.gdp, strict=True)}
        topology = geo.world_topology()
        title = f"{variable.replace('_', ' ').capitalize()} by country: {run.scenario.name}"
        return specs.welfare_spec(
            frame,
            topology,
            geo.numeric_to_iso3(topology),
            variable=variable,
            weights=weights,
            countries=[require_iso3(c, "countries") for c in countries],
            top=top,
            title=title,
        )

    def compare_spec(
        self,
        names: Sequence[str],
        countries: Sequence[str] | None = None,
        variables: Sequence[str] = DEFAULT_COMPARE_VARIABLES,
    ) -> dict[str, Any]:
        """Grouped bars of ``variables`` for the pinned groups and ``countries``, by scenario."""
        frame = self.scenarios.compare(names, countries)
        order = list(dict.fromkeys(str(c) for c in frame["iso3"]))
        return specs.compare_spec(
            frame,
            variables=variables,
            countries=order,
            title=f"Scenario comparison: {', '.join(names)}",
        )

    def render(self, spec: dict[str, Any], out: str | Path) -> Path:
        """Write ``spec`` to ``out`` (``.png``, ``.svg``, ``.html`` or ``.json``)."""
        return render.render(spec, out)
