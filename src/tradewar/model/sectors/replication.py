"""Regenerate Table 4 of Lashkaripour & Lugovskyy (2023): the gains from unilateral policy.

For each of the 43 countries: the welfare gain (percent) of its 1st-best policy (trade
taxes plus production subsidies), its 2nd-best trade taxes (import tariffs and export
taxes), its 3rd-best import tariffs, and the post-retaliation outcome (every country sets
the optimal export tax, the home country also its subsidies), under restricted entry and
under free entry, with the simple average over the 43 countries (``table_4.m``).

Restricted entry uses the authors' calibrated data (``Tab4_Data_RE.mat``, 44 regions).
Free entry follows ``table_4.m`` too: the 1st best on the 44-region data (on a two-bloc
world, home against the rest, for CYP and RUS), the 2nd and 3rd best and retaliation on the
two-bloc world of each country (``AggC``), balanced again by the authors' rule.

The table takes 25-40 s in all, so :func:`table4` may report its progress through an optional
``progress(done, total)`` callback (:data:`tradewar.strategy.nash.Progress`): one step per
country, both entry modes of its row (a step per cell would be uneven: the free-entry 2nd and
3rd best are one constrained maximisation taking about 0.6 s, most of a country's 0.5-1.4 s,
while a restricted-entry cell takes about 0.03 s).  It changes no result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from tradewar.errors import ConvergenceError, DataUnavailable
from tradewar.model.replication import Panel, PanelRow, Table
from tradewar.model.sectors.data import (
    CITATION,
    Entry,
    RawCube,
    SectoralWorld,
    load_raw_cube,
    load_reference_table4,
    load_table4_world,
)
from tradewar.model.sectors.policy import (
    PolicyKind,
    first_best_free_entry_instruments,
    optimal_policy,
    retaliation_instruments,
)
from tradewar.model.sectors.solve import balanced_world, home_and_rest, solve_sectoral
from tradewar.types import FloatArray

if TYPE_CHECKING:  # the type only: the model does not import the strategy layer
    from tradewar.strategy.nash import Progress

TABLE4_COLUMNS: tuple[str, ...] = tuple(kind.value for kind in PolicyKind)
AVERAGE = "Average"
#: Countries whose free-entry 1st best the authors solve on the two-bloc world.
FREE_ENTRY_TWO_BLOC_FIRST_BEST = ("CYP", "RUS")
#: Half a printed unit of Table 4 (printed to 0.01 percentage points).
PRINTED_HALF_UNIT = 0.005


@dataclass(frozen=True)
class Table4:
    """Table 4 values: (43, 4) percent gains per entry mode, with notes on each cell."""

    countries: tuple[str, ...]
    restricted: FloatArray
    free: FloatArray
    notes: tuple[str, ...]

    def to_table(self) -> Table:
        """The project's table structure (same JSON shape as the other replications)."""
        panels = tuple(
            Panel(
                title=f"{name} entry",
                columns=TABLE4_COLUMNS,
                rows=_rows(self.countries, values),
                decimals=(2, 2, 2, 2),
            )
            for name, values in (("Restricted", self.restricted), ("Free", self.free))
        )
        return Table(
            number=4,
            caption=(
                "Gains from unilateral trade and industrial policy, % welfare change"
                " (Lashkaripour & Lugovskyy 2023, AER, Table 4)"
            ),
            panels=panels,
            notes=self.notes,
        )


def _rows(countries: Sequence[str], values: FloatArray) -> tuple[PanelRow, ...]:
    rows = [
        PanelRow(code, tuple(float(v) for v in row))
        for code, row in zip(countries, values, strict=True)
    ]
    rows.append(PanelRow(AVERAGE, tuple(float(v) for v in np.nanmean(values, axis=0))))
    return tuple(rows)


def restricted_entry_columns(
    world: SectoralWorld, homes: Sequence[int]
) -> tuple[FloatArray, list[FloatArray]]:
    """Welfare gains (percent) of the four policies for each home, restricted entry, and
    the log hats of each home's 1st-best equilibrium (the free-entry starting point)."""
    rows = [restricted_entry_row(world, home) for home in homes]
    values = np.array([gains for gains, _ in rows]).reshape(len(homes), len(PolicyKind))
    return values, [hats for _, hats in rows]


