"""War and talks over the API: Nash tariff wars, the talks of two players and optimal
retaliation, run as jobs (``tradewar war|talks|optimal-retaliation``, Ossa 2014).

These runs take 3–40 s, longer than a request should wait, so each ``POST
/api/v1/strategy/...`` checks its input at once (a bad player is a 422 problem naming
``players``), starts a background process on the job board the ``/war`` page uses
(:mod:`tradewar.web.jobs`: at most two runs at once, the same run joined, the last 32 results
kept) and answers ``202 Accepted`` with ``Location: /api/v1/jobs/{id}``.  ``GET`` on the job
gives its status and progress (steps done of steps in all, from the strategy code's
``progress(done, total)`` callback), then its result or its error as a problem;
``DELETE`` cancels it.  The job processes call :class:`~tradewar.services.strategy.
StrategyService` (and the sectoral service) only; their payloads are the CLI's ``--json``
with the data's citation and licence added.

``GET /api/v1/jobs/{id}?format=csv`` gives a finished job's result as a table
(:func:`result_table`): a war's Nash tariffs, welfare and best responses by round as the ``/war``
page's tidy rows, the talks' points (threat, deal, frontier, episodes), the retaliation cases.
The CSV carries the rows alone, its ``Link`` header (``rel="describedby"``) names the job's JSON,
which carries the citation and licence; a job still running, failed or cancelled is a 409
problem, never a partial file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import APIRouter, Request, Response
from fastapi import Path as PathParam
from pydantic import BaseModel, ConfigDict, Field

from tradewar.codes.rates import players as parse_players
from tradewar.config import Settings
from tradewar.errors import InvalidInput
from tradewar.model.outcomes import OUTCOMES
from tradewar.strategy.nash import WarScope
from tradewar.web.deps import (
    CSV_CONTENT,
    READ_PROBLEMS,
    FormatParam,
    State,
    WebState,
    compute,
    parsed,
    responses,
)
from tradewar.web.jobs import Busy, Job, JobBoard, Target, board_of
from tradewar.web.problems import (
    PROBLEM_BASE,
    STATUS_OF,
    FieldError,
    Problem,
    ProblemError,
    problem_schema_responses,
)
from tradewar.web.sector_scenario import LICENCE as SECTORS_LICENCE
from tradewar.web.tabular import described_csv_response
from tradewar.web.war_pages import TABLE_COLUMNS, table_rows

router = APIRouter(prefix="/api/v1", responses=READ_PROBLEMS)

log = logging.getLogger(__name__)

#: The job board's ``progress(done, total)`` callback.
Progress = Callable[[int, int], None]

#: The one-sector model's data, cited wherever its results are shown (``ge/README``).
GE_CITATION = (
    "Ignatenko, Lashkaripour, Macedoni & Simonovska (2025), 'Making America Great Again? The"
    " Economic Impacts of Liberation Day Tariffs', J. Int. Econ. 157, 104138: 194 countries,"
    " CEPII BACI 2023 goods trade, World Bank WDI GDP, as in the authors' replication"
    " package; war and talks after Ossa (2014), AER 104(12)."
)
GE_LICENCE = (
    "Licences: BACI (CEPII; cite CEPII), WDI (World Bank, CC BY 4.0), USTR rates (public"
    " domain); tradewar code MIT."
)
#: Job kinds of this router (the board also runs the pages' jobs, which are not served here).
KINDS = {"strategy-war": "war", "strategy-talks": "talks", "strategy-retaliation": "retaliation"}

RETALIATION_NOTES = (
    "Closed form: the retaliation of Proposition 2 (ge-model spec section 6) on a two-region"
    " (non-US, US) aggregate at factual shares, as the paper's code computes it.",
    "Numerical: the one common rate on US goods that maximises the non-US coalition's"
    " expenditure-weighted welfare in the solved model (adjoint gradients).",
    "Welfare: percent change from the factual world; non-US and EU (25) weighted by"
    " expenditure, as in the paper's Table 2.",
)

# ---------------------------------------------------------------------- requests


class WarModel(StrEnum):
    """The model a war is fought on (``tradewar war --model``)."""

    one_sector = "one-sector"
    sectors = "sectors"


PlayerCode = Annotated[str, Field(min_length=1, max_length=60)]


class WarBody(BaseModel):
    """A Nash tariff war: who fights, on which scenario's other tariffs, with which tariffs."""

    model_config = ConfigDict(extra="forbid")

    players: list[PlayerCode] = Field(
        default=["USA", "CHN"],
        min_length=2,
        max_length=10,
        description="Two or more different players: ISO3 codes (or country names) or 'EU',"
        " the 25 members of the paper's tables.",
    )
    base: str = Field(
        default="prewar",
        min_length=1,
        max_length=80,
        description="The bundled scenario whose tariffs every non-player keeps (GET"
        " /api/v1/scenarios); one-sector model only.",
    )
    scope: WarScope = Field(
        default=WarScope.bilateral,
        description="bilateral: one rate on each other player; uniform: one rate on every"
        " partner; discriminatory: one rate per partner country. One-sector model only.",
    )
    model: WarModel = Field(
        default=WarModel.one_sector,
        description="one-sector (194 countries, 2023) or sectors (LL2023: 44 regions x 16"
        " industries, WIOD 2014; one rate per industry on each other player).",
    )


