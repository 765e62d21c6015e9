"""Layer A data model: the chokepoint network of products, producers, recipes and links.

A chain file (``tradewar/supply/data/*.yaml``) is validated by the pydantic models below and
compiled into :class:`ChainArrays`, the columnar form the weekly model runs on.

Vocabulary (``docs/specs/supply-chain.md`` §4.1):

* a **node** is a producer: one product made in one country (ISO3, or the regions
  ``EU27`` and ``ROW`` of this module);
* a **slot** is one input of one node's recipe: ``per_unit`` input per unit of output,
  whether it is *critical* (binds production, Pichler & Farmer 2021's partial Leontief) and
  the inventory the node holds, in weeks of baseline use (``cover_weeks``);
* an **edge** is a supplier node feeding a slot: its share of the slot's baseline need
  (the baseline flow ``f0 = share × per_unit × x0_buyer``, units per week), its lead time in
  whole weeks, and for *alternative* suppliers (no baseline flow) the share they can take
  once qualified and the weeks qualification takes.

Every figure is a :class:`Figure`: a value with the URL of its source, or ``estimate: true``
and a note with the reasoning.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from tradewar.codes.countries import to_iso3
from tradewar.errors import DataUnavailable, InvalidData, UnknownCode
from tradewar.types import BoolArray, FloatArray, IntArray, StrictStrippedModel

#: Regions the supply data may use besides ISO3 countries.
SUPPLY_REGIONS = ("EU27", "ROW")
#: Supplier country meaning "the buyer's own country" in a link.
DOMESTIC = "DOMESTIC"
#: Tolerance for shares that must sum to one.
SHARE_TOLERANCE = 1e-6


def clean_region(value: str) -> str:
    """An ISO3 code, or one of :data:`SUPPLY_REGIONS`.

    Examples
    --------
    >>> clean_region("united states"), clean_region("eu27")
    ('USA', 'EU27')
    """
    upper = value.strip().upper()
    if upper in SUPPLY_REGIONS:
        return upper
    try:
        return to_iso3(value)
    except UnknownCode as err:
        regions = ", ".join(SUPPLY_REGIONS)
        raise ValueError(f"{err} (the supply data also accept {regions})") from err


def supply_region(value: str, field: str) -> str:
    """:func:`clean_region` for an interface: an unknown region is an error naming ``field``.

    >>> supply_region("eu27", "country")
    'EU27'
    """
    try:
        return clean_region(value)
    except ValueError as err:
        raise UnknownCode(str(err), field=field) from err


class SourceRef(StrictStrippedModel):
    """A cited source: its address, publisher and what it says."""

    url: str
    publisher: str
    note: str | None = None

    @field_validator("url")
    @classmethod
    def _http(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"expected an http(s) URL, got {value!r}")
        return value


class Figure(StrictStrippedModel):
    """A number with its provenance: a source key (from the file's ``sources``) or an estimate."""

    value: float
    source: str | None = Field(default=None, description="Key in the file's sources.")
    estimate: bool = False
    note: str | None = Field(default=None, description="How the figure was read or reasoned.")

    @model_validator(mode="after")
    def _sourced_or_estimated(self) -> Figure:
        if self.source is None and not (self.estimate and self.note):
            raise ValueError(
                f"figure {self.value}: expected a 'source' key, or 'estimate: true' with a "
                "'note' giving the reasoning"
            )
        return self


class ControlTags(StrictStrippedModel):
    """What an export control must name to cover a product (matched against ledger scopes)."""

    elements: list[str] = Field(default_factory=list)
    item_keywords: list[str] = Field(default_factory=list)
    hs_prefixes: list[str] = Field(default_factory=list)


class ProductSpec(StrictStrippedModel):
    """One product of the chain."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    unit: str = Field(description="Unit of output per week, e.g. 'tonnes', 'thousand vehicles'.")
    tier: int = Field(ge=0, description="0 = raw material; higher = further downstream.")
    controls: ControlTags = Field(default_factory=ControlTags)
    mrio_sector: str | None = Field(default=None, description="MRIO sector it belongs to.")
    share_of_mrio_sector: Figure | None = None


class ProducerSpec(StrictStrippedModel):
    """A (product, country) producer: its baseline output and spare capacity."""

    product: str
    country: str
    output_per_week: Figure | None = Field(
        default=None,
        description="Baseline output (product units per week); omitted for intermediates, "
        "whose output is what modelled buyers take divided by (1 - other_buyers_share).",
    )
    other_buyers_share: Figure | None = None
    spare_capacity: Figure | None = Field(
        default=None, description="Capacity above baseline output, share of baseline."
    )

    @field_validator("country")
    @classmethod
    def _region(cls, value: str) -> str:
        return clean_region(value)


class InputSpec(StrictStrippedModel):
    """One input of a recipe."""

    input: str
    per_unit: Figure
    critical: bool = True
    cover_weeks: Figure


class RecipeSpec(StrictStrippedModel):
    """The inputs of a product, for the listed producer countries (all if ``countries`` empty)."""

    product: str
    countries: list[str] = Field(default_factory=list)
    inputs: list[InputSpec] = Field(min_length=1)

    @field_validator("countries")
    @classmethod
    def _regions(cls, value: list[str]) -> list[str]:
        return [clean_region(v) for v in value]


class SupplierSpec(StrictStrippedModel):
    """One supplier country of a link."""

    country: str
    share: Figure
    lead_weeks: Figure
    alternative: bool = False
    qualification_weeks: Figure | None = None

    @field_validator("country")
    @classmethod
    def _region(cls, value: str) -> str:
        return DOMESTIC if value.strip().upper() == DOMESTIC else clean_region(value)

    @model_validator(mode="after")
    def _alternative_has_lag(self) -> SupplierSpec:
        if self.alternative and self.qualification_weeks is None:
            raise ValueError(f"alternative supplier {self.country}: expected 'qualification_weeks'")
        if round(self.lead_weeks.value) < 1:
            raise ValueError(
                f"supplier {self.country}: lead_weeks {self.lead_weeks.value}; expected >= 1"
            )
        return self


class LinkSpec(StrictStrippedModel):
    """Who supplies ``input`` to the ``buyer_product`` plants of ``buyer_countries``."""

    input: str
    buyer_product: str
    buyer_countries: list[str] = Field(min_length=1)
    suppliers: list[SupplierSpec] = Field(min_length=1)

    @field_validator("buyer_countries")
    @classmethod
    def _regions(cls, value: list[str]) -> list[str]:
        return [clean_region(v) for v in value]


class ChainSpec(StrictStrippedModel):
    """A whole chain file."""

    schema_version: int = 1
    chain: str
    title: str
    description: str
    as_of: str
    sources: dict[str, SourceRef]
    products: list[ProductSpec]
    producers: list[ProducerSpec]
    recipes: list[RecipeSpec]
    links: list[LinkSpec]

    @model_validator(mode="after")
    def _sources_exist(self) -> ChainSpec:
        missing = sorted({f.source for f in _figures(self) if f.source} - set(self.sources))
        if missing:
            raise ValueError(f"figures cite unknown source keys {missing}; add them to 'sources'")
        return self


def _figures(spec: ChainSpec) -> list[Figure]:
    found: list[Figure] = []

    def walk(value: Any) -> None:
        if isinstance(value, Figure):
            found.append(value)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    for name in ("products", "producers", "recipes", "links"):
        walk(getattr(spec, name))
    return found


# --------------------------------------------------------------------------- compiled form


@dataclass(frozen=True)
class ChainArrays:
    """The chain as columnar arrays (indices into ``products``, ``countries``, nodes, slots).

    Shapes: N nodes, S slots (sorted by node), E edges.  Flows are product units per week.
    """

    name: str
    products: tuple[str, ...]
    product_units: tuple[str, ...]
    product_tiers: IntArray
    countries: tuple[str, ...]
    node_product: IntArray  # (N,)
    node_country: IntArray  # (N,)
    baseline_output: FloatArray  # (N,) x0, units/week
    capacity: FloatArray  # (N,) x0 * (1 + spare), units/week
    other_demand: FloatArray  # (N,) baseline sales to buyers not modelled
    slot_node: IntArray  # (S,) buying node, sorted
    slot_input: IntArray  # (S,) input product
    per_unit: FloatArray  # (S,) input units per output unit
    critical: BoolArray  # (S,)
    cover_weeks: FloatArray  # (S,) inventory cover, weeks of baseline use
    edge_supplier: IntArray  # (E,) supplying node
    edge_slot: IntArray  # (E,)
    baseline_flow: FloatArray  # (E,) f0, units/week (0 for alternatives)
    lead_weeks: IntArray  # (E,) >= 1
    is_alternative: BoolArray  # (E,)
    alternative_share: FloatArray  # (E,) share of slot need once qualified
    qualification_weeks: FloatArray  # (E,)
    incumbent_share: FloatArray  # (E,) baseline share of the slot's need

    @property
    def n_nodes(self) -> int:
        """Number of (product, country) producers."""
        return int(self.node_product.size)

    @property
    def n_slots(self) -> int:
        """Number of (node, input) slots."""
        return int(self.slot_node.size)

    @property
    def n_edges(self) -> int:
        """Number of supplier links."""
        return int(self.edge_slot.size)

    @property
    def slot_need(self) -> FloatArray:
        """Baseline use of each slot, input units per week."""
        return self.per_unit * self.baseline_output[self.slot_node]

    @property
    def edge_domestic(self) -> BoolArray:
        """Whether supplier and buyer are in the same country."""
        buyer_country = self.node_country[self.slot_node[self.edge_slot]]
        return np.asarray(self.node_country[self.edge_supplier] == buyer_country)

    def node_label(self, node: int) -> str:
        """``product@COUNTRY`` of a node."""
        return f"{self.products[self.node_product[node]]}@{self.countries[self.node_country[node]]}"

    def node_index(self, product: str, country: str) -> int:
        """Index of the node making ``product`` in ``country``."""
        for node in range(self.n_nodes):
            if self.node_label(node) == f"{product}@{country}":
                return node
        raise InvalidData(f"chain {self.name!r} has no producer {product}@{country}")


def load_chain_spec(path: Path) -> ChainSpec:
    """Read and validate a chain file.

    Raises
    ------
    DataUnavailable
        If the file does not exist.
    InvalidData
        Naming the field and value that failed.
    """
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise DataUnavailable(f"supply chain file {path} not found") from err
    try:
        return ChainSpec.model_validate(raw)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidData(
            f"{path}: field {where!r}: {first['msg']} (input {first.get('input')!r})"
        ) from err


def bundled_chain_path(name: str) -> Path:
    """Path of a bundled chain file (``rare_earths`` or ``us_controls``)."""
    path = Path(str(files("tradewar.supply") / "data" / f"{name}.yaml"))
    if not path.exists():
        known = sorted(p.stem for p in path.parent.glob("*.yaml") if p.stem != "scenarios")
        raise DataUnavailable(f"no bundled supply chain {name!r}; expected one of {known}")
    return path


def load_bundled_chain(name: str) -> ChainArrays:
    """Load and compile a bundled chain."""
    return compile_chain(load_chain_spec(bundled_chain_path(name)))


def compile_chain(spec: ChainSpec) -> ChainArrays:
    """Turn a validated :class:`ChainSpec` into :class:`ChainArrays`.

    Baseline output of an intermediate producer without ``output_per_week`` is the
    modelled buyers' baseline flow divided by ``1 - other_buyers_share``.

    Raises
    ------
    InvalidData
        For unknown products or producers, shares that do not sum to one, or an
        intermediate whose stated output is below what modelled buyers take.
    """
    products = [p.id for p in spec.products]
    if len(set(products)) != len(products):
        raise InvalidData(f"chain {spec.chain!r}: duplicate product ids in {products}")
    countries = sorted({p.country for p in spec.producers})
    nodes = [(p.product, p.country) for p in spec.producers]
    node_of = {key: i for i, key in enumerate(nodes)}
    for product, _ in nodes:
        _product_index(products, product, "producers")
    slots = _slots(spec, node_of, products)
    slot_of = {(node, inp): s for s, (node, inp, _) in enumerate(slots)}
    fixed_output = _fixed_outputs(spec, node_of)
    edges = _edges(spec, node_of, slot_of)
    x0 = _baseline_outputs(spec, nodes, slots, edges, fixed_output)
    return _arrays(spec, products, countries, nodes, slots, edges, x0)


def _product_index(products: list[str], product: str, where: str) -> int:
    if product not in products:
        raise InvalidData(f"{where}: unknown product {product!r}; expected one of {products}")
    return products.index(product)


def _slots(
    spec: ChainSpec, node_of: dict[tuple[str, str], int], products: list[str]
) -> list[tuple[int, int, InputSpec]]:
    slots: dict[tuple[int, int], InputSpec] = {}
    for recipe in spec.recipes:
        _product_index(products, recipe.product, "recipes")
        targets = recipe.countries or [c for p, c in node_of if p == recipe.product]
        for country in targets:
            node = node_of.get((recipe.product, country))
            if node is None:
                raise InvalidData(
                    f"recipes: no producer {recipe.product}@{country}; add it to 'producers'"
                )
            for item in recipe.inputs:
                slots[(node, _product_index(products, item.input, "recipes.inputs"))] = item
    ordered = sorted(slots)
    return [(node, inp, slots[(node, inp)]) for node, inp in ordered]


def _fixed_outputs(spec: ChainSpec, node_of: dict[tuple[str, str], int]) -> dict[int, float]:
    return {
        node_of[(p.product, p.country)]: p.output_per_week.value
        for p in spec.producers
        if p.output_per_week is not None
    }


@dataclass(frozen=True)
class _Edge:
    supplier: int
    slot: int
    share: float
    lead: int
    alternative: bool
    qualification: float


def _edges(
    spec: ChainSpec,
    node_of: dict[tuple[str, str], int],
    slot_of: dict[tuple[int, int], int],
) -> list[_Edge]:
    products = [p.id for p in spec.products]
    edges: list[_Edge] = []
    for link in spec.links:
        inp = _product_index(products, link.input, "links")
        incumbent = sum(s.share.value for s in link.suppliers if not s.alternative)
        if abs(incumbent - 1.0) > SHARE_TOLERANCE:
            raise InvalidData(
                f"links: incumbent shares of {link.input} to {link.buyer_product} sum to "
                f"{incumbent:.6f}; expected 1"
            )
        for country in link.buyer_countries:
            node = node_of.get((link.buyer_product, country))
            slot = None if node is None else slot_of.get((node, inp))
            if slot is None:
                raise InvalidData(
                    f"links: {link.buyer_product}@{country} has no recipe input {link.input!r}"
                )
            for supplier in link.suppliers:
                origin = country if supplier.country == DOMESTIC else supplier.country
                source = node_of.get((link.input, origin))
                if source is None:
                    raise InvalidData(
                        f"links: no producer {link.input}@{origin}; add it to 'producers'"
                    )
                qual = supplier.qualification_weeks
                edges.append(
                    _Edge(
                        source,
                        slot,
                        supplier.share.value,
                        round(supplier.lead_weeks.value),
                        supplier.alternative,
                        0.0 if qual is None else qual.value,
                    )
                )
    return edges


def _baseline_outputs(
    spec: ChainSpec,
    nodes: list[tuple[str, str]],
    slots: list[tuple[int, int, InputSpec]],
    edges: list[_Edge],
    fixed: dict[int, float],
) -> FloatArray:
    """Solve baseline outputs downstream-first (the recipe graph must be acyclic)."""
    tiers = {p.id: p.tier for p in spec.products}
    other_share = {
        i: (p.other_buyers_share.value if p.other_buyers_share else 0.0)
        for i, p in enumerate(spec.producers)
    }
    order = sorted(range(len(nodes)), key=lambda n: -tiers[nodes[n][0]])
    x0 = np.zeros(len(nodes))
    for node in order:
        modelled = sum(
            e.share * slots[e.slot][2].per_unit.value * x0[slots[e.slot][0]]
            for e in edges
            if e.supplier == node and not e.alternative
        )
        if node in fixed:
            if fixed[node] + 1e-9 < modelled:
                raise InvalidData(
                    f"producers: {nodes[node][0]}@{nodes[node][1]} output_per_week "
                    f"{fixed[node]:g} is below the {modelled:g} its modelled buyers take; "
                    "expected at least that"
                )
            x0[node] = fixed[node]
        elif modelled > 0:
            x0[node] = modelled / (1.0 - other_share[node])
        else:
            raise InvalidData(
                f"producers: {nodes[node][0]}@{nodes[node][1]} has no modelled buyers; "
                "expected an 'output_per_week'"
            )
    return x0


def _arrays(
    spec: ChainSpec,
    products: list[str],
    countries: list[str],
    nodes: list[tuple[str, str]],
    slots: list[tuple[int, int, InputSpec]],
    edges: list[_Edge],
    x0: FloatArray,
) -> ChainArrays:
    spare = np.array([p.spare_capacity.value if p.spare_capacity else 0.0 for p in spec.producers])
    slot_node = np.array([s[0] for s in slots], dtype=np.int64)
    per_unit = np.array([s[2].per_unit.value for s in slots])
    edge_supplier = np.array([e.supplier for e in edges], dtype=np.int64)
    edge_slot = np.array([e.slot for e in edges], dtype=np.int64)
    alternative = np.array([e.alternative for e in edges], dtype=bool)
    share = np.array([e.share for e in edges])
    flow = np.where(alternative, 0.0, share * per_unit[edge_slot] * x0[slot_node[edge_slot]])
    sold = np.bincount(edge_supplier, weights=flow, minlength=len(nodes))
    return ChainArrays(
        name=spec.chain,
        products=tuple(products),
        product_units=tuple(p.unit for p in spec.products),
        product_tiers=np.array([p.tier for p in spec.products], dtype=np.int64),
        countries=tuple(countries),
        node_product=np.array([products.index(p) for p, _ in nodes], dtype=np.int64),
        node_country=np.array([countries.index(c) for _, c in nodes], dtype=np.int64),
        baseline_output=x0,
        capacity=x0 * (1.0 + spare),
        other_demand=np.maximum(x0 - sold, 0.0),
        slot_node=slot_node,
        slot_input=np.array([s[1] for s in slots], dtype=np.int64),
        per_unit=per_unit,
        critical=np.array([s[2].critical for s in slots], dtype=bool),
        cover_weeks=np.array([s[2].cover_weeks.value for s in slots]),
        edge_supplier=edge_supplier,
        edge_slot=edge_slot,
        baseline_flow=flow,
        lead_weeks=np.array([e.lead for e in edges], dtype=np.int64),
        is_alternative=alternative,
        alternative_share=np.where(alternative, share, 0.0),
        qualification_weeks=np.array([e.qualification for e in edges]),
        incumbent_share=np.where(alternative, 0.0, share),
    )


def chain_from_dict(raw: dict[str, Any]) -> ChainArrays:
    """Validate and compile a chain given as a plain mapping (tests, user code)."""
    try:
        spec = ChainSpec.model_validate(raw)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidData(f"chain field {where!r}: {first['msg']}") from err
    return compile_chain(spec)
