"""Vega-Lite specs as pure functions: data in, a JSON-ready dict out (no I/O, no globals).

* :func:`timeline_spec`: additional duties between two countries over time, both
  directions, as step lines, with the talks and deals annotated (PIIE's US–China chart).
* :func:`welfare_spec`: a scenario's change in one variable by country: a world
  choropleth (diverging, centred on zero, grey for no data) over a bar chart of the largest
  economies.
* :func:`compare_spec`: grouped bars of chosen variables for chosen countries or groups,
  one bar per scenario.

The specs carry their data inline (``data.values``), so they render offline with
vl-convert, embed in a page with vega-embed, or travel through the API as JSON.
Rates and changes are in percent, as the tidy tables give them.

Examples
--------
>>> from datetime import date
>>> series = [TimelineSeries("US on China", ((date(2025, 1, 1), 0.0), (date(2025, 4, 10), 145.0)))]
>>> spec = timeline_spec(series, [], end=date(2025, 12, 31))
>>> spec["layer"][0]["mark"]["interpolate"]
'step-after'
>>> [row["rate"] for row in spec["datasets"]["steps"]]
[0.0, 145.0, 145.0]
>>> compare_spec(_example_frame(), variables=["jobs"])
Traceback (most recent call last):
...
tradewar.errors.InvalidInput: Unknown variable(s) ['jobs']; expected some of ['welfare']. ...
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tradewar.errors import InvalidInput
from tradewar.model.outcomes import OUTCOMES, Outcome

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

#: The Vega-Lite schema the specs are written for (rendered by vl-convert's bundled v5/v6).
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"

#: Caption of the timeline chart.
TIMELINE_SOURCE = (
    "Source: tradewar ledger (sourced measures); headline all-goods rates, "
    "Section 301 product lists excluded."
)

#: Caption of the scenario charts.
SCENARIO_SOURCE = "Source: tradewar scenarios (general-equilibrium model, Ignatenko et al. 2025)."

#: What every scenario result is measured against.
SCENARIO_BASELINE = (
    "Change against the model's factual world (2023 trade, none of the 2025 measures), percent"
)

#: Colours of the two directions of the timeline (PIIE: US duties blue, China's red).
TIMELINE_COLOURS = ("#1f4e79", "#c0392b")

#: Kinds of event that get a label on the timeline; others get a faint rule only.
LABELLED_KINDS = frozenset({"agreement", "tariff"})

#: Talks that get a label although talks do not by default (the rounds that moved rates).
NOTABLE_TALKS = frozenset({"talks-kuala-lumpur-2025", "talks-beijing-summit-2026"})

#: A level gets a value label ("145%") when it holds at least this many days (so the
#: one-day 104% of 9 April 2025 does not crowd the 145% that replaced it).
MIN_LABELLED_DAYS = 21

#: Grey for countries without data.
NO_DATA_GREY = "#d9d9d9"

#: Largest economies shown in the welfare bar chart.
TOP_ECONOMIES = 15

#: Required columns of a tidy scenario table.
TIDY_COLUMNS = ("scenario", "iso3", "variable", "value", "unit")

_VARIABLE_TITLES = {name: item.noun for name, item in OUTCOMES.items()}


@dataclass(frozen=True)
class TimelineSeries:
    """One direction of a timeline: change points and the level from each one on.

    Attributes
    ----------
    label : str
        Legend entry, e.g. ``"US on China"``.
    steps : tuple of (date, float)
        Change points in date order; the level (percent) holds until the next point.
    details : tuple of str, optional
        Tooltip text per step (e.g. the programmes stacked), same length as ``steps``.
    """

    label: str
    steps: tuple[tuple[date, float], ...]
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class TimelineMarker:
    """A dated event to annotate: talks, an agreement, a threat."""

    on: date
    kind: str
    title: str
    key: str = ""


def short_label(title: str, width: int = 30) -> str:
    """A short label from an event title: before the first ``:`` or `` (``, at most ``width``.

    >>> short_label("Geneva truce: 24 points suspended for 90 days")
    'Geneva truce'
    >>> short_label("Busan deal (Trump–Xi): one-year truce")
    'Busan deal'
    """
    head = title.split(":")[0].split(" (")[0].strip()
    return head if len(head) <= width else head[: width - 1].rstrip() + "…"


def _steps_rows(series: Sequence[TimelineSeries], end: date) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for line in series:
        if not line.steps:
            continue
        for k, (on, rate) in enumerate(line.steps):
            rows.append(
                {
                    "date": on.isoformat(),
                    "series": line.label,
                    "rate": float(rate),
                    "detail": line.details[k] if k < len(line.details) else "",
                }
            )
        last_on, last_rate = line.steps[-1]
        if last_on < end:  # extend the last step to the end of the window
            rows.append(
                {
                    "date": end.isoformat(),
                    "series": line.label,
                    "rate": float(last_rate),
                    "detail": rows[-1]["detail"],
                }
            )
    return rows


def _level_rows(series: Sequence[TimelineSeries], end: date) -> list[dict[str, Any]]:
    """Value labels: each change of level that holds :data:`MIN_LABELLED_DAYS` or more.

    The opening level of a series is not labelled (it is the baseline, usually 0%).

    >>> line = TimelineSeries("US on China", ((date(2025, 1, 1), 0.0), (date(2025, 4, 9), 104.0),
    ...                                       (date(2025, 4, 10), 145.0)))
    >>> [(r["date"], r["label"]) for r in _level_rows([line], date(2025, 5, 14))]
    [('2025-04-10', '145%')]
    """
    rows: list[dict[str, Any]] = []
    for line in series:
        for k in range(1, len(line.steps)):
            on, rate = line.steps[k]
            until = line.steps[k + 1][0] if k + 1 < len(line.steps) else end
            if (until - on).days < MIN_LABELLED_DAYS or rate == line.steps[k - 1][1]:
                continue
            rows.append(
                {"date": on.isoformat(), "series": line.label, "rate": float(rate),
                 "label": f"{rate:g}%"}
            )  # fmt: skip
    return rows


def _event_rows(events: Sequence[TimelineMarker], top: float) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    labelled = 0
    for event in sorted(events, key=lambda e: (e.on, e.key)):
        show = event.kind in LABELLED_KINDS or event.key in NOTABLE_TALKS
        row: dict[str, Any] = {
            "date": event.on.isoformat(),
            "kind": event.kind,
            "title": event.title,
            "label": short_label(event.title) if show else "",
            "labelled": show,
            "label_y": None,
        }
        if show:  # three staggered rows of labels, so neighbours do not overlap
            row["label_y"] = top * (0.97 - 0.07 * (labelled % 3))
            labelled += 1
        rows.append(row)
    return rows


def timeline_spec(
    series: Sequence[TimelineSeries],
    events: Sequence[TimelineMarker],
    *,
    end: date,
    start: date | None = None,
    record_as_of: date | None = None,
    title: str = "US–China tariffs: additional duties on all goods",
    source: str = TIMELINE_SOURCE,
    width: int = 760,
    height: int = 380,
) -> dict[str, Any]:
    """A step chart of additional duties over time, with events as rules and labels.

    Parameters
    ----------
    series : sequence of TimelineSeries
        One per direction (e.g. US on China, China on US); rates in percent.
    events : sequence of TimelineMarker
        Talks, agreements and threats.  Agreements, threats and :data:`NOTABLE_TALKS` get
        a label (staggered over three rows); other talks get a faint dashed rule.
    end : date
        Last day shown; each series' last level is extended to it.
    start : date, optional
        First day shown (default: the earliest change point).
    record_as_of : date, optional
        The day the record was last checked. Later change points are what the record
        schedules (end dates of suspensions, expiries), not what was observed: that part of
        the window is shaded and labelled so.

    Returns
    -------
    dict
        A Vega-Lite layer spec; data in ``datasets["steps"]`` (``date``, ``series``,
        ``rate`` in percent), ``datasets["levels"]`` (value labels of the levels that hold
        :data:`MIN_LABELLED_DAYS` or more) and ``datasets["events"]``. Layers are named
        ``steps``, ``events``, ``event-labels``, ``level-labels`` and, with
        ``record_as_of`` inside the window, ``scheduled`` and ``scheduled-label``.

    Raises
    ------
    InvalidInput
        If no series has any point.
    """
    steps = _steps_rows(series, end)
    if not steps:
        raise InvalidInput("The timeline has no points; expected at least one change point.")
    first = start or min(date.fromisoformat(r["date"]) for r in steps)
    highest = max(r["rate"] for r in steps)
    top = max(10.0, math.ceil(highest * 1.12 / 10.0) * 10.0)
    event_rows = [
        r for r in _event_rows(events, top) if first.isoformat() <= r["date"] <= end.isoformat()
    ]
    colour_scale = {"domain": [s.label for s in series], "range": list(TIMELINE_COLOURS)}
    y_scale = {"domain": [0, top], "nice": False}
    return {
        "$schema": SCHEMA,
        "title": {
            "text": title,
            "subtitle": [
                "Headline additional tariff rate, by importer on exporter; "
                "the level holds until the next change",
                source,
            ],
            "anchor": "start",
        },
        "width": width,
        "height": height,
        "datasets": {"steps": steps, "levels": _level_rows(series, end), "events": event_rows},
        "data": {"name": "steps"},
        "config": {"view": {"stroke": None}},
        "layer": [
            *_scheduled_layers(record_as_of, first, end),
            _step_layer(_timeline_x(first, end), y_scale, colour_scale),
            _event_rule_layer(),
            _event_label_layer(y_scale),
            _level_label_layer(y_scale, colour_scale),
        ],
        "usermeta": {"caption": source,
                     "record_as_of": record_as_of.isoformat() if record_as_of else None},
    }  # fmt: skip


def _timeline_x(first: date, end: date) -> dict[str, Any]:
    """The date axis of the timeline, from ``first`` to ``end``, monthly ticks."""
    return {
        "field": "date",
        "type": "temporal",
        "title": None,
        "scale": {"domain": [first.isoformat(), end.isoformat()]},
        "axis": {"format": "%b %Y", "tickCount": "month", "labelAngle": -45, "grid": False},
    }


def _step_layer(
    x: dict[str, Any], y_scale: dict[str, Any], colour_scale: dict[str, Any]
) -> dict[str, Any]:
    """The duty of each direction as a step line (the level holds until the next change)."""
    return {
        "name": "steps",
        "mark": {"type": "line", "interpolate": "step-after", "strokeWidth": 2.5},
        "encoding": {
            "x": x,
            "y": {
                "field": "rate",
                "type": "quantitative",
                "title": "additional duty on all goods, %",
                "scale": y_scale,
            },
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": colour_scale,
                "legend": {"orient": "top-left", "direction": "vertical"},
            },
            "tooltip": [
                {"field": "series", "type": "nominal", "title": "direction"},
                {"field": "date", "type": "temporal", "title": "from"},
                {"field": "rate", "type": "quantitative", "title": "additional duty, %"},
                {"field": "detail", "type": "nominal", "title": "stack"},
            ],
        },
    }


def _event_rule_layer() -> dict[str, Any]:
    """A dashed rule per event; labelled events darker than the rest."""
    return {
        "name": "events",
        "data": {"name": "events"},
        "mark": {"type": "rule", "strokeDash": [3, 3]},
        "encoding": {
            "x": {"field": "date", "type": "temporal"},
            "color": {"value": "#7f7f7f"},
            "opacity": {"condition": {"test": "datum.labelled", "value": 0.9}, "value": 0.35},
            "tooltip": [
                {"field": "date", "type": "temporal", "title": "date"},
                {"field": "kind", "type": "nominal"},
                {"field": "title", "type": "nominal"},
            ],
        },
    }


def _event_label_layer(y_scale: dict[str, Any]) -> dict[str, Any]:
    """Short labels of the labelled events, on three staggered rows."""
    return {
        "name": "event-labels",
        "data": {"name": "events"},
        "transform": [{"filter": "datum.labelled"}],
        "mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 10, "color": "#333333"},
        "encoding": {
            "x": {"field": "date", "type": "temporal"},
            "y": {"field": "label_y", "type": "quantitative", "scale": y_scale},
            "text": {"field": "label", "type": "nominal"},
        },
    }


def _level_label_layer(y_scale: dict[str, Any], colour_scale: dict[str, Any]) -> dict[str, Any]:
    """Value labels ("145%") of the levels that last, in their series' colour."""
    return {
        "name": "level-labels",
        "data": {"name": "levels"},
        "mark": {"type": "text", "align": "left", "baseline": "bottom", "dx": 3,
                 "dy": -3, "fontSize": 11, "fontWeight": "bold"},
        "encoding": {
            "x": {"field": "date", "type": "temporal"},
            "y": {"field": "rate", "type": "quantitative", "scale": y_scale},
            "text": {"field": "label", "type": "nominal"},
            # The line layer's legend covers these labels (a second "legend": None on the
            # shared scale makes Vega-Lite warn of conflicting legend properties).
            "color": {"field": "series", "type": "nominal", "scale": colour_scale},
        },
    }  # fmt: skip


def _scheduled_layers(record_as_of: date | None, first: date, end: date) -> list[dict[str, Any]]:
    """A shaded band after ``record_as_of``, labelled: those steps are scheduled, not seen."""
    if record_as_of is None or not first < record_as_of < end:
        return []
    day = record_as_of.isoformat()
    band = [{"from": day, "to": end.isoformat(),
             "label": ["after the record date", f"({day}): scheduled changes"]}]  # fmt: skip
    return [
        {
            "name": "scheduled",
            "data": {"values": band},
            "mark": {"type": "rect", "color": "#000000", "opacity": 0.05},
            "encoding": {"x": {"field": "from", "type": "temporal"},
                         "x2": {"field": "to"}},
        },
        {
            "name": "scheduled-label",
            "data": {"values": band},
            "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 10,
                     "fontStyle": "italic", "color": "#555555", "y": {"expr": "height * 0.4"}},
            "encoding": {"x": {"field": "from", "type": "temporal"},
                         "text": {"field": "label"}},
        },
    ]  # fmt: skip


