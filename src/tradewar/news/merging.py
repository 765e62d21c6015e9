"""The event layer across sentences: mentions of one act merged into one event.

The rules find an event in every sentence that states it; an article states an act several
times (the lead, the details, a recap).  :func:`merge_events` merges mentions of the same
actor, action and target whose slots agree (rates, product groups, dates, place of talks),
keeping each other mention's sentence in ``also_evidence`` and filling the slots the first
mention leaves open (inheritance across sentences).  A recalled act, another date, or a
hedged claim beside a done act stays apart.  :func:`absorb_summaries` folds a rate-less
summary ("China will impose tariffs on US products from Feb. 10") into the detailed events
it introduces, and :func:`default_event_dates` dates undated reported acts by the dateline.
"""

from __future__ import annotations

import re
from datetime import date

from tradewar.news.gazetteer import country_code, place_country
from tradewar.news.schema import JOINT_ACTIONS, Event

REPORTING = re.compile(
    r"\b(said|says|announced|announces|confirmed|told|wrote|stated|statement)\b", re.I
)


# a claim reported, expected or threatened is another statement than a done act, even when
# it names the same parties ("authorised ... to remove restrictions" vs "will be eased")
HEDGED = frozenset({"expected", "threatened", "conditional"})


def merge_events(events: list[Event]) -> list[Event]:
    """Merge repeated mentions: same actor, action, target, product groups and rate."""
    merged: list[Event] = []
    for event in events:
        twin = next((m for m in merged if _same_event(m, event)), None)
        if twin is None:
            twin = next((m for m in merged if _same_level_raised(m, event)), None)
            if twin is not None:
                twin.action = "raise_tariff"
        if twin is None:
            merged.append(event)
            continue
        _span_continued_talks(twin, event)
        _fill(twin, event)
    return merged


def _span_continued_talks(into: Event, other: Event) -> None:
    """Talks that go on another day run from the first day to the last: the merged event
    takes the earlier date as its own and the later one as its end."""
    if into.action != "hold_talks" or not (_continues(into) or _continues(other)):
        return
    days = sorted(d for d in (into.event_date, other.event_date) if d is not None)
    if len(days) == 2 and days[0] != days[1]:
        into.event_date = days[0]
        into.end_date = into.end_date or days[1]


def _same_level_raised(a: Event, b: Event) -> bool:
    """'104pc tariffs on China came into effect' and 'tariffs ... took effect, including
    104pc duties on Chinese goods': one act, told once as a raise and once as a new
    tariff at the same level; it is the raise (the stronger reading) of one measure."""
    return (
        {a.action, b.action} == {"impose_tariff", "raise_tariff"}
        and (a.actor, a.target) == (b.actor, b.target)
        and a.rate_to is not None
        and a.rate_to == b.rate_to
        and a.modality == b.modality
    )


# a sentence that tells the scope of the act just told is that act again ("The decision also
# includes an easing of restrictions on graphite", "The easing of restrictions covers
# materials such as gallium, germanium, antimony ..."), whatever goods it adds
SCOPE_OF_THE_ACT = re.compile(
    r"^\W*(?:The|This)\s+(?:decision|move|easing|suspension|relaxation|rollback)\b[^.;]{0,30}?\b"
    r"(?:also\s+)?(?:includes?|covers?|applies|extends)\b"
)


