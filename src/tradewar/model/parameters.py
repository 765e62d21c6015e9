"""Parameters of the Ignatenko–Lashkaripour–Macedoni–Simonovska (2025) model.

Every number the model uses lives here, named and documented, with the section of the
project specification (``docs/specs/ge-model.md``, "the spec") that fixes it.  Values are
those of the authors' replication code (IMLS 2025, J. Int. Econ. 157, 104138).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Trade elasticity ε of the baseline (ge-model §3).
BASELINE_TRADE_ELASTICITY = 4.0
#: Labour-supply elasticity κ (Chetty et al.; ge-model §3).
LABOUR_SUPPLY_ELASTICITY = 0.5
#: Product ε·ψ of trade and scale elasticities; ψ = 0.67/4 (ge-model §3).
TRADE_TIMES_SCALE_ELASTICITY = 0.67
#: Firm-level tariff pass-through ϖ of the baseline ("Phi{1}", ge-model §3).
BASELINE_FIRM_PASSTHROUGH = 1.0
#: Firm-level pass-through of the incomplete-pass-through robustness run (Table 9 alt. 2).
INCOMPLETE_FIRM_PASSTHROUGH = 0.25
#: Trade elasticity of the higher-elasticity robustness run (Table 9 alt. 3).
HIGH_TRADE_ELASTICITY = 8.0
#: Value-added share β of gross output in the one-sector input–output model (ge-model §3, §8).
VALUE_ADDED_SHARE_IO = 0.49
#: Federal budget as a share of US GDP, used to restate tariff revenue (Table 3).
FEDERAL_BUDGET_SHARE_OF_GDP = 0.23
#: Sales-weighted SG&A targets of the ν calibration: (non-US, US) (ge-model §2a).
NU_TARGETS = (0.12, 0.26)
#: Starting point of the ν calibration (ge-model §2a).
NU_START = (0.10, 0.24)
#: Floor of the USTR "reciprocal" schedule: the model applies max(0.1, rate) (ge-model §5).
USTR_MINIMUM_RATE = 0.10
#: The 108% US–China rate of Table 8, case 3.
US_CHINA_ESCALATION_RATE = 1.08

#: ISO3 codes of the 25 EU members the authors' code aggregates as "EU" (ge-model §1, quirk 1):
#: the 27 members less CZE and SVK, which the code counts in "RoW".
EU25_ISO3: tuple[str, ...] = (
    "AUT", "BEL", "BGR", "CYP", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GRC", "HRV", "HUN",
    "IRL", "ITA", "LTU", "LUX", "LVA", "MLT", "NLD", "POL", "PRT", "ROU", "SVN", "SWE",
)  # fmt: skip

UNITED_STATES = "USA"
CHINA = "CHN"


@dataclass(frozen=True)
class Elasticities:
    """Elasticities of a model run.

    Attributes
    ----------
    trade : float
        Trade elasticity ε (dimensionless, > 0).
    scale : float
        Scale elasticity ψ (dimensionless, >= 0).  The authors keep ψ = 0.67/4 even when
        ε = 8 (spec quirk 8).
    labour_supply : float
        Labour-supply elasticity κ (dimensionless, >= 0).
    """

    trade: float = BASELINE_TRADE_ELASTICITY
    scale: float = TRADE_TIMES_SCALE_ELASTICITY / BASELINE_TRADE_ELASTICITY
    labour_supply: float = LABOUR_SUPPLY_ELASTICITY