def _check_tidy(frame: pd.DataFrame) -> None:
    missing = [c for c in TIDY_COLUMNS if c not in frame.columns]
    if missing:
        raise InvalidInput(
            f"The table lacks column(s) {missing}; expected a tidy scenario table with "
            f"{list(TIDY_COLUMNS)} (see ScenarioRun.tidy())."
        )


def _pick(frame: pd.DataFrame, column: str, wanted: Sequence[str], what: str) -> None:
    present = list(dict.fromkeys(str(v) for v in frame[column]))
    unknown = [w for w in wanted if w not in present]
    if unknown:
        raise InvalidInput(
            f"Unknown {what}(s) {unknown}; expected some of {present}. "
            f"Check the spelling or run the scenario first."
        )


def _units(frame: pd.DataFrame) -> dict[str, str]:
    return {str(v): str(u) for v, u in zip(frame["variable"], frame["unit"], strict=True)}


def _axis_title(variable: str, unit: str) -> str:
    name = _VARIABLE_TITLES.get(variable, variable)
    return f"{name} change, %" if unit == "percent change" else f"{name}, {unit}"


def _is_group(frame: pd.DataFrame) -> list[bool]:
    if "is_group" in frame.columns:
        return [bool(v) for v in frame["is_group"]]
    return [False] * len(frame)