def _same_event(a: Event, b: Event) -> bool:
    if (a.actor, a.action, a.target) != (b.actor, b.action, b.target):
        return False
    if SCOPE_OF_THE_ACT.match(b.evidence) and not _dates_clash(a.event_date, b.event_date):
        return True
    if plan_beside_pause(a, b):
        return False  # a planned tariff halted beside tariffs in force paused
    if a.legal_basis and b.legal_basis and a.legal_basis != b.legal_basis:
        return False  # "a 10% surcharge under Section 122" is not the IEEPA tariff of 10%
    dated_apart = any(
        _dates_clash(x, y)
        for x, y in ((a.event_date, b.event_date), (a.effective_date, b.effective_date))
    )
    # one stated level is one measure, recalled in one sentence and reported in another
    # ("comes after Trump imposed a 104 per cent tariff", "announced the imposition of a 104
    # per cent tariff"), unless their dates differ
    same_level = a.rate_to is not None and a.rate_to == b.rate_to
    # a recall is told apart from the act by its date or goods: a mention that names
    # neither ("had been suspended", "formally enacts a suspension") may be either, so it is
    # the same act
    recalled = (a.modality == "background") != (b.modality == "background") and not same_level
    recalled = recalled and not (_bare(a) or _bare(b))
    hedged_apart = a.modality != b.modality and {a.modality, b.modality} & HEDGED
    if (
        a.evidence != b.evidence
        and (dated_apart or recalled or hedged_apart)
        and a.action not in JOINT_ACTIONS
    ):
        return False  # an earlier act recalled, or another date: a different event
    if a.action == "hold_talks" and (_continues(a) or _continues(b)):
        return _same_place(a.location, b.location)  # the meeting goes on, on another day
    if a.action in JOINT_ACTIONS:
        places_differ = not _same_place(a.location, b.location)
        if a.evidence == b.evidence:
            return not places_differ  # "the talks in London come days after the phone call"
        same_place = a.location is not None and b.location is not None
        same_place = same_place and _same_place(a.location, b.location)
        days_apart = _dates_clash(a.event_date, b.event_date) and not (
            same_place and _within_days(a.event_date, b.event_date, 2)
        )  # two-day talks in one place told by their first and their last day
        clash = (
            not _same_place(a.location, b.location)
            or days_apart
            or (a.duration is not None and b.duration is not None and a.duration != b.duration)
        )
        recalled = a.modality == "background" or b.modality == "background"
        return (not clash and (not recalled or same_place)) or (
            a.event_date == b.event_date and a.event_date is not None
        )
    rates_a = (a.rate_from, a.rate_to, a.rate_change)
    rates_b = (b.rate_from, b.rate_to, b.rate_change)
    compatible_rates = all(
        x is None or y is None or x == y for x, y in zip(rates_a, rates_b, strict=True)
    )
    groups_a, groups_b = set(a.product_groups), set(b.product_groups)
    compatible_groups = not groups_a or not groups_b or groups_a == groups_b
    if a.evidence == b.evidence:  # one sentence's two dates of a measure are two acts
        return (
            compatible_rates and compatible_groups and not _dates_clash(a.event_date, b.event_date)
        )
    vague_groups = groups_a <= {"all_goods"} and groups_b <= {"all_goods"}
    nested_groups = groups_a <= groups_b or groups_b <= groups_a
    same_rates = rates_a == rates_b
    return (
        (same_rates and (groups_a == groups_b or vague_groups))
        or (_same_change(a, b) and compatible_groups)  # "down 115 points", "from 145 to 30"
        or (compatible_rates and compatible_groups and (not any(rates_b) and not groups_b))
        or (compatible_rates and vague_groups and same_level)  # "an additional 10%" again
        # the same level on goods one mention names more fully ("a 100% tariff" and "a 100%
        # tariff on Chinese goods and on critical software")
        or (compatible_rates and nested_groups and same_level)
        # one mention gives a slot the other leaves open and both give the same rate or
        # length ("suspends 24% tariff, retains 10% levy" and "will suspend its 24%
        # additional tariff for one year"): the terms of one act told twice
        or (compatible_rates and (nested_groups or vague_groups) and _shares_a_term(a, b))
    )


def plan_beside_pause(a: Event, b: Event) -> bool:
    """Whether one sentence tells two pauses: of a tariff only planned, at its own rate, and
    of tariffs in force ("is pausing some of Trump's tariffs ... and is halting plans to
    implement a 100 percent tariff"); the same measure told twice has one rate."""
    return a._planned != b._planned and a.evidence == b.evidence and a.rate_to != b.rate_to


