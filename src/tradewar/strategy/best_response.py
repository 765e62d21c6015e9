"""Best responses: the welfare-maximising tariffs of a country or coalition (Ossa 2014, §III).

Given every other tariff (the ``base`` policy), a player chooses its levers to maximise a
weighted sum of welfare percent changes (ge-model §4.3): its own welfare, or a coalition's
average.  The equilibrium is solved inside the optimiser and the gradient comes from the
adjoint (:mod:`tradewar.strategy.adjoint`), so each iteration costs one solve and one
extra linear solve; L-BFGS-B handles the bounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

from tradewar.errors import ConvergenceError, InvalidInput
from tradewar.model.calibration import World
from tradewar.model.policy import Policy
from tradewar.model.results import Equilibrium
from tradewar.model.solve import SolverOptions, single_threaded_blas
from tradewar.strategy.adjoint import STRATEGY_SOLVER, TariffLever, WelfareProblem
from tradewar.types import FloatArray

#: Default bounds on every lever, decimals: no import subsidies, at most 200%.
DEFAULT_BOUNDS: tuple[float, float] = (0.0, 2.0)
#: The optimiser works in percent (its first step is then about one percentage point).
PERCENT = 100.0
#: Stop when the largest projected gradient is below this (percentage points of welfare
#: per unit of tariff): the rate is then optimal to about 1e-7.
GRADIENT_TOLERANCE = 1e-7
#: A best response that stops with a larger projected gradient is reported as a failure.
STALLED_GRADIENT = 1e-3


@dataclass(frozen=True)
class BestResponse:
    """A best response.

    Attributes
    ----------
    levers : tuple of TariffLever
        What was chosen.
    rates : ndarray (M,)
        The optimal rates, decimals.
    objective : float
        The maximised objective, percent change of (weighted) welfare.
    equilibrium : Equilibrium
        The counterfactual at the optimum.
    iterations : int
        Optimiser iterations.
    solves : int
        Equilibrium solves used (one per function-and-gradient evaluation).
    projected_gradient : float
        Largest |gradient| over levers not held at a bound, at the optimum.
    """

    levers: tuple[TariffLever, ...]
    rates: FloatArray
    objective: float
    equilibrium: Equilibrium
    iterations: int
    solves: int
    projected_gradient: float

    def rate(self, importer: str, exporter: str) -> float:
        """The chosen rate of ``importer`` on ``exporter`` (decimal)."""
        for lever, value in zip(self.levers, self.rates, strict=True):
            if importer in lever.importers and exporter in lever.exporters:
                return float(value)
        raise InvalidInput(f"no lever of {importer} on {exporter} in this best response.")


def _projected_gradient(
    gradient: FloatArray, values: FloatArray, bounds: tuple[float, float]
) -> float:
    """Largest gradient component that could still move (KKT residual of the box)."""
    lower, upper = bounds
    free = ~(
        ((values <= lower + 1e-12) & (gradient < 0)) | ((values >= upper - 1e-12) & (gradient > 0))
    )
    return float(np.max(np.abs(gradient[free]), initial=0.0))


def _import_share(world: World, lever: TariffLever) -> float:
    """Spending of the lever's importers on its exporters, as a share of their spending."""
    total = 0.0
    for importer in lever.importers:
        exporters = [world.index(e) for e in lever.exporters if e != importer]
        total += float(world.shares[exporters, world.index(importer)].sum())
    return total


def _variable_scale(world: World, problem: WelfareProblem) -> FloatArray:
    """Units of the optimiser's variables: percent times ``sqrt(share/max share)``.

    A lever's curvature grows with the importer's spending on the exporters it covers, so
    scaling each rate by the square root of that import share (floored at 1e-6 of the
    largest) equalises the curvature of discriminatory tariffs on large and tiny partners,
    which L-BFGS-B needs to converge in tens rather than thousands of iterations.  A single
    lever is in plain percent (its first step is then about one percentage point).
    """
    shares = np.array([_import_share(world, lever) for lever in problem.levers])
    relative = np.maximum(shares / max(float(shares.max()), 1e-300), 1e-6)
    scale: FloatArray = PERCENT * np.sqrt(relative)
    return scale


def best_response(
    world: World,
    base: Policy,
    levers: Sequence[TariffLever],
    weights: FloatArray,
    *,
    bounds: tuple[float, float] = DEFAULT_BOUNDS,
    start: FloatArray | None = None,
    options: SolverOptions = STRATEGY_SOLVER,
    max_iterations: int = 200,
) -> BestResponse:
    """Maximise ``weights @ welfare`` over ``levers`` with every other tariff at ``base``.

    Parameters
    ----------
    world : World
        Calibrated baseline world.
    base : Policy
        Every tariff the levers do not set, decimals.
    levers : sequence of TariffLever
        The player's instruments: one uniform lever, or one per partner.
    weights : ndarray (N,)
        Weights on the welfare percent changes (see
        :func:`tradewar.strategy.adjoint.welfare_weights`).
    bounds : (float, float)
        Lower and upper bound of every rate, decimals.
    start : ndarray (M,), optional
        Starting rates (a warm start); the base policy's rates otherwise.
    max_iterations : int
        L-BFGS-B iterations.

    Returns
    -------
    BestResponse

    Raises
    ------
    tradewar.errors.ConvergenceError
        If the optimiser stops with a projected gradient above :data:`STALLED_GRADIENT`.
    """
    lower, upper = bounds
    if not 0.0 <= lower < upper:
        raise InvalidInput(f"bounds are {bounds!r}; expected 0 <= lower < upper (decimals).")
    problem = WelfareProblem(world, base, tuple(levers), options)
    x0 = problem.current_values() if start is None else np.asarray(start, dtype=np.float64)
    x0 = np.clip(x0, lower, upper)
    weight_row = np.asarray(weights, dtype=np.float64)

    scale = _variable_scale(world, problem)

    def negative(scaled: FloatArray) -> tuple[float, FloatArray]:
        evaluation = problem.evaluate(np.clip(scaled / scale, lower, upper), weight_row)
        return -float(evaluation.values[0]), -evaluation.gradients[0] / scale

    with single_threaded_blas():
        result = minimize(
            negative,
            x0 * scale,
            jac=True,
            method="L-BFGS-B",
            bounds=list(zip(lower * scale, upper * scale, strict=True)),
            options={
                "maxiter": max_iterations,
                "ftol": 1e-15,
                "gtol": GRADIENT_TOLERANCE / PERCENT,
            },
        )
        rates = np.clip(result.x / scale, lower, upper)
        final = problem.evaluate(rates, weight_row)
    kkt = _projected_gradient(final.gradients[0], rates, bounds)
    if kkt > STALLED_GRADIENT:
        raise ConvergenceError(
            f"The best response of {', '.join(levers[0].importers)} did not converge:"
            f" projected gradient {kkt:.3g} after {result.nit} iterations ({result.message}).",
            {"rates": rates.tolist(), "projected_gradient": kkt, "iterations": int(result.nit)},
        )
    return BestResponse(
        levers=problem.levers,
        rates=rates,
        objective=float(final.values[0]),
        equilibrium=final.equilibrium,
        iterations=int(result.nit),
        solves=problem.solves,
        projected_gradient=kkt,
    )