def restricted_entry_row(world: SectoralWorld, home: int) -> tuple[FloatArray, FloatArray]:
    """One home's row of :func:`restricted_entry_columns`: the four gains (percent) and the
    log hats of its 1st-best equilibrium."""
    values = np.empty(len(PolicyKind))
    first_best_hats = np.empty(0)
    for column, kind in enumerate(PolicyKind):
        policy = optimal_policy(world, home, kind)
        values[column] = policy.welfare_gain
        if kind is PolicyKind.first_best:
            first_best_hats = policy.equilibrium.log_hats
    return values, first_best_hats


#: The authors' free-entry starting value of the industry labour shares r̂ (table_4.m).
FREE_ENTRY_START_LABOUR_HAT = 1.1


def free_entry_first_best(
    world: SectoralWorld, home: int, restricted_first_best: FloatArray | None
) -> float:
    """Free-entry 1st best from the authors' start: wages and incomes of the restricted-entry
    1st best (when the worlds match), ``r̂ = 1.1``.  Free entry has several equilibria (an
    industry can vanish, ``r̂ → 0``); the start selects the one the table reports."""
    count = len(world.industries)
    start = np.zeros(2 * world.size) if restricted_first_best is None else restricted_first_best
    guess = np.concatenate(
        [start, np.full(count * world.size, np.log(FREE_ENTRY_START_LABOUR_HAT))]
    )
    equilibrium = solve_sectoral(
        world, first_best_free_entry_instruments(world, home), initial_guess=guess
    )
    return equilibrium.welfare_gain(home)


def _retaliation_gain(world: SectoralWorld) -> float:
    """Home (bloc 1) after every region sets optimal export taxes, free entry."""
    return solve_sectoral(world, retaliation_instruments(world, 1)).welfare_gain(1)


def free_entry_row(
    world: SectoralWorld, cube: RawCube, home: int, restricted_first_best: FloatArray
) -> tuple[FloatArray, list[str]]:
    """One home's free-entry row: four gains (percent, NaN where a cell fails to solve) and
    a note for each failure.  ``restricted_first_best`` is the log hats of the home's
    restricted-entry 1st best (the authors' starting point)."""
    from tradewar.model.sectors.mpec import second_and_third_best_free_entry

    values = np.full(len(PolicyKind), np.nan)
    failures: list[str] = []
    code = world.regions[home]
    two_bloc = balanced_world(home_and_rest(cube, home), Entry.free, label=f"{code} vs rest")
    if code in FREE_ENTRY_TWO_BLOC_FIRST_BEST:
        first_best = partial(free_entry_first_best, two_bloc, 1, None)
    else:
        first_best = partial(free_entry_first_best, world, home, restricted_first_best)
    cells: dict[int, Callable[[], float]] = {
        0: first_best,
        3: partial(_retaliation_gain, two_bloc),
    }
    for column, compute in cells.items():
        try:
            values[column] = compute()
        except ConvergenceError as error:
            failures.append(f"{code} {TABLE4_COLUMNS[column]}: {error}")
    try:
        values[1], values[2] = second_and_third_best_free_entry(two_bloc)
    except ConvergenceError as error:
        failures.append(f"{code} 2nd/3rd best: {error}")
    return values, failures


