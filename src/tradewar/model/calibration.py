"""Calibration of the one-sector model to a factual (zero-tariff) world, ge-model §2–§3, §7, §8.1.

Orientation throughout: ``flows[j, i]`` is the value shipped from exporter ``j`` to importer
``i`` at producer prices, in thousands of current USD.  Column sums are the importer's gross
expenditure, row sums the exporter's sales.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from scipy.optimize import fsolve

from tradewar.errors import ConvergenceError, InvalidInput, UnknownCode
from tradewar.model.parameters import (
    BASELINE_FIRM_PASSTHROUGH,
    BASELINE_TRADE_ELASTICITY,
    NU_START,
    NU_TARGETS,
    TRADE_TIMES_SCALE_ELASTICITY,
    UNITED_STATES,
    VALUE_ADDED_SHARE_IO,
    Elasticities,
)
from tradewar.types import FloatArray


@dataclass(frozen=True)
class World:
    """A calibrated factual world: the data and parameters the counterfactual system needs.

    Attributes
    ----------
    countries : tuple of str
        ISO3 codes, in the order of every array's country axis.
    flows : ndarray, shape (N, N)
        Completed trade matrix ``X[exporter, importer]`` incl. domestic absorption on the
        diagonal, producer prices, thousands of USD.
    expenditure : ndarray, shape (N,)
        Gross expenditure ``E_i = Σ_j X[j, i]``, thousands of USD.
    income : ndarray, shape (N,)
        Factor income ("GDP" in the model) ``Y_i``, thousands of USD (value added in IO).
    transfers : ndarray, shape (N,)
        Fixed transfers ``T_i`` received, thousands of USD; scale with world income.
    shares : ndarray, shape (N, N)
        Expenditure shares ``λ[j, i] = X[j, i] / E_i`` (columns sum to one).
    nu : ndarray, shape (N,)
        Share ν_i of sales into market i paid to market-i labour (fraction).
    phi : ndarray, shape (N,)
        Variety-adjusted tariff pass-through φ_i of importer i (dimensionless).
    elasticities : Elasticities
        ε, ψ and κ.
    value_added_share : float
        β: 1 in the baseline model, 0.49 in the one-sector input–output model (ge-model §8).
    gdp : ndarray, shape (N,)
        Raw WDI GDP, thousands of USD; the weights of Table 4 (spec quirk 6).
    label : str
        Short description of the variant (for diagnostics and reports).
    """

    countries: tuple[str, ...]
    flows: FloatArray
    expenditure: FloatArray
    income: FloatArray
    transfers: FloatArray
    shares: FloatArray
    nu: FloatArray
    phi: FloatArray
    elasticities: Elasticities = field(default_factory=Elasticities)
    value_added_share: float = 1.0
    gdp: FloatArray | None = None
    label: str = "baseline"

    @property
    def size(self) -> int:
        """Number of countries N."""
        return len(self.countries)

    @property
    def is_input_output(self) -> bool:
        """Whether this world is the one-sector input–output (roundabout) model."""
        return self.value_added_share < 1.0

    def index(self, iso3: str) -> int:
        """Position of a country on every array's country axis.

        Raises
        ------
        tradewar.errors.UnknownCode
            If the code is not one of :attr:`countries`.
        """
        try:
            return self.countries.index(iso3.upper())
        except ValueError as err:
            raise UnknownCode(
                f"Unknown country {iso3!r}: expected one of the world's {self.size} ISO3 codes"
                f" (e.g. {', '.join(self.countries[:3])})."
            ) from err


def passthrough_from_nu(
    nu: FloatArray, firm_passthrough: float = BASELINE_FIRM_PASSTHROUGH
) -> FloatArray:
    """Variety-adjusted pass-through ``φ_i = ϖ + (1+ψ₄)·ν_i/(1−ν_i)`` (ge-model §3).

    ψ₄ = 0.67/4 always (φ is built with ε = 4 even in the ε = 8 run, spec quirk 8).

    Parameters
    ----------
    nu : ndarray, shape (N,)
        ν_i, fraction in [0, 1).
    firm_passthrough : float
        Firm-level pass-through ϖ (1 baseline, 0.25 in Table 9 alt. 2).
    """
    theta = BASELINE_TRADE_ELASTICITY / TRADE_TIMES_SCALE_ELASTICITY
    extra = (1.0 + theta) / ((1.0 - nu) * theta) - 1.0 / theta - 1.0
    return firm_passthrough + extra


def _two_region_matrix(size: int, us_index: int) -> FloatArray:
    """Aggregator ``A`` (2×N): row 0 = non-US indicator, row 1 = US indicator."""
    aggregator = np.zeros((2, size))
    aggregator[0, :] = 1.0
    aggregator[0, us_index] = 0.0
    aggregator[1, us_index] = 1.0
    return aggregator


def calibrate_nu(raw_flows: FloatArray, gdp: FloatArray, us_index: int) -> tuple[float, float]:
    """Solve the two-region ν calibration of ge-model §2a.

    Parameters
    ----------
    raw_flows : ndarray, shape (N, N)
        Bilateral flows without domestic absorption (zero diagonal), thousands of USD.
    gdp : ndarray, shape (N,)
        GDP, thousands of USD.
    us_index : int
        Position of the United States.

    Returns
    -------
    (nu_non_us, nu_us) : tuple of float
        Fractions; 0.11433521 and 0.27047098 on the paper's data.
    """
    aggregator = _two_region_matrix(raw_flows.shape[0], us_index)
    flows2 = aggregator @ raw_flows @ aggregator.T
    gdp2 = aggregator @ gdp
    target_non_us, target_us = NU_TARGETS

    def residual(nu2: FloatArray) -> FloatArray:
        keep = 1.0 - nu2
        expenditure = gdp2 + keep * (flows2.sum(axis=0) - (flows2 * keep[None, :]).sum(axis=1))
        r11 = (expenditure[0] - flows2[1, 0]) / (expenditure[0] - flows2[1, 0] + flows2[0, 1])
        r22 = (expenditure[1] - flows2[0, 1]) / (expenditure[1] - flows2[0, 1] + flows2[1, 0])
        return np.array(
            [
                (1.0 - r11) * nu2[1] + r11 * nu2[0] - target_non_us,
                r22 * nu2[1] + (1.0 - r22) * nu2[0] - target_us,
            ]
        )

    solution, _info, status, message = fsolve(
        residual, np.array(NU_START), xtol=1e-12, full_output=True
    )
    if status != 1:
        raise ConvergenceError(
            f"The ν calibration (ge-model §2a) did not converge: {message}",
            {"solution": solution.tolist(), "residual": residual(solution).tolist()},
        )
    nu_non_us, nu_us = np.maximum(solution, 0.0)
    return float(nu_non_us), float(nu_us)


def _validate_inputs(countries: tuple[str, ...], raw_flows: FloatArray, gdp: FloatArray) -> None:
    size = len(countries)
    if raw_flows.shape != (size, size):
        raise InvalidInput(
            f"flows has shape {raw_flows.shape}; expected ({size}, {size}) to match the"
            f" {size} countries."
        )
    if gdp.shape != (size,):
        raise InvalidInput(f"gdp has shape {gdp.shape}; expected ({size},).")
    if not np.all(np.isfinite(raw_flows)) or np.any(raw_flows < 0):
        raise InvalidInput("flows must be finite and non-negative (thousands of USD).")
    if not np.all(np.isfinite(gdp)) or np.any(gdp <= 0):
        bad = [countries[i] for i in np.flatnonzero(~(np.isfinite(gdp) & (gdp > 0)))[:5]]
        raise InvalidInput(f"gdp must be finite and positive; offending countries: {bad}.")
    if len(set(countries)) != size:
        raise InvalidInput("countries must be distinct ISO3 codes.")
    if UNITED_STATES not in countries:
        raise InvalidInput(
            f"countries must include {UNITED_STATES!r}: the ν calibration splits the world"
            " into the United States and the rest (ge-model §2a)."
        )


def complete_flows(raw_flows: FloatArray, gdp: FloatArray, nu: FloatArray) -> FloatArray:
    """Add domestic absorption on the diagonal, ge-model §2b (paper eq. 8).

    ``T⁰_i = (1−ν_i)(Σ_j X⁰[j,i] − Σ_n (1−ν_n) X⁰[i,n])``, ``E⁰ = GDP + T⁰`` and
    ``X[i,i] = max(E⁰_i − Σ_j X⁰[j,i], 0)``.
    """
    imports = raw_flows.sum(axis=0)
    keep = 1.0 - nu
    transfers0 = keep * (imports - (raw_flows * keep[None, :]).sum(axis=1))
    domestic = np.maximum(gdp + transfers0 - imports, 0.0)
    completed = raw_flows.copy()
    np.fill_diagonal(completed, domestic)
    return completed


def national_accounts(
    flows: FloatArray, nu: FloatArray, value_added_share: float = 1.0
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Expenditure, income and transfers implied by a completed matrix (ge-model §2c, §8.1).

    Returns
    -------
    (expenditure, income, transfers) : tuple of ndarray, thousands of USD
        ``E_i = Σ_j X[j,i]``; ``Y_i = β Σ_n (1−ν_n) X[i,n] + ν_i E_i``;
        ``T_i = E_i − Y_i − (1−β) Σ_n (1−ν_n) X[i,n]`` (so Σ T = 0).
    """
    expenditure = flows.sum(axis=0)
    producer_sales = (flows * (1.0 - nu)[None, :]).sum(axis=1)
    income = value_added_share * producer_sales + nu * expenditure
    transfers = expenditure - income - (1.0 - value_added_share) * producer_sales
    return expenditure, income, transfers