class TalksBody(BaseModel):
    """The talks of two players: threat point (their Nash war), frontier and deal."""

    model_config = ConfigDict(extra="forbid")

    players: list[PlayerCode] = Field(
        default=["USA", "CHN"],
        min_length=2,
        max_length=2,
        description="Two different players: ISO3 codes (or country names) or 'EU'.",
    )
    base: str = Field(
        default="prewar",
        min_length=1,
        max_length=80,
        description="The bundled scenario whose tariffs hold for every other pair.",
    )


# ---------------------------------------------------------------------- results


class DataSource(BaseModel):
    """Where a result's data comes from and under which licence."""

    citation: str = Field(description="The paper and datasets to cite with these numbers.")
    licence: str = Field(description="The data's licences.")


class GroupOutcome(BaseModel):
    """A reported group's outcome (USA, CHN, EU, RoW, world), percent change from the
    factual world."""

    group: str
    welfare_pct: float = Field(description="Welfare (real income), percent change.")
    employment_pct: float = Field(description="Employment, percent change.")
    prices_pct: float = Field(description=f"{OUTCOMES['prices'].label}, percent change.")
    deficit_pct: float = Field(description="Trade deficit, percent change.")


class TariffSummary(BaseModel):
    """A player's Nash rates in brief (percent); partners it imports nothing from are left
    out of the range, their rate being undetermined."""

    partners: int = Field(description="How many rates the player sets.")
    partners_traded: int = Field(description="How many of them cover factual imports.")
    import_weighted_mean_pct: float | None = Field(
        None, description="Mean rate weighted by factual imports (USD), percent."
    )
    min_pct: float | None = Field(None, description="Lowest rate on a traded partner, percent.")
    median_pct: float | None = Field(None, description="Median rate, percent.")
    max_pct: float | None = Field(None, description="Highest rate, percent.")


class WarStep(BaseModel):
    """One best response: who moved, to which rates, and everyone's welfare after it."""

    round: int
    player: str
    rates_pct: dict[str, float] = Field(description="The mover's rates after it, percent.")
    change_pct: float = Field(description="Largest rate change of the move, percentage points.")
    welfare_pct: dict[str, float] = Field(
        description="Each player's welfare after the move, percent change."
    )


class WarConvergence(BaseModel):
    """How the iterated best responses (Gauss–Seidel) ended."""

    rounds: int
    max_change_pct: float = Field(
        description="Largest rate change in the last round, percentage points."
    )
    equilibrium_solves: int
    steps: list[WarStep]