def colour_extent(values: Sequence[float], quantile: float = 0.95) -> float:
    """Half-width of a symmetric colour domain: the ``quantile`` of ``|value|`` (percent).

    A few small economies move by 10–20% in some scenarios; scaling the colours to them
    would wash out everyone else, so the scale is clamped at the 95th percentile.

    >>> colour_extent([0.1, -0.2, 0.3, 20.0], quantile=0.75)
    0.3
    >>> colour_extent([])
    1.0
    """
    magnitudes = sorted(abs(v) for v in values if not math.isnan(v))
    if not magnitudes:
        return 1.0
    pick = magnitudes[min(len(magnitudes) - 1, math.ceil(quantile * len(magnitudes)) - 1)]
    return pick if pick > 0 else (magnitudes[-1] or 1.0)


def welfare_spec(
    frame: pd.DataFrame,
    topology: Mapping[str, Any],
    id_to_iso3: Mapping[str, str],
    *,
    variable: str = "welfare",
    scenario: str | None = None,
    weights: Mapping[str, float] | None = None,
    countries: Sequence[str] = (),
    top: int = TOP_ECONOMIES,
    title: str | None = None,
    source: str = SCENARIO_SOURCE,
    width: int = 760,
) -> dict[str, Any]:
    """A world choropleth of one variable by country, over a bar chart of large economies.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy scenario results (``scenario, iso3, is_group, variable, value, unit``); values
        in percent change.
    topology : dict
        The world TopoJSON (:func:`tradewar.charts.geo.world_topology`), inlined in the spec.
    id_to_iso3 : dict of str to str
        Numeric feature id to ISO3 (:func:`tradewar.charts.geo.numeric_to_iso3`); the map
        looks features up by ISO3 through it.
    variable : str
        Which variable to draw (default ``welfare``).
    scenario : str, optional
        Which scenario, if the table holds several (required then).
    weights : dict of str to float, optional
        Economic size by ISO3 (e.g. GDP); the bars show the ``top`` largest countries.
        Without weights the bars show the groups plus ``countries``.
    countries : sequence of str
        ISO3 codes always shown in the bar chart.
    top : int
        How many of the largest economies the bars show when ``weights`` are given.

    Returns
    -------
    dict
        A Vega-Lite ``vconcat`` of the map and the bars, colour scale shared (diverging,
        centred on zero, clamped at :func:`colour_extent`, legend "<variable> change, %");
        countries without data are grey.

    Raises
    ------
    InvalidInput
        If columns, the variable or the scenario are missing, or several scenarios are
        present and none is chosen.
    """
    scenario, unit, values = _scenario_values(frame, variable, scenario)
    bars, bars_title = _bar_rows(values, weights, countries, top)
    legend_title = _axis_title(variable, unit)
    extent = colour_extent([r["value"] for r in values])
    colour = _diverging_colour(legend_title, extent, OUTCOMES.get(variable))
    lookup_ids = [{"id": k, "iso3": v} for k, v in sorted(id_to_iso3.items())]
    heading = title or f"{_VARIABLE_TITLES.get(variable, variable).capitalize()} by country: "
    heading = heading if title else heading + scenario
    return {
        "$schema": SCHEMA,
        "title": {"text": heading, "subtitle": [SCENARIO_BASELINE, source], "anchor": "start"},
        "datasets": {"values": values, "bars": bars, "ids": lookup_ids},
        "config": {"view": {"stroke": None}},
        "vconcat": [
            _map_view(topology, colour, legend_title, width),
            _bar_view(bars_title, colour, legend_title, width),
        ],
        "resolve": {"scale": {"color": "shared"}},
    }


