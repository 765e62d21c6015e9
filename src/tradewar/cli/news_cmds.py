"""``tradewar news`` (extract events, propose ledger changes) and ``tradewar review``."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from tradewar.cli.article_files import read_articles
from tradewar.cli.context import (
    CsvFlag,
    OutputFormat,
    choose_format,
    console,
    console_err,
    print_csv,
    print_json,
    services,
)
from tradewar.cli.tables import OutOption, check_out, write_out
from tradewar.news.agreement import COMPARISONS, table_row
from tradewar.news.evaluate import article_ids
from tradewar.news.extract import Article
from tradewar.news.schema import Proposal, ProposalStatus
from tradewar.services.news import NewsService, events_jsonl
from tradewar.services.review_table import REVIEW_COLUMNS, proposal_row, review_table

news_app = typer.Typer(
    help="Read trade-war news: events with evidence, proposals for the ledger.",
    no_args_is_help=True,
)
review_app = typer.Typer(
    help="Review proposals drafted from news: list, show, accept, reject.", no_args_is_help=True
)

FilesArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Pasted-text (.txt) or HTML files.", exists=True, dir_okay=False),
]
UrlOpt = Annotated[
    str | None, typer.Option("--url", help="The article's address (one FILE), cited as the source.")
]
OutletOpt = Annotated[
    str | None, typer.Option("--outlet", help="Who published it (the source's publisher).")
]
PublishedOpt = Annotated[
    str | None,
    typer.Option("--published", help="Its date (YYYY-MM-DD) when the text has no dateline."),
]
ArticlesOpt = Annotated[
    Path | None,
    typer.Option(
        "--articles",
        help="JSONL of article records (id, url, outlet, published, text).",
        exists=True,
        dir_okay=False,
    ),
]


def _service() -> NewsService:
    return services().news


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _articles(
    files: list[Path] | None,
    articles: Path | None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
) -> list[Article]:
    found = read_articles(files or [], articles, url=url, outlet=outlet, published=published)
    if not found:
        raise typer.BadParameter("give article files, --articles FILE.jsonl, or both")
    return found


@news_app.command("extract")
def extract_command(
    files: FilesArg = None,
    articles: ArticlesOpt = None,
    url: UrlOpt = None,
    outlet: OutletOpt = None,
    published: PublishedOpt = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write events here (JSONL); stdout otherwise.")
    ] = None,
    learned: Annotated[
        bool,
        typer.Option(
            "--learned", help="Drop candidates the act classifier judges mentions, not acts."
        ),
    ] = False,
) -> None:
    """Extract events (gold schema, one JSON object a line) from articles."""
    events = NewsService.extract(
        _articles(files, articles, url, outlet, published), learned=learned
    )
    text = events_jsonl(events)
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        console_err.print(f"{len(events)} events written to {escape(str(out))}")


DEFAULT_SCORER = Path("../shared/news/score.py")
LabelledOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--labelled",
        help="More labelled folders (articles.jsonl + gold.jsonl), e.g. ../shared/news/dev.",
        exists=True,
        file_okay=False,
    ),
]
ScorerOpt = Annotated[Path, typer.Option("--scorer", help="The shared scorer (score.py).")]


@news_app.command("evaluate")
def evaluate_command(
    labelled: LabelledOpt = None,
    scorer: ScorerOpt = DEFAULT_SCORER,
    folds: Annotated[int, typer.Option("--folds", help="Folds, split by article.")] = 5,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the article shuffle.")] = 0,
    rules_only: Annotated[
        bool, typer.Option("--rules-only", help="Score the rules without the act classifier.")
    ] = False,
    held_out: Annotated[
        str | None,
        typer.Option(
            "--held-out",
            help="Score only these articles (ids and ranges: L53-L70,L80), the learned models "
            "trained on all the others, instead of cross-validating.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Cross-validated scores over every labelled article: core, strict, per action, per slot.

    With ``--held-out``, the scores of the articles named (a held-out check: articles labelled
    after the rules were written), never trained on.
    """
    ids = article_ids(held_out, "held_out") if held_out else ()
    summary = NewsService.evaluate(
        scorer, labelled or [], folds=folds, seed=seed, learned=not rules_only, held_out=ids
    )
    if as_json:
        print_json(summary)
        return
    _print_evaluation(summary)