class WarResult(BaseModel):
    """A Nash tariff war on the one-sector model (``tradewar war --json``)."""

    kind: Literal["war"] = "war"
    model: Literal["one-sector"] = "one-sector"
    players: list[str]
    base: str = Field(description="The scenario every non-player's tariffs come from.")
    scope: str
    nash_tariffs_pct: dict[str, dict[str, float]] = Field(
        description="Each player's Nash tariffs by lever ('USA on CHN'), percent."
    )
    tariff_summary: dict[str, TariffSummary]
    welfare_pct: dict[str, float] = Field(
        description="Each player's welfare at the Nash equilibrium, percent change from the"
        " factual (2023, zero-tariff) world."
    )
    groups: list[GroupOutcome]
    countries: list[dict[str, Any]] = Field(
        description="Every country's outcomes as in 'tradewar simulate --json': percent"
        " changes, except revenue_share (a fraction of factual expenditure) and"
        " tariff_revenue_usd_thousands (thousands of USD); null where undefined."
    )
    convergence: WarConvergence
    data: DataSource


class SectoralWarResult(BaseModel):
    """A Nash war on the sectoral model (LL2023, restricted entry; ``tradewar war --model
    sectors --json``)."""

    kind: Literal["sectoral-war"] = "sectoral-war"
    model: Literal["sectors"] = "sectors"
    entry: str
    players: list[str]
    nash_tariffs_pct: dict[str, dict[str, dict[str, float]]] = Field(
        description="Player -> lever ('USA on CHN') -> industry -> Nash tariff, percent."
    )
    import_weighted_mean_pct: dict[str, dict[str, float]] = Field(
        description="Player -> opponent -> mean tariff weighted by 2014 flows, percent."
    )
    welfare_pct: dict[str, float] = Field(description="Welfare at war, percent change.")
    table4_post_retaliation_pct: dict[str, float] = Field(
        description="Each player's Table 4 'post retaliation' gain, percent, for comparison."
    )
    groups: list[dict[str, Any]] = Field(description="Group outcomes, percent changes.")
    convergence: dict[str, Any] = Field(
        description="Rounds and every best response (change_pct in percentage points)."
    )
    notes: list[str]
    data: DataSource


class DealPoint(BaseModel):
    """A point of the welfare plane: the two bilateral tariffs and each side's welfare."""

    label: str
    tariff_a_on_b_pct: float = Field(description="Player a's tariff on b, percent.")
    tariff_b_on_a_pct: float = Field(description="Player b's tariff on a, percent.")
    welfare_a_pct: float = Field(description="a's welfare, percent change from the factual world.")
    welfare_b_pct: float = Field(description="b's welfare, percent change from the factual world.")


class TalksResult(BaseModel):
    """The talks of two players (``tradewar talks --json``): the Nash war as threat point,
    the efficient frontier, the bargaining set and the Nash bargaining deal."""

    kind: Literal["talks"] = "talks"
    players: dict[str, str] = Field(description="{'a': first player, 'b': second}.")
    base: str
    threat: DealPoint = Field(description="The threat point: the two players' Nash war.")
    bargaining: DealPoint = Field(description="The Nash bargaining deal.")
    frontier: list[DealPoint] = Field(description="The efficient frontier (non-negative rates).")
    bargaining_set: list[DealPoint] = Field(
        description="The frontier points both players prefer to the war (welfare at least"
        " the threat point's for each)."
    )
    episodes: list[DealPoint] = Field(description="The 2025 episodes at their bilateral rates.")
    bargaining_groups: list[GroupOutcome]
    notes: list[str]
    data: DataSource


class RetaliationCase(BaseModel):
    """One row of Table 2 panels (3)-(4): closed form or numerical optimum."""

    case: str
    us_tariff_pct: float | None = Field(
        description="US tariff, percent; null for the USTR schedule of 2 April 2025."
    )
    retaliation_pct: float = Field(description="Every non-US tariff on US goods, percent.")
    welfare_pct: dict[str, float] = Field(
        description="Welfare of USA, CHN, EU (25) and non-US, percent change."
    )


class RetaliationResult(BaseModel):
    """Optimal retaliation (``tradewar optimal-retaliation --json``)."""

    kind: Literal["optimal-retaliation"] = "optimal-retaliation"
    cases: list[RetaliationCase]
    notes: list[str]
    data: DataSource