def _scenario_values(
    frame: pd.DataFrame, variable: str, scenario: str | None
) -> tuple[str, str, list[dict[str, Any]]]:
    """The chosen scenario, the variable's unit, and its rows ``{iso3, value, is_group}``."""
    _check_tidy(frame)
    _pick(frame, "variable", [variable], "variable")
    names = list(dict.fromkeys(str(s) for s in frame["scenario"]))
    if scenario is None:
        if len(names) != 1:
            raise InvalidInput(
                f"The table holds {len(names)} scenarios {names}; choose one with scenario=."
            )
        scenario = names[0]
    _pick(frame, "scenario", [scenario], "scenario")
    rows = frame[(frame["variable"] == variable) & (frame["scenario"] == scenario)]
    values: list[dict[str, Any]] = [
        {"iso3": str(i), "value": float(v), "is_group": g}
        for i, v, g in zip(rows["iso3"], rows["value"], _is_group(rows), strict=True)
        if not math.isnan(float(v))
    ]
    return scenario, str(rows["unit"].iloc[0]), values


def _bar_rows(
    values: list[dict[str, Any]],
    weights: Mapping[str, float] | None,
    countries: Sequence[str],
    top: int,
) -> tuple[list[dict[str, Any]], str]:
    """The bars' rows and title: the ``top`` largest economies (by ``weights``) and the
    chosen ``countries``, or, without weights, the groups and the chosen countries."""
    by_code: dict[str, dict[str, Any]] = {r["iso3"]: r for r in values if not r["is_group"]}
    if not weights:
        groups = [r for r in values if r["is_group"]]
        chosen_rows = [by_code[c] for c in countries if c in by_code]
        return groups + chosen_rows, "Groups and chosen countries"
    size = dict(weights)
    ranked = sorted((c for c in by_code if c in size), key=lambda c: -float(size[c]))[:top]
    chosen = ranked + [c for c in countries if c in by_code and c not in ranked]
    title = f"The {len(ranked)} largest economies" + (
        " and chosen countries" if len(chosen) > len(ranked) else ""
    )
    return [by_code[c] for c in chosen], title