def _print_evaluation(summary: dict[str, Any]) -> None:
    method = "rules + act classifier" if summary["learned"] else "rules only"
    if "held_out" in summary:
        trained = f", learned models trained on {summary['trained_on']} others" if summary[
            "learned"] else ""  # fmt: skip
        console.print(f"{summary['articles']} held-out articles ({method}{trained})")
    else:
        console.print(f"{summary['articles']} articles, {summary['folds']}-fold "
                      f"cross-validation by article ({method})")  # fmt: skip
    for level in ("core", "strict"):
        r = summary[level]
        spread = (
            f"; fold F1 sd {summary[f'fold_{level}_f1_sd']:.3f}"
            if f"fold_{level}_f1_sd" in summary
            else ""
        )
        console.print(
            f"{level:6} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
            f"(tp={r['tp']} pred={r['pred']} gold={r['gold']}{spread})"
        )
    actions = Table("action", "gold", "pred", "precision", "recall", "F1")
    for action, r in summary["per_action"].items():
        actions.add_row(
            action, str(r["gold"]), str(r["pred"]), f"{r['precision']:.2f}",
            f"{r['recall']:.2f}", f"{r['f1']:.2f}",
        )  # fmt: skip
    console.print(actions)
    slots = Table("slot", "right", "scored", "accuracy")
    for slot, r in summary["slot_accuracy"].items():
        slots.add_row(slot, str(r["correct"]), str(r["scored"]), f"{r['acc']:.3f}")
    slots.add_row("modality", "", "", f"{summary['modality_accuracy']:.3f}")
    console.print(slots)


@news_app.command("agreement")
def agreement_command(
    labelled: LabelledOpt = None,
    scorer: ScorerOpt = DEFAULT_SCORER,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the comparison as Markdown table rows.")
    ] = False,
) -> None:
    """How far two annotators agree on the doubly labelled articles, and the rules' scores
    against each of them on the same articles: the ceiling to read extractor scores against.
    Three of the articles are the development set's: pass ``--labelled ../shared/news/dev``."""
    summary = NewsService.agreement(scorer, labelled or [])
    if as_json:
        print_json(summary)
        return
    if markdown:
        typer.echo("| labels scored, against whose | core P | core R | core F1 | strict F1 |")
        typer.echo("|---|---:|---:|---:|---:|")
        for key, label in COMPARISONS.items():
            typer.echo(table_row(label, summary[key]))
        return
    console.print(
        f"{summary['articles']} articles labelled twice, blind "
        f"({summary['first_events']} events first, {summary['second_events']} second)"
    )
    table = Table("labels scored, against whose", "core P", "core R", "core F1", "strict F1",
                  "modality")  # fmt: skip
    for key, label in COMPARISONS.items():
        r = summary[key]
        table.add_row(
            label, f"{r['core']['precision']:.3f}", f"{r['core']['recall']:.3f}",
            f"{r['core']['f1']:.3f}", f"{r['strict']['f1']:.3f}", f"{r['modality_accuracy']:.3f}",
        )  # fmt: skip
    console.print(table)
    console.print(
        f"Of the {summary['consensus_events']} events both annotators labelled, the rules find "
        f"{summary['rules_recall_of_consensus']:.1%}; of the rules' events, "
        f"{summary['rules_precision_against_either']:.1%} were labelled by one annotator or both."
    )
    verdicts = summary["adjudication"]
    if verdicts["disagreements"]:
        counts = ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in verdicts["by_verdict"].items())
        console.print(
            f"Adjudicated against the guide, blind to the rules: {verdicts['disagreements']} "
            f"disagreements ({counts}); the guide did not settle {verdicts['guide_gaps']}."
        )
    actions = Table("action F1", "second vs first", "rules vs first")
    for action, f1 in summary["second_vs_first"]["per_action_f1"].items():
        rules = summary["rules_vs_first"]["per_action_f1"].get(action)
        actions.add_row(action, f"{f1:.2f}", "" if rules is None else f"{rules:.2f}")
    console.print(actions)
    slots = Table("slot accuracy", "second vs first", "rules vs first")
    for slot, acc in summary["second_vs_first"]["slot_accuracy"].items():
        rules = summary["rules_vs_first"]["slot_accuracy"].get(slot)
        slots.add_row(slot, f"{acc:.3f}", "" if rules is None else f"{rules:.3f}")
    console.print(slots)


@news_app.command("propose")
def propose_command(
    files: FilesArg = None,
    articles: ArticlesOpt = None,
    url: UrlOpt = None,
    outlet: OutletOpt = None,
    published: PublishedOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the proposals as JSON.")] = False,
) -> None:
    """Match the articles' events to the ledger and store proposals for review."""
    proposals = _service().propose(_articles(files, articles, url, outlet, published))
    if as_json:
        print_json([p.model_dump(mode="json") for p in proposals])
        return
    _table(proposals, title=f"{len(proposals)} proposals (tradewar review show ID)")