StrategyResult = Annotated[
    WarResult | SectoralWarResult | TalksResult | RetaliationResult, Field(discriminator="kind")
]


class JobProgress(BaseModel):
    """Steps done of steps in all: best responses (counted against the war's cap of rounds
    until it ends, then the real count), frontier points and the deal, Table 2 cases."""

    done: int
    total: int = Field(description="0 until the run reports its first step.")


class JobOut(BaseModel):
    """A strategy run: its status, progress, and its result or error."""

    id: str
    kind: Literal["war", "talks", "retaliation"]
    status: Literal["running", "done", "failed", "cancelled"]
    parameters: dict[str, Any] = Field(description="What the run computes, as checked.")
    progress: JobProgress
    elapsed_s: float = Field(description="Seconds since the start (the duration once ended).")
    result: StrategyResult | None = Field(None, description="When status is done.")
    error: Problem | None = Field(None, description="When status is failed: the problem.")


# ---------------------------------------------------------------------- job targets


def _data(model: WarModel = WarModel.one_sector) -> dict[str, str]:
    if model is WarModel.sectors:
        from tradewar.model.sectors.data import CITATION

        return {"citation": CITATION, "licence": SECTORS_LICENCE}
    return {"citation": GE_CITATION, "licence": GE_LICENCE}


def run_war(
    settings: Settings,
    progress: Progress,
    players: list[str],
    base: str,
    scope: str,
    model: str,
) -> dict[str, Any]:
    """The Nash war (in the job's own process, with its own services)."""
    from tradewar.services.container import Services
    from tradewar.services.strategy import WarRequest, war_payload

    services = Services(settings)
    if model == WarModel.sectors:
        payload = services.sectors.war(players, progress)
        return {"kind": "sectoral-war", **payload, "data": _data(WarModel.sectors)}
    war = services.strategy.war(WarRequest(tuple(players), base, WarScope(scope)), progress)
    return {"kind": "war", "model": "one-sector", **war_payload(war, base), "data": _data()}


def run_talks(
    settings: Settings, progress: Progress, players: list[str], base: str
) -> dict[str, Any]:
    """The talks of two players (in the job's own process)."""
    from tradewar.services.container import Services
    from tradewar.services.strategy import talks_payload

    result = Services(settings).strategy.talks(players, base, progress)
    payload = talks_payload(result, base)
    threat = payload["threat"]
    bargaining_set = [
        point
        for point in payload["frontier"]
        if point["welfare_a_pct"] >= threat["welfare_a_pct"]
        and point["welfare_b_pct"] >= threat["welfare_b_pct"]
    ]
    return {"kind": "talks", **payload, "bargaining_set": bargaining_set, "data": _data()}


def run_retaliation(settings: Settings, progress: Progress) -> dict[str, Any]:
    """Table 2's optimal retaliation (in the job's own process)."""
    from tradewar.services.container import Services
    from tradewar.services.strategy import retaliation_payload

    rows = retaliation_payload(Services(settings).strategy.optimal_retaliation(progress))
    return {"kind": "optimal-retaliation", "cases": rows, "notes": list(RETALIATION_NOTES),
            "data": _data()}  # fmt: skip


TARGETS: dict[str, Target] = {
    "strategy-war": run_war,
    "strategy-talks": run_talks,
    "strategy-retaliation": run_retaliation,
}

# ---------------------------------------------------------------------- checks


def _players(codes: list[str]) -> list[str]:
    """ISO3 codes (or EU) in order, each different; a slip is a 422 naming ``players``."""
    found = list(parsed("players", parse_players, codes, "players"))
    if len(set(found)) < len(found):
        raise InvalidInput(f"got {found}; expected different players.", field="players")
    return found


def _bundled(state: WebState, base: str) -> str:
    """A bundled scenario's name (the API never reads a file it is named)."""
    known = [s.name for s in state.scenarios.list()]
    if base not in known:
        raise InvalidInput(f"unknown scenario {base!r}; expected one of {', '.join(known)}.",
                           field="base")  # fmt: skip
    return base