def _diverging_colour(legend_title: str, extent: float, outcome: Outcome | None) -> dict[str, Any]:
    """A colour encoding centred on zero, clamped at ``±extent`` (percent).

    Blue is good news and red bad news for the country, whichever the sign: a rise in welfare
    is blue, a rise in consumer prices red.  Variables that are neither good nor bad (trade
    shares, the deficit) use a purple–orange scale that carries no such judgement.
    """
    scale: dict[str, Any] = {"scheme": "redblue", "domainMid": 0, "domain": [-extent, extent],
                             "clamp": True}  # fmt: skip
    reading = "blue: good for the country, red: bad"
    if outcome is None or outcome.higher_is_better is None:
        scale["scheme"], reading = "purpleorange", "neither good nor bad in itself"
    elif not outcome.higher_is_better:
        scale["reverse"] = True
    return {
        "field": "value",
        "type": "quantitative",
        "title": legend_title,
        "scale": scale,
        "legend": {
            "orient": "bottom",
            "gradientLength": 300,
            "titleLimit": 600,
            "title": [
                legend_title,
                f"colours capped at ±{extent:.2g} (95th percentile of |change|); {reading}",
            ],
        },
    }


def _map_view(
    topology: Mapping[str, Any], colour: dict[str, Any], legend_title: str, width: int
) -> dict[str, Any]:
    """The world map: countries joined to the values by ISO3, grey where there is none."""
    return {
        "width": width,
        "height": int(width * 0.5),
        "projection": {"type": "equalEarth"},
        "data": {"values": dict(topology),
                 "format": {"type": "topojson", "feature": "countries"}},
        "transform": [
            {"lookup": "id", "from": {"data": {"name": "ids"}, "key": "id",
                                      "fields": ["iso3"]}},
            {"lookup": "iso3", "from": {"data": {"name": "values"}, "key": "iso3",
                                        "fields": ["value"]}},
        ],
        "layer": [
            {"mark": {"type": "geoshape", "fill": NO_DATA_GREY, "stroke": "white",
                      "strokeWidth": 0.4}},
            {
                "transform": [{"filter": "isValid(datum.value)"}],
                "mark": {"type": "geoshape", "stroke": "white", "strokeWidth": 0.4},
                "encoding": {
                    "color": colour,
                    "tooltip": [
                        {"field": "properties.name", "type": "nominal", "title": "country"},
                        {"field": "iso3", "type": "nominal"},
                        {"field": "value", "type": "quantitative", "title": legend_title,
                         "format": ".2f"},
                    ],
                },
            },
        ],
    }  # fmt: skip


