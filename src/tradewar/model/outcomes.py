"""The one registry of the model's outcome variables: name, label, unit, and which way is good.

Every interface that shows a model result (CLI tables, the API, the dashboard, charts, exports
and sweeps) takes its labels and units from here, so a variable reads the same everywhere.
Values are per-country changes from the factual equilibrium in percent, except
``revenue_share``, which is a level: tariff revenue as a share of expenditure, in percent.

>>> OUTCOMES["prices"].axis_title
'Consumer prices, % change'
>>> OUTCOMES["prices"].higher_is_better
False
>>> outcome("welfare").noun
'welfare'
"""

from __future__ import annotations

from dataclasses import dataclass

from tradewar.errors import InvalidInput

PERCENT_CHANGE = "percent change"
SHARE_OF_EXPENDITURE = "share of expenditure"


@dataclass(frozen=True)
class Outcome:
    """One outcome variable of a model run.

    Attributes
    ----------
    name : str
        Column name in every table and file (``welfare``, ``real_wage`` ...).
    label : str
        Capitalised label for table headers and legends.
    unit : str
        ``"percent change"`` (from the factual equilibrium) or ``"share of expenditure"``.
    higher_is_better : bool or None
        ``True`` when a rise is good for the country (welfare, real wage, employment),
        ``False`` when a rise is bad (consumer prices), ``None`` when neither (trade shares,
        the deficit, the nominal wage, tariff revenue); dashboards colour by this.
    unit_note : str
        Words that qualify the unit on an axis (the deficit changes "of its factual size").
    """

    name: str
    label: str
    unit: str
    higher_is_better: bool | None
    unit_note: str = ""

    @property
    def noun(self) -> str:
        """The label inside a sentence: ``"consumer prices"``, ``"imports / GDP"``."""
        return self.label[0].lower() + self.label[1:]

    @property
    def axis_title(self) -> str:
        """The value-axis title, unit included: ``"Welfare, % change"``."""
        unit = "% change" if self.unit == PERCENT_CHANGE else self.unit
        return f"{self.label}, {unit}" + (f" {self.unit_note}" if self.unit_note else "")

    def tone(self, value: float) -> str:
        """``"good"``, ``"bad"`` or ``"neutral"``: how a change of ``value`` reads for a country."""
        if self.higher_is_better is None or value == 0:
            return "neutral"
        return "good" if (value > 0) == self.higher_is_better else "bad"


_REGISTRY: tuple[Outcome, ...] = (
    Outcome("welfare", "Welfare", PERCENT_CHANGE, True),
    Outcome("deficit", "Trade deficit", PERCENT_CHANGE, None, "of its factual size"),
    Outcome("exports_to_gdp", "Exports / GDP", PERCENT_CHANGE, None),
    Outcome("imports_to_gdp", "Imports / GDP", PERCENT_CHANGE, None),
    Outcome("employment", "Employment", PERCENT_CHANGE, True),
    Outcome("prices", "Consumer prices", PERCENT_CHANGE, False),
    Outcome("real_wage", "Real wage", PERCENT_CHANGE, True),
    Outcome("wage", "Nominal wage", PERCENT_CHANGE, None),
    Outcome("revenue_share", "Tariff revenue", SHARE_OF_EXPENDITURE, None),
)

#: Every outcome by name, in the order of the paper's Table 1, then the extras.
OUTCOMES: dict[str, Outcome] = {item.name: item for item in _REGISTRY}

#: The order in which tables show outcomes: welfare and its parts first, trade after.
DISPLAY_ORDER: tuple[str, ...] = (
    "welfare",
    "real_wage",
    "prices",
    "employment",
    "exports_to_gdp",
    "imports_to_gdp",
    "deficit",
    "wage",
    "revenue_share",
)


def outcome(name: str) -> Outcome:
    """The outcome called ``name``; an error listing the names when there is none."""
    try:
        return OUTCOMES[name]
    except KeyError:
        raise InvalidInput(
            f"variable: {name!r} is not a model outcome; expected one of {', '.join(OUTCOMES)}."
        ) from None


def units() -> dict[str, str]:
    """Each outcome's unit by name (the ``units`` entry of exports and manifests)."""
    return {name: item.unit for name, item in OUTCOMES.items()}
