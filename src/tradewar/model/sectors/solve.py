"""Solve the LL2023 equilibrium with the project's damped Newton method (analytic Jacobian).

Also the authors' data steps that are themselves equilibrium solves: balancing trade
(``f_Balance_Data_*``: the flows of a world with the same tariffs and no deficits) and the
aggregation of regions into blocs (``AggC`` in ``f_Read_Raw_Data_T4``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tradewar.errors import ConvergenceError, InvalidInput
from tradewar.model.sectors.data import Entry, RawCube, SectoralWorld
from tradewar.model.sectors.equations import (
    Instruments,
    SectoralState,
    SectoralSystem,
)
from tradewar.model.solve import (
    SolveReport,
    SolverOptions,
    _backtrack,
    _blas_threads,
    _failure,
    newton,
)
from tradewar.types import FloatArray

#: Newton settings of the sectoral solves: residual rows are fractions of Y_i.
SECTORAL_OPTIONS = SolverOptions(tolerance=1e-10, max_iterations=60)


@dataclass(frozen=True)
class SectoralEquilibrium:
    """A solved counterfactual: the instruments, the state and solver diagnostics."""

    world: SectoralWorld
    instruments: Instruments
    state: SectoralState
    log_hats: FloatArray
    iterations: int
    max_residual: float

    def welfare_gain(self, region: int) -> float:
        """``100 (Ŵ_i − 1)``: percent welfare change of one region (the paper's measure)."""
        return float(100.0 * (self.state.welfare_hat[region] - 1.0))


def solve_sectoral(
    world: SectoralWorld,
    instruments: Instruments,
    options: SolverOptions | None = None,
    *,
    initial_guess: FloatArray | None = None,
) -> SectoralEquilibrium:
    """Solve the equilibrium of ``instruments`` from the factual ``world``.

    Raises
    ------
    tradewar.errors.ConvergenceError
        If Newton does not converge (diagnostics name the worst equation).
    tradewar.errors.InvalidInput
        If the instruments do not fit the world.

    Examples
    --------
    >>> from tradewar.model.sectors.toy import toy_sectoral_world
    >>> world = toy_sectoral_world()
    >>> result = solve_sectoral(world, Instruments.factual(world))
    >>> bool(np.allclose(result.state.welfare_hat, 1.0))
    True
    """
    options = options or SECTORAL_OPTIONS
    system = SectoralSystem(world, instruments)
    z0 = np.zeros(system.size) if initial_guess is None else np.asarray(initial_guess, float)
    if z0.shape != (system.size,):
        raise InvalidInput(f"initial_guess has shape {z0.shape}; expected ({system.size},).")
    with _blas_threads(options.single_threaded_blas):
        if system.free_entry:
            z, report = block_newton(system, z0, options)
        else:
            z, report = newton(system, z0, options)
    return SectoralEquilibrium(
        world, instruments, system.state(z), z, report.iterations, report.max_residual
    )


def _block_solve(system: SectoralSystem, jacobian: FloatArray, residual: FloatArray) -> FloatArray:
    """Newton step of the free-entry system by its block structure (a Schur complement).

    Rows: labour markets (S·N), then income and industry shares (2N).  Columns: ``log ŵ,
    log Ŷ`` (2N), then ``log r̂`` (S·N).  The labour-market rows depend on ``r̂`` of their own
    industry only, so that block is S diagonal N×N blocks: it is inverted block by block,
    and only a 2N×2N system remains (instead of a dense (2N+SN)² factorisation).
    """
    n, count = system.size_n, system.count
    markets = count * n
    blocks = np.stack(
        [jacobian[k * n : (k + 1) * n, 2 * n + k * n : 2 * n + (k + 1) * n] for k in range(count)]
    )
    market_by_u = jacobian[:markets, : 2 * n].reshape(count, n, 2 * n)
    rhs = np.concatenate([-residual[:markets].reshape(count, n, 1), market_by_u], axis=2)
    solved = np.linalg.solve(blocks, rhs)  # A⁻¹[−F_M | B], per industry
    particular, by_u = solved[:, :, 0].reshape(markets), solved[:, :, 1:].reshape(markets, 2 * n)
    others_by_c, others_by_u = jacobian[markets:, 2 * n :], jacobian[markets:, : 2 * n]
    schur = others_by_u - others_by_c @ by_u
    step_u = np.linalg.solve(schur, -residual[markets:] - others_by_c @ particular)
    step_c = particular - by_u @ step_u
    return np.concatenate([step_u, step_c])


def block_newton(
    system: SectoralSystem, z0: FloatArray, options: SolverOptions
) -> tuple[FloatArray, SolveReport]:
    """Damped Newton (backtracking on max |F|) with the block step of :func:`_block_solve`.

    Raises
    ------
    tradewar.errors.ConvergenceError
        If max |F| is not below the tolerance after ``options.max_iterations``.
    """
    z = np.array(z0, dtype=np.float64)
    with np.errstate(all="ignore"):
        residual = system.residual(z)
    norm = float(np.max(np.abs(residual)))
    history = [norm]
    evaluations = 0
    for iteration in range(1, options.max_iterations + 1):
        if norm < options.tolerance:
            return z, SolveReport(iteration - 1, evaluations, norm)
        if not np.isfinite(norm):
            break
        with np.errstate(all="ignore"):
            residual, jacobian = system.residual_and_jacobian(z)
        evaluations += 1
        try:
            step = _block_solve(system, jacobian, residual)
        except np.linalg.LinAlgError as error:
            raise ConvergenceError(
                f"The free-entry Newton step is singular ({error}) at max |residual| {norm:.3g}.",
                {"iterations": iteration, "max_residual": norm, "residual_history": history},
            ) from error
        z, residual, norm = _backtrack(system, z, step, norm)
        history.append(norm)
    if norm < options.tolerance:
        return z, SolveReport(options.max_iterations, evaluations, norm)
    raise _failure(system, residual, norm, history, options)


def balanced_world(cube: RawCube, entry: Entry, label: str = "LL2023 (balanced)") -> SectoralWorld:
    """The authors' trade balancing: re-solve the data with the same tariffs and no deficits.

    ``f_Balance_Data_RE/FE`` add 1 (million USD) to every flow, read national income from
    spending (``Y``) and factor income from sales (``R``, which differ by the deficit), and
    solve the model with unchanged tariffs where income must equal spending; the balanced
    flows are the counterfactual ``X'``.  Under free entry the balancing treats every
    industry as restricted with ``μ = 0`` (industry shares are free to move only through
    wages), as in ``BT_FE``.
    """
    flows = cube.flows + 1.0
    balancing_mu = (
        cube.scale_elasticity if entry is Entry.restricted else np.zeros_like(cube.scale_elasticity)
    )
    unbalanced = SectoralWorld(
        regions=cube.regions,
        industries=cube.industries,
        flows=flows,
        tariffs=cube.tariffs,
        trade_elasticity=cube.trade_elasticity,
        scale_elasticity=balancing_mu,
        entry=Entry.restricted,
        label=label,
    )
    result = solve_sectoral(unbalanced, Instruments.factual(unbalanced))
    return SectoralWorld(
        regions=cube.regions,
        industries=cube.industries,
        flows=result.state.new_flows,
        tariffs=cube.tariffs,
        trade_elasticity=cube.trade_elasticity,
        scale_elasticity=cube.scale_elasticity,
        entry=entry,
        label=label,
    )


def aggregate_regions(
    cube: RawCube, groups: Sequence[Sequence[int]], names: Sequence[str]
) -> RawCube:
    """Merge regions into blocs (the authors' ``AggC``): flows add up; tariffs are the
    simple average over the member pairs, and a bloc's internal tariff is zero."""
    if len(groups) != len(names):
        raise InvalidInput("aggregate_regions: one name per group expected.")
    size = len(cube.regions)
    membership = np.zeros((len(groups), size))
    for row, members in enumerate(groups):
        membership[row, list(members)] = 1.0
    if not np.allclose(membership.sum(axis=0), 1.0):
        raise InvalidInput("aggregate_regions: every region must belong to exactly one group.")
    flows = np.einsum("aj,kji,bi->kab", membership, cube.flows, membership)
    pair_counts = membership.sum(axis=1)[:, None] * membership.sum(axis=1)[None, :]
    tariffs = np.einsum("aj,kji,bi->kab", membership, cube.tariffs, membership) / pair_counts
    own = np.arange(len(groups))
    tariffs[:, own, own] = 0.0
    return RawCube(
        regions=tuple(names),
        industries=cube.industries,
        flows=flows,
        tariffs=tariffs,
        trade_elasticity=cube.trade_elasticity,
        scale_elasticity=cube.scale_elasticity,
    )


def home_and_rest(cube: RawCube, home: int) -> RawCube:
    """Two blocs, the rest of the world first and ``home`` second (the authors' order)."""
    others = [r for r in range(len(cube.regions)) if r != home]
    return aggregate_regions(cube, [others, [home]], ["rest of world", cube.regions[home]])
