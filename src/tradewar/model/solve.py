"""Damped Newton solver for the counterfactual systems (ge-model §11).

Unknowns are logs of hats, so they stay positive without ``abs`` tricks; the Jacobian is
analytic (:mod:`tradewar.model.equations`).  A solve that does not converge raises
:class:`tradewar.errors.ConvergenceError` carrying its diagnostics; it never returns silently.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np
import scipy.linalg
from numpy.typing import NDArray
from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

from tradewar.cancellation import check_cancelled
from tradewar.errors import ConvergenceError, InvalidInput
from tradewar.model.calibration import World
from tradewar.model.equations import BaselineSystem, InputOutputSystem
from tradewar.model.policy import Policy
from tradewar.model.results import Equilibrium, outcomes_from_state
from tradewar.types import FloatArray

logger = logging.getLogger(__name__)

_GETRF, _GETRS = scipy.linalg.lapack.dgetrf, scipy.linalg.lapack.dgetrs


class EquilibriumSystem(Protocol):
    """What the Newton solver needs from a system of equations in logs."""

    size: int

    @property
    def equation_labels(self) -> tuple[str, ...]:
        """One name per residual row (an attribute or a lazily computed property)."""
        ...

    def residual(self, z: FloatArray) -> FloatArray:
        """Residual at ``z``."""
        ...

    def residual_and_jacobian(self, z: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Residual and Jacobian at ``z``."""
        ...


@dataclass(frozen=True)
class SolverOptions:
    """Settings of the Newton solve.

    Attributes
    ----------
    tolerance : float
        Convergence when max |residual| is below this; residual rows are scaled by each
        country's expenditure, so 1e-11 means 1e-11 of E_i.
    max_iterations : int
        Newton iterations before giving up.
    reuse_jacobian_below : float
        Once max |residual| falls below this, keep the last LU factorisation and take
        chord steps instead of evaluating new Jacobians.
    single_threaded_blas : bool
        Limit BLAS to one thread during the solve; faster and steadier for N ≈ 200 on
        small machines (ge-model §11).
    """

    tolerance: float = 1e-11
    max_iterations: int = 50
    reuse_jacobian_below: float = 1e-1
    single_threaded_blas: bool = True

    def __post_init__(self) -> None:
        if not self.tolerance > 0:
            raise InvalidInput(f"tolerance is {self.tolerance!r}; expected a positive number.")
        if self.max_iterations < 1:
            raise InvalidInput(
                f"max_iterations is {self.max_iterations!r}; expected an integer >= 1."
            )


@dataclass(frozen=True)
class SolveReport:
    """Diagnostics of a converged solve."""

    iterations: int
    jacobian_evaluations: int
    max_residual: float


@lru_cache(maxsize=1)
def _blas_controller() -> ThreadpoolController:
    return ThreadpoolController()


@contextmanager
def _blas_threads(single_threaded: bool) -> Iterator[None]:
    if not single_threaded or _blas_single_threaded_already():
        yield
        return
    with _blas_controller().limit(limits=1, user_api="blas"):
        yield


def _blas_single_threaded_already() -> bool:
    """Every BLAS runs one thread already (an enclosing limit): setting and restoring the
    limit again would cost more than a sectoral residual."""
    return all(
        lib.get_num_threads() == 1
        for lib in _blas_controller().lib_controllers
        if lib.user_api == "blas"
    )


def single_threaded_blas() -> AbstractContextManager[None]:
    """BLAS limited to one thread while the block runs.

    The model's matrices (2N × 2N with N = 194) are too small for threaded BLAS to pay: on two
    cores a threaded ``scipy.linalg.solve`` costs several times a single-threaded one.  Every
    path that solves or differentiates the model (solve, best responses, wars, talks, the
    adjoint gradient) runs inside this limit.
    """
    return _blas_threads(True)


def newton(
    system: EquilibriumSystem, z0: FloatArray, options: SolverOptions
) -> tuple[FloatArray, SolveReport]:
    """Damped Newton with backtracking on max |F|, and chord steps near the solution.

    A fresh analytic Jacobian is used while max |F| exceeds
    ``options.reuse_jacobian_below``; below it, the last LU factorisation is reused
    (chord steps: one residual and two triangular solves each) and refreshed whenever the
    residual stops falling by at least half per step.

    Raises
    ------
    tradewar.errors.ConvergenceError
        If max |F| is not below ``options.tolerance`` after ``options.max_iterations``, or
        the iteration produces non-finite values.
    """
    z = np.array(z0, dtype=np.float64)
    with np.errstate(all="ignore"):
        residual = system.residual(z)
    norm = float(np.max(np.abs(residual)))
    history = [norm]
    if not np.isfinite(norm):
        raise _failure(system, residual, norm, history, options)
    factor: tuple[FloatArray, NDArray[np.int32]] | None = None
    jacobian_evaluations = 0
    for iteration in range(1, options.max_iterations + 1):
        if norm < options.tolerance:
            return z, SolveReport(iteration - 1, jacobian_evaluations, norm)
        check_cancelled()  # a server's time limit ends the solve here (no-op elsewhere)
        if factor is None or norm > options.reuse_jacobian_below:
            with np.errstate(all="ignore"):  # non-finite values are checked just below
                residual, jacobian = system.residual_and_jacobian(z)
            jacobian_evaluations += 1
            if not np.all(np.isfinite(jacobian)):
                break
            # Factor Jᵀ (the C-ordered J seen in Fortran order) in place, without a copy,
            # then solve J·step = −F as (Jᵀ)ᵀ·step = −F.  LAPACK's getrf/getrs directly:
            # ``lu_factor``/``lu_solve`` call the same routines through wrappers that cost
            # more than the 88×88 factorisation of the sectoral model.  A singular J gives a
            # non-finite step, which the backtracking reports as a failed solve.
            lu, pivots, _ = _GETRF(jacobian.T, overwrite_a=True)
            factor = (lu, pivots)
        step = _GETRS(factor[0], factor[1], -residual, trans=1)[0]
        z, residual, new_norm = _backtrack(system, z, step, norm)
        if new_norm > 0.5 * norm:
            factor = None  # slow contraction (a stale chord Jacobian): refresh next time
        norm = new_norm
        history.append(norm)
        if not np.isfinite(norm):
            break
    if norm < options.tolerance:
        return z, SolveReport(options.max_iterations, jacobian_evaluations, norm)
    raise _failure(system, residual, norm, history, options)