def calibrate_world(
    countries: tuple[str, ...] | list[str],
    raw_flows: FloatArray,
    gdp: FloatArray,
    *,
    firm_passthrough: float = BASELINE_FIRM_PASSTHROUGH,
    elasticities: Elasticities | None = None,
) -> World:
    """Calibrate the baseline one-sector world (ge-model §2).

    Parameters
    ----------
    countries : sequence of str
        ISO3 codes; must include ``"USA"``.
    raw_flows : ndarray, shape (N, N)
        Bilateral flows ``X⁰[exporter, importer]``, thousands of USD; the diagonal is ignored.
    gdp : ndarray, shape (N,)
        GDP, thousands of USD.
    firm_passthrough : float
        ϖ used to build φ (1 in the baseline).
    elasticities : Elasticities, optional
        Defaults to ε = 4, ψ = 0.1675, κ = 0.5.

    Returns
    -------
    World
        The factual world, with ``Σ T = 0`` and columns of ``shares`` summing to one.

    Raises
    ------
    tradewar.errors.InvalidInput
        On shapes that do not match, negative or non-finite values, or no ``"USA"``.

    Examples
    --------
    >>> import numpy as np
    >>> flows = np.array([[0.0, 150.0, 80.0], [440.0, 0.0, 120.0], [160.0, 110.0, 0.0]])
    >>> world = calibrate_world(["USA", "CHN", "DEU"], flows, np.array([27e3, 17e3, 4.5e3]))
    >>> bool(np.allclose(world.shares.sum(axis=0), 1.0))
    True
    >>> calibrate_world(["USA", "CHN"], flows, np.ones(3))
    Traceback (most recent call last):
    ...
    tradewar.errors.InvalidInput: flows has shape (3, 3); expected (2, 2) to match...
    """
    country_codes = tuple(code.upper() for code in countries)
    raw = np.array(raw_flows, dtype=np.float64)
    gdp_array = np.array(gdp, dtype=np.float64)
    _validate_inputs(country_codes, raw, gdp_array)
    np.fill_diagonal(raw, 0.0)
    us_index = country_codes.index(UNITED_STATES)
    nu_non_us, nu_us = calibrate_nu(raw, gdp_array, us_index)
    nu = np.full(len(country_codes), nu_non_us)
    nu[us_index] = nu_us
    flows = complete_flows(raw, gdp_array, nu)
    expenditure, income, transfers = national_accounts(flows, nu)
    if np.any(expenditure <= 0):
        raise InvalidInput("every country needs positive expenditure after calibration.")
    return World(
        countries=country_codes,
        flows=flows,
        expenditure=expenditure,
        income=income,
        transfers=transfers,
        shares=flows / expenditure[None, :],
        nu=nu,
        phi=passthrough_from_nu(nu, firm_passthrough),
        elasticities=elasticities or Elasticities(),
        gdp=gdp_array,
    )