def war_parameters(state: WebState, body: WarBody) -> dict[str, Any]:
    """The war's parameters, checked before anything starts (in a model thread: names are
    matched fuzzily, and the first check loads the 194-country world)."""
    players = _players(body.players)
    if body.model is WarModel.sectors:
        if body.scope is not WarScope.bilateral or body.base != "prewar":
            raise InvalidInput(
                f"got scope {body.scope.value!r} and base {body.base!r} with the sectoral"
                " model; scope and base apply to the one-sector model (the sectoral war sets"
                " one rate per industry on each other player, every other tariff at its 2014"
                " applied value): leave them out.",
                field="model",
            )
    else:
        _bundled(state, body.base)
        state.services.strategy.players(players)  # in the model's 194 countries
    return {"players": players, "base": body.base, "scope": body.scope.value,
            "model": body.model.value}  # fmt: skip


def talks_parameters(state: WebState, body: TalksBody) -> dict[str, Any]:
    """The talks' parameters, checked before anything starts (in a model thread)."""
    players = _players(body.players)
    _bundled(state, body.base)
    state.services.strategy.players(players)
    return {"players": players, "base": body.base}


def _world_loaded(state: WebState) -> None:
    """The one-sector world is there (503 naming the missing file if not)."""
    state.services.strategy.world  # noqa: B018 (loaded here, once)


# ---------------------------------------------------------------------- endpoints

JOB_RESPONSES: dict[int | str, dict[str, Any]] = {
    202: {
        "description": "Accepted: the run goes on; poll the job at the Location header.",
        "headers": {"Location": {"description": "/api/v1/jobs/{id}", "schema": {"type": "string"}}},
    }
}


async def _start(
    request: Request, response: Response, state: WebState, kind: str, params: dict[str, Any]
) -> JobOut:
    """Start (or join) the run; its process starts off the event loop."""
    board = board_of(request.app.state, state.settings)
    try:
        job = await anyio.to_thread.run_sync(board.start, kind, TARGETS[kind], params)
    except Busy as err:
        raise ProblemError(503, "busy", "Server busy", str(err).replace(
            "reload this page", "try again"), headers={"Retry-After": "10"}) from err  # fmt: skip
    response.headers["Location"] = f"/api/v1/jobs/{job.id}"
    return job_out(job)


@router.post(
    "/strategy/war",
    status_code=202,
    response_model=JobOut,
    responses=JOB_RESPONSES,
    tags=["strategy"],
    summary="Start a Nash tariff war (a job)",
)
async def start_war(
    request: Request, response: Response, state: State, body: WarBody | None = None
) -> JobOut:
    """Nash tariffs by iterated best responses among the players, every other tariff at the
    base scenario's values (``tradewar war``); 202 with the job's Location."""
    params = await compute(state, war_parameters, state, body or WarBody())
    return await _start(request, response, state, "strategy-war", params)


@router.post(
    "/strategy/talks",
    status_code=202,
    response_model=JobOut,
    responses=JOB_RESPONSES,
    tags=["strategy"],
    summary="Start the talks of two players (a job)",
)
async def start_talks(
    request: Request, response: Response, state: State, body: TalksBody | None = None
) -> JobOut:
    """Threat point (their Nash war), efficient frontier, bargaining set and Nash bargaining
    deal of two players, with the 2025 episodes (``tradewar talks``); 202 with Location."""
    params = await compute(state, talks_parameters, state, body or TalksBody())
    return await _start(request, response, state, "strategy-talks", params)


@router.post(
    "/strategy/optimal-retaliation",
    status_code=202,
    response_model=JobOut,
    responses=JOB_RESPONSES,
    tags=["strategy"],
    summary="Start the optimal-retaliation comparison (a job)",
)
async def start_retaliation(request: Request, response: Response, state: State) -> JobOut:
    """Table 2 panels (3)-(4): the closed-form optimal retaliation next to the numerical
    optimum, and the uniform war (``tradewar optimal-retaliation``); 202 with Location."""
    await compute(state, _world_loaded, state)
    return await _start(request, response, state, "strategy-retaliation", {})