def _table(proposals: list[Proposal], title: str) -> None:
    table = Table(title=title, title_justify="left")
    for column in ("id", "status", "kind", "conf.", "measure", "event", "evidence"):
        table.add_column(column, overflow="fold")
    for p in proposals:
        event = p.event
        what = f"{event.actor} {event.action} {event.target or ''} ({event.modality})"
        table.add_row(
            p.proposal_id,
            p.status.value,
            p.kind.value,
            f"{p.confidence:.2f}",
            p.measure_id or (p.draft or {}).get("id", "—"),
            escape(what),
            escape(event.evidence[:120]),
        )
    console.print(table)


@review_app.command("list")
def review_list(
    status: Annotated[
        ProposalStatus | None, typer.Option("--status", help="Proposals of this status.")
    ] = ProposalStatus.pending,
    all_statuses: Annotated[
        bool, typer.Option("--all", help="Every proposal, whatever its status.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    as_csv: CsvFlag = False,
    out: OutOption = None,
) -> None:
    """List proposals (pending ones by default)."""
    fmt = choose_format(as_json, as_csv)
    check_out(out, fmt)
    chosen = None if all_statuses else status
    proposals = _service().proposals(chosen)
    if out is not None:
        write_out(review_table(proposals, chosen), out)
    elif fmt is OutputFormat.json:
        print_json([p.model_dump(mode="json") for p in proposals])
    elif fmt is OutputFormat.csv:
        print_csv([proposal_row(p) for p in proposals], REVIEW_COLUMNS)
    else:
        _table(proposals, title=f"{len(proposals)} proposals")


@review_app.command("show")
def review_show(
    proposal_id: str,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the whole proposal as JSON.")
    ] = False,
) -> None:
    """Show one proposal: the event, its evidence, and the measure change it drafts."""
    proposal = _service().get(proposal_id)
    if as_json:
        print_json(proposal.model_dump(mode="json"))
        return
    console.print(_proposal_table(proposal))
    console.print(f"[bold]Evidence:[/] “{escape(proposal.event.evidence)}”", soft_wrap=True)
    changes = proposal.draft if proposal.draft is not None else proposal.changes
    if changes:
        what = "Draft measure" if proposal.draft is not None else "Changes to the measure"
        console.print(f"[bold]{what}[/] (--json for every field):")
        for field, value in changes.items():
            console.print(f"  {escape(str(field))}: {escape(str(value))}", soft_wrap=True)


def _proposal_table(proposal: Proposal) -> Table:
    """The decision-relevant fields of a proposal, one per row."""
    event, article = proposal.event, proposal.article
    rate = ", ".join(
        f"{name} {value:g}%"
        for name, value in (("from", event.rate_from), ("to", event.rate_to),
                            ("change", event.rate_change))
        if value is not None
    )  # fmt: skip
    rows = [
        ("proposal", proposal.proposal_id),
        ("status", proposal.status.value + (f" ({proposal.note})" if proposal.note else "")),
        ("kind", f"{proposal.kind.value}, confidence {proposal.confidence:.2f}"),
        ("measure", proposal.measure_id or "— (a new measure)"),
        ("action", f"{event.action} ({event.modality})"),
        ("actor → target", f"{event.actor or '?'} → {event.target or '?'}"),
        ("rate", rate or "—"),
        ("products", ", ".join(event.products + event.hs_codes) or "—"),
        ("dates", ", ".join(f"{k} {v}" for k, v in (("event", event.event_date),
                            ("effective", event.effective_date), ("end", event.end_date)) if v)
         or "—"),
        ("article", " · ".join(str(x) for x in article.model_dump().values() if x)),
    ]  # fmt: skip
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for name, value in rows:
        table.add_row(name, escape(str(value)))
    return table


@review_app.command("accept")
def review_accept(
    proposal_id: str,
    note: Annotated[
        str | None,
        typer.Option("--note", help="Why (kept with the decision and in the ledger's reason)."),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Who decides (default: the login name).")
    ] = None,
) -> None:
    """Accept a proposal: the ledger gets the measure change, with the article as source."""
    decision = _service().accept(proposal_id, by=by or _user(), note=note)
    revision = f" (revision {decision.revision})" if decision.revision else ""
    console.print(
        f"accepted {escape(proposal_id)}: measure {escape(decision.measure_id or '—')}{revision}"
    )


@review_app.command("reject")
def review_reject(
    proposal_id: str,
    note: Annotated[str | None, typer.Option("--note", help="Why it is wrong.")] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Who decides (default: the login name).")
    ] = None,
) -> None:
    """Reject a proposal; the ledger is not touched."""
    _service().reject(proposal_id, by=by or _user(), note=note)
    console.print(f"rejected {escape(proposal_id)}")


def register(app: typer.Typer) -> None:
    """Add ``tradewar news`` and ``tradewar review`` to ``app``."""
    app.add_typer(news_app, name="news")
    app.add_typer(review_app, name="review")
