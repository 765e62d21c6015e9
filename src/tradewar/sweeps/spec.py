"""What a sweep varies, how it is drawn, and the seeds that make every draw reproducible.

A **draw** is one vector of parameter values, sampled from the distributions the user gives
with ``--vary NAME=DISTRIBUTION`` (repeatable):

============  =========================================  ===============  =============
name          meaning                                    unit             allowed range
============  =========================================  ===============  =============
epsilon       trade elasticity ε                         dimensionless    [0.5, 50]
psi           scale elasticity ψ (φ is rebuilt with it)  dimensionless    [0, 0.99]
kappa         labour-supply elasticity κ                 dimensionless    [0, 10]
passthrough   firm-level tariff pass-through ϖ (φ)       dimensionless    [0, 2]
tariff_scale  multiplier on every tariff of the scenario  ratio            [0, 10]
IMP<-EXP      the tariff of importer IMP on exporter EXP  decimal (0.2)    [0, 10]
============  =========================================  ===============  =============

Distributions:

* ``a:b``: uniform on ``[a, b]``;
* ``normal(mu,sd)``: normal, **clipped** (not truncated) to the parameter's allowed range, so
  values beyond it pile up on the bound; ``normal(mu,sd,lo,hi)`` clips to ``[lo, hi]``;
* a single number: fixed in every draw (consumes no randomness).

Pair rates also accept percentages (``USA<-CHN=20%:145%``).

Seeds: the sweep's root seed spawns one child :class:`numpy.random.SeedSequence` per draw
(``SeedSequence(root).spawn(draws)``); each child gives a 63-bit integer, the draw's seed,
recorded with its results.  ``numpy.random.default_rng(seed)`` then samples the draw's values
in the order the ``--vary`` options were given, so :func:`sample_values` with a recorded seed
reproduces the draw exactly, on any engine and any number of workers.

Examples
--------
>>> parse_vary("epsilon=2:8").distribution.describe()
'uniform(2, 8)'
>>> parse_vary("kappa=normal(0.5,0.2)").distribution.describe()
'normal(0.5, 0.2) clipped to [0, 10]'
>>> parse_vary("USA<-CHN=20%:145%").name
'USA<-CHN'
>>> parse_vary("epsilon=8:2")
Traceback (most recent call last):
...
tradewar.errors.InvalidInput: vary: 'epsilon=8:2': uniform bounds 8 > 2; expected LOW:HIGH...
"""

from __future__ import annotations

import math
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from tradewar.codes.countries import to_iso3
from tradewar.errors import InvalidInput, UnknownCode

#: Scalar model parameters a sweep can vary, with their allowed ranges and meaning.
PARAMETER_RANGES: dict[str, tuple[float, float, str]] = {
    "epsilon": (0.5, 50.0, "trade elasticity ε"),
    "psi": (0.0, 0.99, "scale elasticity ψ"),
    "kappa": (0.0, 10.0, "labour-supply elasticity κ"),
    "passthrough": (0.0, 2.0, "firm-level tariff pass-through ϖ"),
    "tariff_scale": (0.0, 10.0, "multiplier on every tariff of the scenario"),
}
#: Allowed range of a bilateral tariff (decimal, 10 = 1000%).
PAIR_RANGE: tuple[float, float] = (0.0, 10.0)
#: Other spellings accepted for the parameter names.
ALIASES: dict[str, str] = {
    "eps": "epsilon",
    "ε": "epsilon",
    "trade": "epsilon",
    "trade_elasticity": "epsilon",
    "ψ": "psi",
    "scale": "psi",
    "scale_elasticity": "psi",
    "κ": "kappa",
    "labour_supply": "kappa",
    "labor_supply": "kappa",
    "ϖ": "passthrough",
    "firm_passthrough": "passthrough",
    "pass_through": "passthrough",
    "tariffs": "tariff_scale",
}
#: Separator of a bilateral pair: ``IMPORTER<-EXPORTER``.
PAIR_ARROW = "<-"
#: The largest number of draws one sweep accepts.
MAX_DRAWS = 10_000_000

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?%?"
_UNIFORM = re.compile(rf"^({_NUMBER}):({_NUMBER})$")
_NORMAL = re.compile(
    rf"^normal\(\s*({_NUMBER})\s*,\s*({_NUMBER})\s*(?:,\s*({_NUMBER})\s*,\s*({_NUMBER})\s*)?\)$",
    re.IGNORECASE,
)
_FIXED = re.compile(rf"^({_NUMBER})$")


class Distribution(Protocol):
    """A distribution one parameter is drawn from."""

    def sample(self, rng: np.random.Generator) -> float:
        """One value."""
        ...

    def describe(self) -> str:
        """Short human-readable form, e.g. ``uniform(2, 8)``."""
        ...

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for the manifest."""
        ...


@dataclass(frozen=True)
class Uniform:
    """Uniform on ``[low, high]`` (same unit as the parameter)."""

    low: float
    high: float

    def sample(self, rng: np.random.Generator) -> float:
        """One value, ``rng.uniform(low, high)``."""
        return float(rng.uniform(self.low, self.high))

    def describe(self) -> str:
        """``uniform(low, high)``."""
        return f"uniform({self.low:g}, {self.high:g})"

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": "uniform", "low": ..., "high": ...}``."""
        return {"kind": "uniform", "low": self.low, "high": self.high}


