"""Small hand-made chains for the supply tests."""

from __future__ import annotations

from typing import Any

from tradewar.supply.network import ChainArrays, chain_from_dict

E = {"estimate": True, "note": "test value"}


def fig(value: float) -> dict[str, Any]:
    """A figure marked as a test estimate."""
    return {"value": value, **E}


def three_tier(
    *,
    oxide_lead: int = 2,
    magnet_cover: float = 3.0,
    magnet_lead: int = 3,
    motor_cover: float = 2.0,
    alternative: bool = False,
    qualification: float = 6.0,
) -> ChainArrays:
    """CHN oxide -> JPN magnets -> USA cars (one input each, all critical)."""
    suppliers_oxide: list[dict[str, Any]] = [
        {"country": "CHN", "share": fig(1.0), "lead_weeks": fig(oxide_lead)}
    ]
    if alternative:
        suppliers_oxide.append(
            {
                "country": "AUS",
                "alternative": True,
                "share": fig(1.0),
                "lead_weeks": fig(1),
                "qualification_weeks": fig(qualification),
            }
        )
    producers: list[dict[str, Any]] = [
        {"product": "oxide", "country": "CHN"},
        {"product": "magnet", "country": "JPN"},
        {"product": "car", "country": "USA", "output_per_week": fig(100.0)},
    ]
    if alternative:
        producers.append(
            {
                "product": "oxide",
                "country": "AUS",
                "output_per_week": fig(1.0),
                "spare_capacity": fig(10.0),
            }
        )
    raw = {
        "chain": "three_tier",
        "title": "test",
        "description": "test chain",
        "as_of": "2026-01-01",
        "sources": {},
        "products": [
            {"id": "oxide", "name": "oxide", "unit": "t", "tier": 0},
            {"id": "magnet", "name": "magnet", "unit": "t", "tier": 1},
            {"id": "car", "name": "car", "unit": "k", "tier": 2},
        ],
        "producers": producers,
        "recipes": [
            {
                "product": "magnet",
                "inputs": [
                    {"input": "oxide", "per_unit": fig(0.5), "cover_weeks": fig(magnet_cover)}
                ],
            },
            {
                "product": "car",
                "inputs": [
                    {"input": "magnet", "per_unit": fig(0.01), "cover_weeks": fig(motor_cover)}
                ],
            },
        ],
        "links": [
            {
                "input": "oxide",
                "buyer_product": "magnet",
                "buyer_countries": ["JPN"],
                "suppliers": suppliers_oxide,
            },
            {
                "input": "magnet",
                "buyer_product": "car",
                "buyer_countries": ["USA"],
                "suppliers": [
                    {"country": "JPN", "share": fig(1.0), "lead_weeks": fig(magnet_lead)}
                ],
            },
        ],
    }
    return chain_from_dict(raw)
