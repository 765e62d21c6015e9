"""A scenario as the command line names it: a bundled scenario's name or a .yaml file.

The services take a :class:`~tradewar.scenarios.spec.Scenario` or a bundled scenario's
name; reading the user's file (and naming the argument at fault) happens here.
"""

from __future__ import annotations

from pathlib import Path

from tradewar.errors import field_named
from tradewar.scenarios.spec import Scenario
from tradewar.services.scenarios import ScenarioRef

YAML_SUFFIXES = (".yaml", ".yml")


def scenario_arg(text: str, field: str) -> ScenarioRef:
    """The scenario a ``.yaml`` file holds, else ``text`` (a bundled scenario's name).

    >>> scenario_arg("geneva-truce", "name")
    'geneva-truce'
    """
    if Path(text).suffix.lower() not in YAML_SUFFIXES:
        return text
    with field_named(field):
        return Scenario.from_file(Path(text))
