"""The services container: each service built once per process, wired by construction.

The web app holds one container per app, the CLI one per invocation of ``tradewar``; no
service module constructs another service (the container is the one place that does).
"""

from __future__ import annotations

import ast
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import tradewar.services.model as model_module
from tests.gedata import ge_data_dir
from tests.web.conftest import make_settings
from tradewar.cli.app import app as cli_app
from tradewar.cli.context import invocation_services, services
from tradewar.config import Settings
from tradewar.ledger.store import LedgerStore
from tradewar.services.container import Services
from tradewar.web.app import create_app

#: Each test's commands read a private copy of a seeded ledger (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("seeded_ledger")

SERVICES_DIR = Path(__file__).resolve().parents[1] / "src" / "tradewar" / "services"
#: Every service the container offers, by its property name.
NAMES = (
    "hts", "model", "data", "supply_sectors", "ledger", "scenarios", "charts", "strategy",
    "sweeps", "sectors", "supply",
)  # fmt: skip


@pytest.fixture
def container(tmp_path: Path) -> Services:
    return Services(Settings(database_url=f"sqlite:///{tmp_path / 'ledger.sqlite'}"))


def test_services_share_their_dependencies_by_construction(container: Services) -> None:
    assert container.ledger.hts is container.hts
    assert container.scenarios.ledger is container.ledger
    assert container.scenarios.model is container.model
    assert container.charts.ledger is container.ledger
    assert container.charts.scenarios is container.scenarios
    assert container.strategy.scenarios is container.scenarios
    assert container.sweeps.scenarios is container.scenarios
    assert container.sectors.scenarios is container.scenarios
    assert container.supply.ledger is container.ledger
    assert container.supply.wiod is container.supply_sectors


def test_news_service_shares_the_ledger(container: Services) -> None:
    pytest.importorskip("tradewar.services.news", reason="the news extra is not installed")
    assert container.news.ledger is container.ledger
    assert container.news is container.news


@pytest.mark.parametrize("name", NAMES)
def test_each_service_is_built_once(container: Services, name: str) -> None:
    first = getattr(container, name)
    assert getattr(container, name) is first
    assert name in container.built()


def test_services_are_built_on_first_use_only(container: Services) -> None:
    assert container.built() == []
    container.ledger  # noqa: B018
    assert sorted(container.built()) == ["hts", "ledger"]  # the ledger's one dependency


def all_at_once(threads: int, first_use: Callable[[], object]) -> list[object]:
    """What ``first_use`` returns in each of ``threads`` threads released together."""
    start = threading.Barrier(threads)
    seen: list[object] = []

    def run() -> None:
        start.wait()
        seen.append(first_use())

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return seen