def one_easing_period(a: Event, b: Event) -> bool:
    """Whether two easings of one side's export controls are one: a period stated (the same one
    if both state it), goods in common and no dates apart ("suspended its expanded export
    controls on rare earths and other critical minerals" and "the suspension, effective
    immediately, ... rare earths, battery materials and superhard materials ... for one
    year"); suspensions until different days stay two."""
    return (
        a.action == "ease_export_control"
        and (a.actor, a.action, a.target) == (b.actor, b.action, b.target)
        and (a.duration or b.duration) is not None
        and (a.duration is None or b.duration is None or a.duration == b.duration)
        and bool(set(a.product_groups) & set(b.product_groups))
        and not _dates_clash(a.event_date, b.event_date)
        and not _dates_clash(a.effective_date, b.effective_date)
        and not _dates_clash(a.end_date, b.end_date)
    )


def _shares_a_term(a: Event, b: Event) -> bool:
    """Whether two mentions give the same rate (level, change or base) or the same length."""
    pairs = (
        (a.rate_to, b.rate_to),
        (a.rate_change, b.rate_change),
        (a.rate_from, b.rate_from),
        (a.duration, b.duration),
    )
    return any(x is not None and x == y for x, y in pairs)


# talks that go on ("will continue their meeting on Tuesday", "will continue discussions on
# extending the truce") are the meeting already reported, whatever day they go on
CONTINUED_TALKS = re.compile(
    r"\b(?:continu\w*|resum\w*)\s+(?:(?:their|the|its|these|those)\s+)?"
    r"(?:[\w-]+\s+)?(?:talks|meetings?|discussions|negotiations|consultations)\b",
    re.I,
)


def _within_days(x: str | None, y: str | None, days: int) -> bool:
    """Whether two full dates lie at most ``days`` apart."""
    if x is None or y is None or len(x) != 10 or len(y) != 10:
        return False
    return abs((date.fromisoformat(x) - date.fromisoformat(y)).days) <= days


def _dates_clash(x: str | None, y: str | None) -> bool:
    """Whether two dates of mentions are two times: a bare year holds the months and days
    in it ("in late 2025 a deal was struck" and "the deal signed in October 2025"); a
    month does not hold its days (talks on 15 March and a summit in late March are two)."""
    if x is None or y is None:
        return False
    return (
        x != y and not (len(x) == 4 and y.startswith(x)) and not (len(y) == 4 and x.startswith(y))
    )


def _continues(event: Event) -> bool:
    return bool(CONTINUED_TALKS.search(event.evidence))


def _same_change(a: Event, b: Event) -> bool:
    """Whether one mention's change in points is the other's move from one level to another
    ("will move their tariffs down 115 per cent" and "from 145 per cent to 30 per cent")."""
    if _moved_by_the_same_points(a, b):
        return True
    for change, levels in ((a, b), (b, a)):
        if (
            change.rate_change is not None
            and change.rate_to is None
            and levels.rate_from is not None
            and levels.rate_to is not None
            and levels.rate_to - levels.rate_from == change.rate_change
        ):
            return True
    return False


def _moved_by_the_same_points(a: Event, b: Event) -> bool:
    """Whether two mentions move a tariff from one level to another by the same points: the
    total and the part it is made of ("slashed to 47 per cent from 57 percent" and "halving
    the fentanyl tariff to 10% from 20%")."""
    if a.rate_from is None or a.rate_to is None or b.rate_from is None or b.rate_to is None:
        return False
    return a.rate_to - a.rate_from == b.rate_to - b.rate_from


def _bare(event: Event) -> bool:
    """Whether a mention names no date and no goods of its own."""
    return event.event_date is None and event.effective_date is None and not event.product_groups