JobId = Annotated[str, PathParam(min_length=1, max_length=80)]


def _job(request: Request, state: WebState, job_id: str, cancel: bool = False) -> Job:
    board: JobBoard = board_of(request.app.state, state.settings)
    job = board.get(job_id)
    if job is None or job.kind not in KINDS:
        raise ProblemError(404, "job-not-found", "Job not found",
                           f"No strategy job {job_id!r}: it never ran here, or it finished long"
                           " ago (the last 32 results are kept); start it again.",
                           field="id")  # fmt: skip
    if cancel:
        board.cancel(job_id)
    return job


@router.get(
    "/jobs/{id}",
    response_model=JobOut,
    responses=responses(CSV_CONTENT, problem_schema_responses(409)),
    tags=["strategy"],
    summary="A strategy job: status, progress, result or error",
)
def get_job(request: Request, state: State, id: JobId, format: FormatParam = "json") -> Any:
    """Poll until ``status`` is ``done`` (``result``), ``failed`` (``error``, a problem
    naming the field) or ``cancelled``. ``format=csv`` gives a finished job's result as a
    table (a war's tariffs, welfare and rounds; the talks' points; the retaliation cases);
    before the job is done it is a 409 problem."""
    job = _job(request, state, id)
    if format == "csv":
        return _result_csv(job)
    return job_out(job)


def _result_csv(job: Job) -> Response:
    """A finished job's result as CSV; a job not done is a 409 naming ``format``."""
    if job.status != "done" or job.result is None:
        done, total = job.progress
        steps = f"{done} of {total} steps done" if total else "no step reported yet"
        if job.status == "running":
            state = (
                f"is still running ({steps}); a CSV is written from "
                f"a finished result only: poll GET /api/v1/jobs/{job.id} until its status is "
                "done, then ask for format=csv"
            )
        elif job.status == "failed":
            state = f"failed ({_problem(job).detail}), so it has no result to write as CSV"
        else:
            state = f"was {job.status}, so it has no result to write as CSV; start it again"
        raise ProblemError(
            409, "job-not-done", "Job not finished", f"format: job {job.id!r} {state}.",
            field="format",
        )  # fmt: skip
    columns, rows = result_table(job.result)
    stem = "-".join([KINDS[job.kind], *job.params.get("players", [])])
    return described_csv_response(rows, columns, stem, f"/api/v1/jobs/{job.id}")


#: Columns of a sectoral war's tidy rows: the /war page's, with the industry of a rate.
SECTORAL_WAR_COLUMNS = ("table", "player", "lever", "industry", "round", "value", "unit")
#: Columns of the talks' points: every point of the welfare plane, one row each.
TALKS_COLUMNS = (
    "point", "label", "player_a", "player_b", "tariff_a_on_b_pct", "tariff_b_on_a_pct",
    "welfare_a_pct", "welfare_b_pct", "in_bargaining_set",
)  # fmt: skip


def result_table(result: dict[str, Any]) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    """A job's result as ``(columns, rows)``: its numbers, each as in the JSON result.

    - war (one sector): the ``/war`` page's tidy rows (``table, player, lever, round, value,
      unit``): ``nash_tariff`` (percent), ``nash_welfare`` (percent change) and
      ``best_response`` (each move's rates, percent, by round);
    - sectoral war: the same with ``industry``: ``nash_tariff`` by industry,
      ``import_weighted_mean_tariff``, ``nash_welfare``, ``table4_post_retaliation`` and
      ``best_response_change`` (largest rate change of each move, percentage points);
    - talks: one row per point (``threat``, ``bargaining``, ``frontier``, ``episode``), with
      ``in_bargaining_set`` true for the frontier points both prefer to the war;
    - optimal retaliation: one row per case, ``welfare_<group>_pct`` per reported group.
    """
    kind = result["kind"]
    if kind == "war":
        return TABLE_COLUMNS, table_rows({"war": result})
    if kind == "sectoral-war":
        return SECTORAL_WAR_COLUMNS, _sectoral_war_rows(result)
    if kind == "talks":
        return TALKS_COLUMNS, _talks_rows(result)
    return _retaliation_table(result)