def test_first_use_from_many_threads_builds_one_service(
    container: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tradewar.services.scenarios import ScenarioService

    built = _counting(monkeypatch, ScenarioService)
    seen = all_at_once(8, lambda: container.scenarios)
    assert len(built) == 1
    assert all(service is seen[0] for service in seen)


def test_a_second_container_builds_its_own(container: Services) -> None:
    other = Services(container.settings)
    assert other.ledger is not container.ledger


def test_close_disposes_an_opened_store_only(
    container: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    container.close()  # nothing built: nothing to close
    assert container.built() == []
    store = container.ledger.store
    disposed: list[bool] = []
    monkeypatch.setattr(store.engine, "dispose", lambda: disposed.append(True))
    container.close()
    assert disposed == [True]


@pytest.mark.skipif(ge_data_dir() is None, reason="needs the GE data (TRADEWAR_DATA_DIR)")
def test_charts_reuse_the_loaded_model_world(monkeypatch: pytest.MonkeyPatch) -> None:
    """A welfare chart after a scenario run loads the GE data no second time."""
    loads = _counting_function(monkeypatch, model_module, "load_ge_data")
    container = Services(Settings(data_dir=ge_data_dir()))
    container.scenarios.run("geneva-truce")
    container.charts.welfare_spec("geneva-truce")
    container.charts.welfare_spec("geneva-truce")
    assert len(loads) == 1


@pytest.mark.skipif(ge_data_dir() is None, reason="needs the GE data (TRADEWAR_DATA_DIR)")
def test_the_model_world_is_calibrated_once_from_many_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calibrations = _counting_function(monkeypatch, model_module, "calibrate_world")
    model = Services(Settings(data_dir=ge_data_dir())).model
    worlds = all_at_once(4, lambda: model.world)
    assert len(calibrations) == 1
    assert all(world is worlds[0] for world in worlds)


# ---------------------------------------------------------------------- no service builds another


def _service_constructions(path: Path) -> list[str]:
    """``Name(`` calls in ``path`` whose name ends with ``Service`` (line: name)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name.endswith("Service"):
            found.append(f"{path.name}:{node.lineno}: {name}(")
    return found


def test_no_service_module_constructs_another_service() -> None:
    modules = [p for p in sorted(SERVICES_DIR.glob("*.py")) if p.name != "container.py"]
    assert len(modules) > 10
    constructions = [hit for path in modules for hit in _service_constructions(path)]
    assert constructions == [], "build services in services/container.py, pass them in"


def test_the_scan_finds_a_construction(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from x import LedgerService\nledger = LedgerService(settings)\n")
    assert _service_constructions(sample) == ["sample.py:2: LedgerService("]


# ---------------------------------------------------------------------- CLI: one per invocation


def test_cli_services_last_one_invocation() -> None:
    with invocation_services():
        first = services()
        assert services() is first
        assert services().scenarios.ledger is first.ledger
    with invocation_services():
        assert services() is not first


def test_a_cli_invocation_opens_one_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """``scenario from-ledger`` uses the scenario service on the ledger: one store opened,
    and the next invocation opens its own (tests with other settings do not leak)."""
    opened: list[str] = []
    real_open = LedgerStore.open.__func__  # type: ignore[attr-defined]

    def counting_open(cls: type[LedgerStore], url: str, *args: Any, **kwargs: Any) -> Any:
        opened.append(url)
        return real_open(cls, url, *args, **kwargs)

    monkeypatch.setattr(LedgerStore, "open", classmethod(counting_open))
    args = ["scenario", "from-ledger", "--on", "2025-05-20", "--json"]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    assert len(opened) == 1
    result = CliRunner().invoke(
        cli_app, ["tariff", "--importer", "USA", "--exporter", "CHN", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert len(opened) == 2


# ---------------------------------------------------------------------- web: one per app


@pytest.fixture
def web_client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(tmp_path, None))) as client:
        yield client


def test_the_web_app_builds_its_container_once(
    web_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = web_client.app.state.web  # type: ignore[attr-defined]
    container = state.services
    built = _counting(monkeypatch, Services)
    for _ in range(3):
        assert web_client.get("/api/v1/measures").status_code == 200
        assert web_client.get("/").status_code == 200
    assert built == []
    assert state.services is container
    assert state.ledger is container.ledger
    assert state.scenarios.ledger is state.ledger
    assert state.charts.ledger is state.ledger


def test_two_apps_have_two_containers(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = create_app(make_settings(tmp_path / "a", None)).state.web.services
    second = create_app(make_settings(tmp_path / "b", None)).state.web.services
    assert first is not second


# ---------------------------------------------------------------------- helpers


def _counting(monkeypatch: pytest.MonkeyPatch, cls: type) -> list[object]:
    """Record each construction of ``cls`` (its instances) from now on."""
    made: list[object] = []
    real_init: Callable[..., None] = cls.__init__  # type: ignore[misc]

    def init(self: object, *args: Any, **kwargs: Any) -> None:
        made.append(self)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(cls, "__init__", init)
    return made


def _counting_function(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[object]:
    """Record each call of ``module.name`` from now on."""
    calls: list[object] = []
    real = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_the_documented_example_runs() -> None:
    """docs/reference.md's container example runs and shows what it says."""
    reference = (Path(__file__).resolve().parents[1] / "docs" / "reference.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", reference, flags=re.S)
    (example,) = [block for block in blocks if "services.container import Services" in block]
    namespace: dict[str, Any] = {}
    exec(compile(example, "docs/reference.md", "exec"), namespace)
    assert namespace["duty"].total_additional_pct == 145
    assert namespace["shared"] is True
    assert namespace["truce"].name
    assert isinstance(namespace["chart"], dict) and "$schema" in namespace["chart"]