def _same_place(a: str | None, b: str | None) -> bool:
    """Whether two places of a joint act can be one: either unknown, equal, one inside the
    other's name ("Busan, South Korea" and "South Korea"), or a city and the country it lies
    in ("Geneva" and "Switzerland", from the GeoNames gazetteer); two cities are two places."""
    if a is None or b is None:
        return True
    if a.casefold() in b.casefold() or b.casefold() in a.casefold():
        return True
    country_a, country_b = country_code(a), country_code(b)
    return bool(
        (country_a and country_a == place_country(b))
        or (country_b and country_b == place_country(a))
    )


def absorb_summaries(events: list[Event]) -> list[Event]:
    """Fold a rate-less summary ("China will impose tariffs on US products from Feb. 10")
    into the detailed events of the same actor, action and target, giving them its dates,
    duration and legal basis ("extending the truce for another 90 days"), and its goods to
    details told without goods."""
    kept: list[Event] = []
    for event in events:
        rated = [
            other
            for other in events
            if other is not event
            and (other.actor, other.action, other.target)
            == (event.actor, event.action, event.target)
            and (other.rate_to is not None or other.rate_change is not None)
            and not plan_beside_pause(other, event)  # a halted plan sums up no other pause
            and not _threat_beside_act(other, event)
        ]
        summary = event.rate_to is None and event.rate_change is None and event.rate_from is None
        covered = set().union(*(set(other.product_groups) for other in rated)) if rated else set()
        generic = (  # no products beyond the details' own (all goods cover any)
            set(event.product_groups) <= {"all_goods"} | covered or "all_goods" in covered
        )
        if rated and summary and generic and event.action.endswith("tariff"):
            for other in rated:
                _fill_terms(other, event)
            continue
        kept.append(event)
    return kept


def _threat_beside_act(detail: Event, summary: Event) -> bool:
    """Whether a threat's details would take a recalled act as their summary: tariffs the
    White House "hit Chinese imports with in April" sum up no threatened 100% tariff."""
    return detail.modality == "threatened" and summary.modality == "background"


def _fill_terms(into: Event, other: Event) -> None:
    names = ("effective_date", "event_date", "end_date", "duration", "duration_text", "legal_basis")
    for name in names:
        if getattr(into, name) is None and getattr(other, name) is not None:
            setattr(into, name, getattr(other, name))
    if not into.product_groups and other.product_groups:  # the goods the summary names
        into.products, into.product_groups = list(other.products), list(other.product_groups)
    if other.evidence not in into.also_evidence and other.evidence != into.evidence:
        into.also_evidence.append(other.evidence)


def default_event_dates(events: list[Event], dateline: date | None, official: bool) -> None:
    """An undated event reported as news (not background) in any of its mentions happened
    on the dateline; so does every undated act an official statement states (its
    publication is the act)."""
    if dateline is None:
        return
    for event in events:
        if (
            event.event_date is None
            and event.modality not in {"background"}
            and (official or _reported(event))
        ):
            event.event_date = dateline.isoformat()


def _reported(event: Event) -> bool:
    """Whether any mention of an act reports it ("..., the ministry announced"): a merged
    act told first without a verb of reporting is still reported news."""
    return any(REPORTING.search(text) for text in (event.evidence, *event.also_evidence))


def _fill(into: Event, other: Event) -> None:
    for name in ("event_date", "effective_date"):  # the month or day within the year
        mine, theirs = getattr(into, name), getattr(other, name)
        if mine is not None and theirs is not None and len(mine) == 4 and theirs.startswith(mine):
            setattr(into, name, theirs)
    for name in (
        "rate_from",
        "rate_to",
        "rate_change",
        "effective_date",
        "event_date",
        "end_date",
        "duration",
        "unit",
        "location",
        "legal_basis",
    ):
        if getattr(into, name) is None and getattr(other, name) is not None:
            setattr(into, name, getattr(other, name))
    if not into.products and other.products:
        into.products, into.product_groups = other.products, other.product_groups
    if other.evidence != into.evidence and other.evidence not in into.also_evidence:
        into.also_evidence.append(other.evidence)