def table4(
    data_dir: Path, countries: Sequence[str] | None = None, progress: Progress | None = None
) -> Table4:
    """Compute Table 4 (all 43 countries by default; a subset for quick looks).

    ``progress`` is called with (countries done, countries in all) after each country's
    restricted- and free-entry rows: ``(1, 43)``, ``(2, 43)``, … ``(43, 43)``.
    """
    restricted = load_table4_world(data_dir, Entry.restricted)
    free = load_table4_world(data_dir, Entry.free)
    cube = load_raw_cube(data_dir)
    codes = tuple(countries) if countries else restricted.regions[:-1]
    homes = [restricted.index_of(code) for code in codes]
    with threadpool_limits(limits=1, user_api="blas"):  # small dense algebra: threads hurt
        restricted_values, free_values, failures = table4_rows(
            restricted, free, cube, homes, progress
        )
    notes = [
        f"Data: {CITATION}",
        "Restricted entry: the authors' calibrated 44-region data; each cell is the fixed"
        " point of the optimal-tax formulas of their code (Theorem 1), solved to 1e-10.",
        "Free entry follows table_4.m: 1st best on the 44-region data (two blocs, home and"
        " the rest, for CYP and RUS), 2nd/3rd best and retaliation on the two-bloc world;"
        " the 2nd/3rd best are welfare maxima over bounded taxes as in the authors' fmincon"
        " (see docs/models/ll2023.md). The published free-entry columns are not in the"
        " project's reference file, so these cells are computed, not checked.",
        "Free-entry retaliation for AUS: table_4.m sets home_id = 1 (the rest-of-world bloc)"
        " when country_id = 1; here the home bloc is AUS itself.",
    ]
    notes.extend(f"not computed: {failure}" for failure in failures)
    notes.extend(_free_entry_warnings(codes, free_values))
    notes.append(_reference_check(data_dir, codes, restricted_values))
    if countries:
        notes.append(f"Average over the {len(codes)} countries shown, not the paper's 43.")
    return Table4(codes, restricted_values, free_values, tuple(notes))


def table4_rows(
    restricted: SectoralWorld,
    free: SectoralWorld,
    cube: RawCube,
    homes: Sequence[int],
    progress: Progress | None = None,
) -> tuple[FloatArray, FloatArray, list[str]]:
    """The restricted- and free-entry gains (percent, one row per home) and the notes on the
    free-entry cells that failed, computed one country at a time (its restricted-entry 1st
    best is its free-entry starting point) so that ``progress`` counts countries."""
    restricted_values = np.empty((len(homes), len(PolicyKind)))
    free_values = np.empty((len(homes), len(PolicyKind)))
    failures: list[str] = []
    for row, home in enumerate(homes):
        restricted_values[row], first_best_hats = restricted_entry_row(restricted, home)
        free_values[row], row_failures = free_entry_row(free, cube, home, first_best_hats)
        failures.extend(row_failures)
        if progress is not None:
            progress(row + 1, len(homes))
    return restricted_values, free_values, failures


def _free_entry_warnings(codes: Sequence[str], values: FloatArray) -> list[str]:
    """Name the free-entry rows where the 1st best gains less than the 2nd best."""
    odd = [code for code, row in zip(codes, values, strict=True) if row[0] < row[1]]
    if not odd:
        return []
    return [
        "Free entry, 1st best below 2nd best for " + ", ".join(odd) + ": the authors'"
        " free-entry 1st best is not an optimisation but their formula policy (home export"
        " tax 1/(σ−1), subsidy 1/(1+μ), and every tariff in the world set to zero) solved"
        " from their starting point; with scale economies free entry has several equilibria"
        " (industries can vanish, r̂ → 0) and the one reached can be worse for home."
    ]


def _reference_check(data_dir: Path, codes: Sequence[str], values: FloatArray) -> str:
    """A sentence on how the restricted-entry cells compare with the published ones."""
    try:
        reference = load_reference_table4(data_dir)
    except DataUnavailable:
        return "Published restricted-entry columns not found; cells not checked."
    published = reference.loc[list(codes)].to_numpy(dtype=float)
    gaps = np.abs(values - published)
    outside = [
        f"{code} {TABLE4_COLUMNS[column]}"
        f" ({values[row, column]:.3f} vs {published[row, column]:.2f})"
        for row, code in enumerate(codes)
        for column in range(values.shape[1])
        if gaps[row, column] > PRINTED_HALF_UNIT
    ]
    checked = f"{gaps.size} restricted-entry cells checked against the published Table 4"
    if not outside:
        return f"{checked}: all within half a printed unit (max gap {gaps.max():.4f})."
    return f"{checked}: {len(outside)} outside half a printed unit: " + "; ".join(outside) + "."