@dataclass(frozen=True)
class ClippedNormal:
    """Normal with mean ``mean`` and standard deviation ``sd``, clipped to ``[low, high]``.

    Clipping (not truncation): a draw beyond a bound is set to the bound.
    """

    mean: float
    sd: float
    low: float
    high: float

    def sample(self, rng: np.random.Generator) -> float:
        """One value, ``clip(rng.normal(mean, sd), low, high)``."""
        return float(np.clip(rng.normal(self.mean, self.sd), self.low, self.high))

    def describe(self) -> str:
        """``normal(mean, sd) clipped to [low, high]``."""
        return f"normal({self.mean:g}, {self.sd:g}) clipped to [{self.low:g}, {self.high:g}]"

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": "normal", "mean": ..., "sd": ..., "clip": [low, high]}``."""
        return {"kind": "normal", "mean": self.mean, "sd": self.sd, "clip": [self.low, self.high]}


@dataclass(frozen=True)
class Fixed:
    """The same value in every draw (draws no random number)."""

    value: float

    def sample(self, rng: np.random.Generator) -> float:
        """The value."""
        return self.value

    def describe(self) -> str:
        """``fixed(value)``."""
        return f"fixed({self.value:g})"

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": "fixed", "value": ...}``."""
        return {"kind": "fixed", "value": self.value}