def _bar_view(
    bars_title: str, colour: dict[str, Any], legend_title: str, width: int
) -> dict[str, Any]:
    """Horizontal bars of the chosen rows, sorted by value, in the map's colours."""
    return {
        "title": {"text": bars_title, "fontSize": 12, "anchor": "start"},
        "width": width - 120,
        "height": {"step": 16},
        "data": {"name": "bars"},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "iso3", "type": "nominal", "title": None,
                  "sort": {"field": "value", "order": "descending"}},
            "x": {"field": "value", "type": "quantitative", "title": legend_title},
            "color": colour,  # the map's legend; "legend": None here conflicts with it
            "tooltip": [{"field": "iso3", "type": "nominal"},
                        {"field": "value", "type": "quantitative", "format": ".3f"}],
        },
    }  # fmt: skip


def compare_spec(
    frame: pd.DataFrame,
    *,
    variables: Sequence[str] = ("welfare", "real_wage", "prices"),
    countries: Sequence[str] | None = None,
    title: str = "Scenario comparison",
    source: str = SCENARIO_SOURCE,
    width: int = 220,
) -> dict[str, Any]:
    """Grouped bars: one panel per variable, countries on the x axis, a bar per scenario.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results of one or more scenarios (``ScenarioService.compare``).
    variables : sequence of str
        Variables to show, one panel each (units in the panel titles).
    countries : sequence of str, optional
        ISO3 codes or group names, in display order (default: all rows, in table order).

    Returns
    -------
    dict
        A Vega-Lite ``facet`` spec (column = variable, x = country, xOffset = scenario).

    Raises
    ------
    InvalidInput
        If columns, variables or countries are missing from the table.
    """
    _check_tidy(frame)
    _pick(frame, "variable", list(variables), "variable")
    if countries is not None:
        _pick(frame, "iso3", list(countries), "country or group")
    units = _units(frame)
    order = (
        list(countries)
        if countries is not None
        else list(dict.fromkeys(str(c) for c in frame["iso3"]))
    )
    scenarios = list(dict.fromkeys(str(s) for s in frame["scenario"]))
    keep = frame[frame["variable"].isin(list(variables)) & frame["iso3"].isin(order)]
    keep = keep.drop_duplicates(["scenario", "iso3", "variable"])  # USA: group and country
    rows = [
        {
            "scenario": str(s),
            "iso3": str(i),
            "variable": str(v),
            "panel": _axis_title(str(v), units[str(v)]),
            "value": float(x),
        }
        for s, i, v, x in zip(
            keep["scenario"], keep["iso3"], keep["variable"], keep["value"], strict=True
        )
    ]
    panels = [_axis_title(v, units[v]) for v in variables]
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "subtitle": [SCENARIO_BASELINE, source], "anchor": "start"},
        "data": {"values": rows},
        "facet": {"column": {"field": "panel", "type": "nominal", "title": None,
                             "sort": panels, "header": {"labelFontSize": 12}}},
        "spec": {
            "width": width,
            "height": 260,
            "layer": [
                {
                    "mark": {"type": "bar"},
                    "encoding": {
                        "x": {"field": "iso3", "type": "nominal", "sort": order,
                              "title": "country or group", "axis": {"labelAngle": 0}},
                        "xOffset": {"field": "scenario", "type": "nominal", "sort": scenarios},
                        "y": {"field": "value", "type": "quantitative",
                              "title": "change, % (tariff revenue: share of expenditure)"
                              if "revenue_share" in variables else "change, %"},
                        "color": {"field": "scenario", "type": "nominal", "sort": scenarios,
                                  "title": "scenario", "legend": {"orient": "top"}},
                        "tooltip": [
                            {"field": "scenario", "type": "nominal"},
                            {"field": "iso3", "type": "nominal", "title": "country"},
                            {"field": "panel", "type": "nominal", "title": "variable"},
                            {"field": "value", "type": "quantitative", "format": ".3f"},
                        ],
                    },
                },
                {"mark": {"type": "rule", "color": "#555555"}, "encoding": {"y": {"datum": 0}}},
            ],
        },
        "resolve": {"scale": {"y": "independent"}},
    }  # fmt: skip


def _example_frame() -> pd.DataFrame:
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    return pd.DataFrame(
        {
            "scenario": ["a", "a"],
            "iso3": ["USA", "CHN"],
            "is_group": [False, False],
            "variable": ["welfare", "welfare"],
            "value": [-0.5, -1.0],
            "unit": ["percent change", "percent change"],
        }
    )