def _failure(
    system: EquilibriumSystem,
    residual: FloatArray,
    norm: float,
    history: list[float],
    options: SolverOptions,
) -> ConvergenceError:
    """The error of a failed solve, naming the equations that failed."""
    labels = system.equation_labels
    non_finite = [labels[k] for k in np.flatnonzero(~np.isfinite(residual))]
    finite = np.where(np.isfinite(residual), np.abs(residual), -1.0)
    worst = labels[int(np.argmax(finite))] if np.any(np.isfinite(residual)) else "none"
    if non_finite:
        shown = ", ".join(non_finite[:5]) + (" ..." if len(non_finite) > 5 else "")
        reason = (
            f" Non-finite residuals in: {shown}. With income-tax relief this happens when"
            " tariff revenue reaches a country's factor income (τ = R/Y' ≥ 1); use the"
            " lump-sum revenue treatment (baseline model) or smaller tariffs."
        )
    else:
        reason = (
            f" Largest residual: {worst}. Try a smaller tariff change, or pass"
            " SolverOptions(max_iterations=...) to allow more."
        )
    return ConvergenceError(
        f"The equilibrium solve did not converge: max |residual| = {norm:.3g} after"
        f" {len(history) - 1} Newton iterations (tolerance {options.tolerance:g}).{reason}",
        {
            "iterations": len(history) - 1,
            "max_residual": norm,
            "residual_history": history,
            "worst_equation": worst,
            "non_finite_equations": non_finite,
            "tolerance": options.tolerance,
        },
    )


def _backtrack(
    system: EquilibriumSystem, z: FloatArray, step: FloatArray, norm: float
) -> tuple[FloatArray, FloatArray, float]:
    """Halve the step until max |F| decreases (at most 30 halvings)."""
    scale = 1.0
    candidate = z + step
    with np.errstate(all="ignore"):  # an overshooting step may overflow; it is then halved
        residual = system.residual(candidate)
    new_norm = float(np.max(np.abs(residual)))
    for _ in range(30):
        if np.isfinite(new_norm) and new_norm < (1.0 - 1e-4 * scale) * norm:
            break
        scale *= 0.5
        candidate = z + scale * step
        with np.errstate(all="ignore"):
            residual = system.residual(candidate)
        new_norm = float(np.max(np.abs(residual)))
    return candidate, residual, new_norm


def build_system(world: World, policy: Policy) -> BaselineSystem | InputOutputSystem:
    """The system of equations for this world (baseline or input–output)."""
    if policy.countries != world.countries:
        raise InvalidInput(
            "policy.countries does not match world.countries: build the policy with"
            " Policy.free_trade(world.countries) so the tariff matrix lines up."
        )
    if world.is_input_output:
        return InputOutputSystem(world, policy)
    return BaselineSystem(world, policy)


def solve(
    world: World,
    policy: Policy,
    options: SolverOptions | None = None,
    *,
    initial_guess: FloatArray | None = None,
) -> Equilibrium:
    """Solve the counterfactual equilibrium of ``policy`` from the factual ``world``.

    Parameters
    ----------
    world : World
        Calibrated factual world (zero tariffs).
    policy : Policy
        Counterfactual tariffs (decimal) and revenue treatment.
    options : SolverOptions, optional
        Tolerance, iteration cap and BLAS threading.
    initial_guess : ndarray, optional
        Log hats to start from (e.g. a neighbouring solution); zeros (no change) otherwise.

    Returns
    -------
    Equilibrium
        Hats, per-country outcomes (percent) and diagnostics.

    Raises
    ------
    tradewar.errors.ConvergenceError
        If the solve does not converge (``.diagnostics`` holds the residual history).
    tradewar.errors.InvalidInput
        If the policy does not match the world.

    Examples
    --------
    >>> from tradewar.model.toy import toy_world
    >>> world = toy_world()
    >>> result = solve(world, Policy.free_trade(world.countries))
    >>> bool(abs(result.outcomes.welfare).max() < 1e-9)
    True
    """
    options = options or SolverOptions()
    system = build_system(world, policy)
    z0 = np.zeros(system.size) if initial_guess is None else np.asarray(initial_guess)
    if z0.shape != (system.size,):
        raise InvalidInput(
            f"initial_guess has shape {z0.shape}; expected ({system.size},) log hats."
        )
    with _blas_threads(options.single_threaded_blas):
        z, report = newton(system, z0, options)
        state = system.state(z)
    logger.debug("solved %s in %d iterations", world.label, report.iterations)
    return Equilibrium(
        world=world,
        policy=policy,
        log_hats=state.log_hats,
        outcomes=outcomes_from_state(world, policy, state),
        iterations=report.iterations,
        max_residual=report.max_residual,
    )