@dataclass(frozen=True)
class Variation:
    """One ``--vary`` option: a parameter (or a bilateral tariff) and its distribution.

    Attributes
    ----------
    name : str
        ``epsilon``, ``psi``, ``kappa``, ``passthrough``, ``tariff_scale``, or
        ``IMP<-EXP`` (ISO3 codes) for the tariff of importer IMP on exporter EXP.
    distribution : Distribution
        Where values come from (unit of the parameter; pair rates are decimals).
    option : str
        The option as the user wrote it (for messages and the manifest).
    """

    name: str
    distribution: Distribution
    option: str

    @property
    def is_pair(self) -> bool:
        """Whether this varies one bilateral tariff."""
        return PAIR_ARROW in self.name

    @property
    def pair(self) -> tuple[str, str]:
        """``(importer, exporter)`` of a pair variation."""
        importer, exporter = self.name.split(PAIR_ARROW)
        return importer, exporter

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for the manifest."""
        return {
            "name": self.name,
            "option": self.option,
            "description": self.distribution.describe(),
            **self.distribution.to_dict(),
        }


@dataclass(frozen=True)
class Draw:
    """One draw of a sweep: its position, its seed and the parameter values it got."""

    index: int
    seed: int
    values: Mapping[str, float]


def _fail(option: str, problem: str) -> InvalidInput:
    return InvalidInput(f"{option!r}: {problem}", field="vary")


def _number(text: str, option: str, allow_percent: bool) -> float:
    if text.endswith("%"):
        if not allow_percent:
            raise _fail(option, f"{text!r} is a percentage; only pair rates (IMP<-EXP) take %.")
        return float(text[:-1]) / 100.0
    return float(text)


def _canonical_name(raw: str, option: str) -> tuple[str, tuple[float, float]]:
    """The canonical parameter name and its allowed range."""
    if PAIR_ARROW in raw:
        parts = raw.split(PAIR_ARROW)
        if len(parts) != 2 or not all(part.strip() for part in parts):
            raise _fail(option, f"{raw!r} is not a pair; expected IMPORTER<-EXPORTER (USA<-CHN).")
        try:
            importer, exporter = (to_iso3(part.strip()) for part in parts)
        except UnknownCode as err:
            raise _fail(option, f"{err}") from err
        if importer == exporter:
            raise _fail(option, f"{importer} cannot tariff itself; expected two countries.")
        return f"{importer}{PAIR_ARROW}{exporter}", PAIR_RANGE
    key = raw.strip().lower()
    name = ALIASES.get(key, key)
    if name not in PARAMETER_RANGES:
        allowed = ", ".join(PARAMETER_RANGES)
        raise _fail(option, f"unknown parameter {raw!r}; expected one of {allowed} or IMP<-EXP.")
    low, high, _ = PARAMETER_RANGES[name]
    return name, (low, high)


def _check_inside(option: str, value: float, bounds: tuple[float, float], what: str) -> None:
    low, high = bounds
    if not (math.isfinite(value) and low <= value <= high):
        raise _fail(option, f"{what} {value:g} is outside the allowed range [{low:g}, {high:g}].")


def _distribution(text: str, option: str, bounds: tuple[float, float], pair: bool) -> Distribution:
    compact = text.strip()
    if match := _UNIFORM.match(compact):
        low, high = (_number(g, option, pair) for g in match.groups())
        if low > high:
            raise _fail(
                option, f"uniform bounds {low:g} > {high:g}; expected LOW:HIGH with LOW <= HIGH."
            )
        _check_inside(option, low, bounds, "lower bound")
        _check_inside(option, high, bounds, "upper bound")
        return Uniform(low, high)
    if match := _NORMAL.match(compact):
        mean, sd = (_number(g, option, pair) for g in match.groups()[:2])
        clip = bounds
        if match.group(3) is not None:
            clip = (_number(match.group(3), option, pair), _number(match.group(4), option, pair))
            _check_inside(option, clip[0], bounds, "clip bound")
            _check_inside(option, clip[1], bounds, "clip bound")
            if clip[0] >= clip[1]:
                raise _fail(option, f"clip bounds {clip[0]:g} >= {clip[1]:g}; expected lo < hi.")
        if not (math.isfinite(sd) and sd > 0):
            raise _fail(option, f"standard deviation {sd:g}; expected a positive number.")
        _check_inside(option, mean, clip, "mean")
        return ClippedNormal(mean, sd, clip[0], clip[1])
    if match := _FIXED.match(compact):
        value = _number(match.group(1), option, pair)
        _check_inside(option, value, bounds, "value")
        return Fixed(value)
    raise _fail(
        option,
        f"distribution {text!r} not understood; expected LOW:HIGH (uniform), normal(MU,SD),"
        " normal(MU,SD,LO,HI) or a single number.",
    )


def parse_vary(option: str) -> Variation:
    """Parse one ``--vary NAME=DISTRIBUTION`` option (see the module docstring).

    Raises
    ------
    tradewar.errors.InvalidInput
        Naming the option, the value and what was expected.
    """
    if "=" not in option:
        raise _fail(
            option, "expected NAME=DISTRIBUTION, e.g. epsilon=2:8 or kappa=normal(0.5,0.1)."
        )
    raw_name, text = option.split("=", 1)
    name, bounds = _canonical_name(raw_name, option)
    distribution = _distribution(text.replace(" ", ""), option, bounds, PAIR_ARROW in name)
    return Variation(name, distribution, option)


def parse_variations(options: Sequence[str]) -> tuple[Variation, ...]:
    """Parse every ``--vary`` option; a parameter named twice is an error."""
    return checked_variations(tuple(parse_vary(option) for option in options))


def checked_variations(variations: Sequence[Variation]) -> tuple[Variation, ...]:
    """``variations`` when each varies a different parameter (field ``vary`` otherwise)."""
    seen: dict[str, str] = {}
    for variation in variations:
        if variation.name in seen:
            raise _fail(
                variation.option,
                f"{variation.name} is already varied by {seen[variation.name]!r};"
                " give each parameter once.",
            )
        seen[variation.name] = variation.option
    return tuple(variations)


def new_root_seed() -> int:
    """A fresh random 63-bit root seed (recorded in the manifest)."""
    return secrets.randbits(63)


def draw_seeds(root_seed: int, draws: int) -> tuple[int, ...]:
    """Per-draw 63-bit seeds: ``SeedSequence(root_seed).spawn(draws)``, one integer each.

    Examples
    --------
    >>> draw_seeds(7, 3) == draw_seeds(7, 5)[:3]
    True
    """
    children = np.random.SeedSequence(root_seed).spawn(draws)
    return tuple(
        int(child.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1)) for child in children
    )


def sample_values(variations: Sequence[Variation], seed: int) -> dict[str, float]:
    """The values of one draw: ``default_rng(seed)`` sampled in the order of ``variations``."""
    rng = np.random.default_rng(seed)
    return {variation.name: variation.distribution.sample(rng) for variation in variations}


@dataclass(frozen=True)
class SweepSpec:
    """A sweep's variations, number of draws and root seed.

    Raises
    ------
    tradewar.errors.InvalidInput
        If ``draws`` is not in ``[1, MAX_DRAWS]`` or ``seed`` is negative.
    """

    variations: tuple[Variation, ...]
    draws: int
    seed: int

    def __post_init__(self) -> None:
        if not 1 <= self.draws <= MAX_DRAWS:
            raise InvalidInput(
                f"got {self.draws}; expected a whole number from 1 to {MAX_DRAWS:,}.",
                field="draws",
            )
        if self.seed < 0:
            raise InvalidInput(f"got {self.seed}; expected a non-negative integer.", field="seed")

    def sample(self) -> list[Draw]:
        """Every draw, in order: index, seed and values."""
        return [
            Draw(index, seed, sample_values(self.variations, seed))
            for index, seed in enumerate(draw_seeds(self.seed, self.draws))
        ]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for the manifest (without the per-draw seeds)."""
        return {
            "draws": self.draws,
            "root_seed": self.seed,
            "seeding": "numpy SeedSequence(root_seed).spawn(draws); seed = 63 high bits of"
            " child.generate_state(1, uint64); values = default_rng(seed) sampled in the"
            " order of 'variations'",
            "variations": [variation.to_dict() for variation in self.variations],
        }