def with_firm_passthrough(world: World, firm_passthrough: float) -> World:
    """The same world with φ rebuilt for firm-level pass-through ϖ (Table 9 alt. 2)."""
    return replace(
        world,
        phi=passthrough_from_nu(world.nu, firm_passthrough),
        label=f"{world.label}, firm pass-through {firm_passthrough:g}",
    )


def with_trade_elasticity(world: World, trade_elasticity: float) -> World:
    """The same world with a different ε; ψ and φ are kept (spec quirk 8, Table 9 alt. 3)."""
    return replace(
        world,
        elasticities=replace(world.elasticities, trade=trade_elasticity),
        label=f"{world.label}, ε = {trade_elasticity:g}",
    )


def eaton_kortum_variant(world: World) -> World:
    """The Eaton–Kortum–Krugman variant: ν = 0, φ = 1, ``Y = Σ_n X[i,n]`` (ge-model §3, §7).

    Expenditure and shares are unchanged; ``T^EK = E − Y^EK`` is the whole trade deficit.
    """
    income = world.flows.sum(axis=1)
    return replace(
        world,
        nu=np.zeros(world.size),
        phi=np.ones(world.size),
        income=income,
        transfers=world.expenditure - income,
        label="Eaton–Kortum–Krugman (fixed transfers)",
    )