def _sectoral_war_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"table": "nash_tariff", "player": player, "lever": lever, "industry": industry,
         "value": rate, "unit": "percent"}
        for player, levers in result["nash_tariffs_pct"].items()
        for lever, industries in levers.items()
        for industry, rate in industries.items()
    ]  # fmt: skip
    rows += [
        {"table": "import_weighted_mean_tariff", "player": player, "lever": f"{player} on {other}",
         "value": rate, "unit": "percent"}
        for player, others in result["import_weighted_mean_pct"].items()
        for other, rate in others.items()
    ]  # fmt: skip
    for table in ("welfare_pct", "table4_post_retaliation_pct"):
        name = "nash_welfare" if table == "welfare_pct" else "table4_post_retaliation"
        rows += [{"table": name, "player": player, "value": value, "unit": "percent change"}
                 for player, value in result[table].items()]  # fmt: skip
    rows += [
        {"table": "best_response_change", "player": step["player"], "round": step["round"],
         "value": step["change_pct"], "unit": "percentage points"}
        for step in result["convergence"].get("steps", [])
    ]  # fmt: skip
    return rows


def _talks_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    a, b = result["players"]["a"], result["players"]["b"]

    def row(point: dict[str, Any], kind: str) -> dict[str, Any]:
        inside = point in result["bargaining_set"] if kind == "frontier" else None
        return {"point": kind, "player_a": a, "player_b": b, **point,
                "in_bargaining_set": inside}  # fmt: skip

    return [
        row(result["threat"], "threat"),
        row(result["bargaining"], "bargaining"),
        *(row(point, "frontier") for point in result["frontier"]),
        *(row(point, "episode") for point in result["episodes"]),
    ]


def _retaliation_table(result: dict[str, Any]) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    groups = list(dict.fromkeys(g for case in result["cases"] for g in case["welfare_pct"]))
    columns = ("case", "us_tariff_pct", "retaliation_pct", *(f"welfare_{g}_pct" for g in groups))
    rows = [
        {"case": case["case"], "us_tariff_pct": case["us_tariff_pct"],
         "retaliation_pct": case["retaliation_pct"],
         **{f"welfare_{g}_pct": value for g, value in case["welfare_pct"].items()}}
        for case in result["cases"]
    ]  # fmt: skip
    return columns, rows


@router.delete(
    "/jobs/{id}",
    response_model=JobOut,
    tags=["strategy"],
    summary="Cancel a strategy job",
)
def cancel_job(request: Request, state: State, id: JobId) -> JobOut:
    """Stop the run (its process ends); a finished job is left as it is."""
    return job_out(_job(request, state, id, cancel=True))


def job_out(job: Job) -> JobOut:
    """The job as the API shows it."""
    done, total = job.progress
    return JobOut.model_validate(
        {
            "id": job.id,
            "kind": KINDS[job.kind],
            "status": job.status,
            "parameters": job.params,
            "progress": {"done": done, "total": total},
            "elapsed_s": round(job.elapsed_s, 3),
            "result": job.result if job.status == "done" else None,
            "error": _problem(job) if job.status == "failed" else None,
        }
    )


def _problem(job: Job) -> Problem:
    """A failed job's error as the problem its request would have answered."""
    status, slug, title = 500, "internal-error", "Internal error"
    for kind, known_status, known_slug, known_title in STATUS_OF:
        if kind.__name__ == job.error_type:
            status, slug, title = known_status, known_slug, known_title
            break
    detail = job.error or "the run failed"
    if status == 500:  # the cause is for the server's log, not for the client
        log.error("strategy job %s failed: %s", job.id, detail)
        detail = "The run failed; the error was logged."
    return Problem(type=PROBLEM_BASE + slug, title=title, status=status, detail=detail,
                   field=job.error_field,
                   errors=[FieldError(field=job.error_field, message=detail)])  # fmt: skip