def balanced_trade_transfers(world: World) -> World:
    """Ossa (2014) "balanced trade" transfers as coded (ge-model §7, quirk 4).

    ``T^B_i = T_i − (X[US,i] − X[i,US])`` for i ≠ US and ``T^B_US = 0``; Σ T^B ≠ 0.
    """
    us = world.index(UNITED_STATES)
    bilateral_deficit_with_us = world.flows[us, :] - world.flows[:, us]
    transfers = world.transfers - bilateral_deficit_with_us
    transfers[us] = 0.0
    return replace(world, transfers=transfers, label="balanced trade (Ossa 2014)")


def input_output_variant(world: World, value_added_share: float = VALUE_ADDED_SHARE_IO) -> World:
    """The one-sector input–output (roundabout) world of ge-model §8.1.

    Only domestic flows are grossed up by 1/β (spec quirk 9); ``Y`` is value added and
    ``T = E − (Y + intermediate spending)``.
    """
    if not 0.0 < value_added_share < 1.0:
        raise InvalidInput(
            f"value_added_share is {value_added_share!r}; expected a fraction in (0, 1)."
        )
    flows = world.flows.copy()
    np.fill_diagonal(flows, np.diag(world.flows) / value_added_share)
    expenditure, income, transfers = national_accounts(flows, world.nu, value_added_share)
    return replace(
        world,
        flows=flows,
        expenditure=expenditure,
        income=income,
        transfers=transfers,
        shares=flows / expenditure[None, :],
        value_added_share=value_added_share,
        label=f"input–output (β = {value_added_share:g})",
    )
