"""Rate phrases: "from 145 percent to 30 percent", "by 115 percentage points", "to 10pc".

:func:`find_rates` reads every rate phrase of a clause into a :class:`RateMention`;
:func:`rate_for_action` turns the mentions of an event's clause into the gold schema's
``rate_from``/``rate_to``/``rate_change`` for its action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tradewar.news.memo import remembered
from tradewar.news.slot_rules import APPLYING_NOUN

NUMBER = r"(?<![\d.,])(\d{1,3}(?:\.\d+)?)"  # not the tail of "14257" or "1,000"
UNIT = (
    r"\s*(?:%|-?\s?percent(?:age points?)?\b|-?\s?per\s?cent\b|pc\b|percentage points?\b|points\b)"
)
PCT = NUMBER + UNIT
# the legal register's change of rate: "All articles that are subject to the additional ad
# valorem rate of duty of 20 percent ... shall instead be subject to an additional ad valorem
# rate of duty of 10 percent" (from 20 to 10)
SUBJECT_INSTEAD = (
    rf"\bsubject to (?:[\w-]+ ){{0,8}}?{PCT}[^.;%]{{0,120}}?\binstead (?:be )?subject to "
    rf"(?:[\w-]+ ){{0,8}}?{PCT}"
)
# the earlier level's determiner and adjective: "from the previous 34%", "up from its current 20%"
EARLIER_LEVEL = (
    r"(?:the |a |about |its |their )?(?:previous |earlier |prior |current |existing |original "
    r"|initial |old )?"
    # ... and its noun: "up from its previous rate of 84%", "from a level of 20%"
    r"(?:(?:rate|level|tariff|duty) of )?"
)
# a change named by a noun before the earlier level: "tariffs of 84%, a steep jump from the
# original 34%", "a 30% rate, a sharp cut from 145%"
CHANGE_NOUNS = r"(?:jump|rise|increase|hike|leap|climb|surge|drop|fall|cut|reduction|decrease)s?"
# a hedge between "to" and the new level: "to just 30%", "to roughly 47 percent"
LEVEL_HEDGE = r"(?:(?:about|around|roughly|approximately|nearly|almost|just|only|a mere) )?"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("from_to", re.compile(SUBJECT_INSTEAD, re.I)),
    (
        "from_to",
        re.compile(rf"\bfrom {EARLIER_LEVEL}{PCT}(?: level)? to {LEVEL_HEDGE}{PCT}", re.I),
    ),
    (
        "to_from",
        re.compile(rf"\bto {LEVEL_HEDGE}{PCT}(?: level)?,? from {EARLIER_LEVEL}{PCT}", re.I),
    ),
    (
        "level_upfrom",
        re.compile(
            rf"{PCT}[^%\d]{{0,80}}?\b(?:up|down|{CHANGE_NOUNS}) from {EARLIER_LEVEL}{PCT}", re.I
        ),
    ),
    ("pair", re.compile(rf"{NUMBER}%?\s*(?:to|-)\s*{PCT}", re.I)),
    (
        "on_top",
        re.compile(
            rf"\b(?:on top of|in addition to) (?:the |an? |existing |current |earlier )*{PCT}", re.I
        ),
    ),
    ("by", re.compile(rf"\bby (?:an additional |another |a further |about )?{PCT}", re.I)),
    (  # "reductions in duties of 115%", "a cut of 20 percent": the size of a change
        "by",
        re.compile(
            rf"\b(?:reductions?|cuts?|decreases?)\s+(?:in\s+(?:\w+\s+){{0,3}})?of\s+(?:about\s+)?{PCT}",
            re.I,
        ),
    ),
    ("upto", re.compile(rf"\bup to {PCT}", re.I)),
    ("to", re.compile(rf"\bto {LEVEL_HEDGE}{PCT}", re.I)),
    ("level", re.compile(PCT, re.I)),
]
RANGE_BEFORE = re.compile(r"\b(?:of|between|ranging from)\s+(?:about\s+)?$", re.I)
ADDITIONAL_AFTER = re.compile(r"\s*(?:additional|extra)\b", re.I)  # "a 10% additional tariff"
POINTS = re.compile(r"points?\b", re.I)
ADDITIONAL = re.compile(r"(additional|extra|further|another|on top of)\W+(\w+\W+){0,3}$", re.I)
KEPT = re.compile(
    r"(retain\w*|maintain\w*|keep\w*|remaining|kept|(?:keep|leav)\w+ (?:\w+ ){0,3}in place)\W+(\w+\W+){0,6}$",  # noqa: E501
    re.I,
)
# "a 10% baseline tariff remaining", "the 10% levy stays in place": the part kept
KEPT_AFTER = re.compile(
    r"\s*(?:[\w-]+\s+){0,3}?(?:remaining|remains?|(?:will|would)\s+(?:remain|stay|continue)|"
    r"stays?|in place)\b",
    re.I,
)
# the part a suspension names: "suspend 24% of the tariff"; "stop 24% of the tax for 90 days"
SUSPENDED = re.compile(
    r"(suspen\w+|paus\w+|stop(?:s|ped|ping)?|halt(?:s|ed|ing)?)\W+"
    rf"{APPLYING_NOUN}(\w+\W+){{0,3}}$",
    re.I,
)
# "the 24% tariffs will be suspended": the rate is the suspended part, named before the verb
# ... or stays so: "the additional 24% tariff rate on specified U.S. goods will remain suspended"
SUSPENDED_AFTER = re.compile(
    r"^\W*(?:[\w.’'-]+\s+){0,6}?(?:will |would |shall |is |are |was |were |to |be |been |being |"
    r"remains? |remained |stays? |stayed )+(?:suspend|paus)\w*",
    re.I,
)
POSSESSIVE = re.compile(r"\b[\w.]+['’]s?\s+", re.I)  # "the U.S.'s 24%" reads as "the 24%"
# percentages that are not rates: market moves ("the S&P 500 fell 4.8%") and shares ("94% of
# the world's gallium output")
MARKET_MOVE = re.compile(
    r"\b(?:fell|falls?|falling|rose|rises?|rising|dropp?(?:ed|s|ing)?|jump(?:ed|s)?|gain(?:ed|s)?|"
    r"slid|slump(?:ed|s)?|tumbl(?:ed|es)|plung(?:ed|es)|surg(?:ed|es)|climb(?:ed|s)?|lost|"
    r"slipp?(?:ed|s)?|shed|edged (?:up|down)|"
    r"(?:shares|stocks?|index|yuan|dollar) (?:were )?(?:up|down))"
    r"\s+(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|more than\s+|as much as\s+)?$",
    re.I,
)
# a share of a tariff is a rate: "stop 24% of its own added taxes on U.S. goods"
SHARE_OF_A_TARIFF = re.compile(
    r"^\s+of\s+(?:the\s+|its\s+|their\s+)?(?:own\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:tariffs?|dut(?:y|ies)|levies|levy|tax(?:es)?)\b",
    re.I,
)
SHARE_OF = re.compile(
    r"^\s+(?:of|share of)\s+(?:the\s+)?(?:world|global|its|their|china|us|u\.s\.|market|production|"
    r"output|supply|supplies|revenue|sales|exports|imports|refining|processing)",
    re.I,
)

# percentages of a product's make-up, as in tariff-line descriptions ("containing by weight not
# less than 99.99 percent of silicon", "95% purity"): a content share, not a duty rate
CONTENT_BEFORE = re.compile(
    r"\b(?:by weight|by volume|contain\w*|content|purity|pure|concentration)"
    r"\W+(?:\w+\W+){0,4}$",
    re.I,
)
CONTENT_AFTER = re.compile(r"^\s*(?:by weight|by volume|purity|pure|concentration)\b", re.I)


# a level after "down"/"up" is a change ("will move their tariffs down 115 per cent", "push
# duties up 10%"), as one in points is; not "up to 15%", which is a ceiling
CHANGE_BEFORE = re.compile(r"\b(?:down|up)\s+(?:by\s+)?$", re.I)
# a share of the tariffs removed ("remove 91 percent of the additional tariffs", "eliminate
# 91% of newly imposed tariffs") is a change in points, not the level left
SHARE_OF_TARIFFS = re.compile(
    r"^\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}?(?:tariffs|duties|levies)\b", re.I
)


@dataclass(frozen=True)
class RateMention:
    """One rate phrase: its kind, numbers, span, and cues from the words before it."""

    kind: str
    start: int
    end: int
    first: float
    second: float | None = None
    points: bool = False
    additional: bool = False
    kept: bool = False
    suspended: bool = False


def find_rates(clause: str) -> list[RateMention]:
    """All rate phrases of a clause, longest grammar first, without overlaps."""
    return list(_rates_in(clause))


@remembered  # a clause is read for rates by its triggers, its slots and its arithmetic
def _rates_in(clause: str) -> tuple[RateMention, ...]:
    taken: list[tuple[int, int]] = []
    found: list[RateMention] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(clause):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            numbers = [float(g) for g in match.groups() if g is not None]
            if kind == "pair" and (
                numbers[0] >= 1000 or not re.search(r"%|percent|per cent|pc", match.group(), re.I)
            ):
                continue
            before = clause[max(0, match.start() - 50) : match.start()]
            if kind == "pair" and RANGE_BEFORE.search(before):
                kind = "range"  # "tariffs of 10% to 15%": a range of levels, not a change
            if kind == "level" and (
                MARKET_MOVE.search(before)
                or (
                    SHARE_OF.match(clause[match.end() : match.end() + 40])
                    and not SHARE_OF_A_TARIFF.match(clause[match.end() : match.end() + 60])
                )
                or _content_share(before, clause[match.end() : match.end() + 40])
            ):
                taken.append((match.start(), match.end()))
                continue
            after = clause[match.end() : match.end() + 50]
            suspended_after = bool(SUSPENDED_AFTER.match(clause[match.end() : match.end() + 60]))
            kept = not suspended_after and bool(KEPT.search(before) or KEPT_AFTER.match(after))
            found.append(
                RateMention(
                    kind=kind,
                    start=match.start(),
                    end=match.end(),
                    first=numbers[0],
                    second=numbers[1] if len(numbers) > 1 else None,
                    points=bool(POINTS.search(match.group()))
                    or (kind == "level" and bool(CHANGE_BEFORE.search(before)))
                    or (kind == "level" and bool(SHARE_OF_TARIFFS.match(after))),
                    additional=bool(
                        ADDITIONAL.search(before) or ADDITIONAL_AFTER.match(clause[match.end() :])
                    ),
                    kept=kept,
                    suspended=not kept
                    and bool(SUSPENDED.search(POSSESSIVE.sub("", before)) or suspended_after),
                )
            )
            taken.append((match.start(), match.end()))
    return tuple(sorted(found, key=lambda rate: rate.start))


def _content_share(before: str, after: str) -> bool:
    """True for a percentage of a product's make-up rather than a duty rate."""
    return bool(CONTENT_BEFORE.search(before) or CONTENT_AFTER.match(after))


@dataclass
class EventRate:
    """An event's rate slots in the gold schema (percent; change in points)."""

    rate_from: float | None = None
    rate_to: float | None = None
    rate_change: float | None = None

    @property
    def empty(self) -> bool:
        return self.rate_from is None and self.rate_to is None and self.rate_change is None


FACTORS = (  # "halving the 20% tariff", "doubled the duty": the new rate is arithmetic
    (re.compile(r"\bhalv(?:e|es|ed|ing)\b|\bcut (?:\w+ )?in half\b|\bby half\b", re.I), 0.5),
    (re.compile(r"\bdoubl(?:e|es|ed|ing)\b", re.I), 2.0),
    (re.compile(r"\btripl(?:e|es|ed|ing)\b", re.I), 3.0),
)


def factor_in(clause: str) -> float | None:
    """The multiplier a clause applies to a rate ("halve" 0.5, "double" 2), or None."""
    for pattern, factor in FACTORS:
        if pattern.search(clause):
            return factor
    return None


def rate_for_action(
    action: str,
    rates: list[RateMention],
    *,
    eliminates: bool = False,
    factor: float | None = None,
) -> EventRate:
    """Combine a clause's rate mentions into one event's rate for its action.

    Parameters
    ----------
    action
        The event's action (``cut_tariff``, ``suspend_tariff``, ...).
    rates
        The rate mentions that belong to the event.
    eliminates
        True when the clause says the tariff is eliminated/removed/lifted: the rate
        goes to 0 and a stated rate becomes ``rate_from``.
    factor
        A multiplier the clause applies ("halve the 20% tariff": 0.5): a single stated
        level becomes ``rate_from`` and ``rate_to`` is that level times the factor.

    Arithmetic: "an additional 10% on top of 20%" gives 20 -> 30 (change +10); "by 50
    points to 104%" and "an additional 50%, bringing the total to 104%" give 54 -> 104;
    "doubled the tariff to 50%" gives 25 -> 50 and "halve the 20% tariff" 20 -> 10; the
    first from/to pair of a clause is the head's.  A suspension that names its suspended
    part is read by :func:`_suspended_part`.
    """
    out = EventRate()
    falling = action in {"cut_tariff", "suspend_tariff"}
    if action == "suspend_tariff" and any(r.suspended for r in rates):
        return _suspended_part(rates)
    base = next((r.first for r in rates if r.kind == "on_top"), None)
    for rate in rates:
        if rate.kind != "on_top":
            _apply(out, rate, action, falling)
    if base is not None and out.rate_from is None and action == "impose_tariff":
        # a new duty "on top of" another is its own tariff (the guide: impose_tariff with the
        # new number in rate_to and, being added, in rate_change): "a 34% tariff, on top of
        # the 20% imposed earlier" is 34, not 54
        if out.rate_to is not None and out.rate_change is None:
            out.rate_change = out.rate_to
    elif base is not None and out.rate_from is None:
        change = out.rate_change if out.rate_change is not None else out.rate_to
        if change is not None:
            out.rate_from, out.rate_change = base, change
            out.rate_to = base + change if not falling else max(base - abs(change), 0.0)
    if factor is not None and len(rates) == 1 and out.rate_from is None and out.rate_to is not None:
        if rates[0].kind == "to":  # "doubled the tariff to 50%": 50 is the new level
            out.rate_from = round(out.rate_to / factor, 2)
        else:  # "halve the 20% tariff": 20 is the old level
            out.rate_from, out.rate_to = out.rate_to, round(out.rate_to * factor, 2)
    change, level = out.rate_change, out.rate_to
    if out.rate_from is None and level is not None and change is not None and level != change:
        out.rate_from = round(level - change, 2)  # "by 50 points to 104%": from 54
    if eliminates and action == "cut_tariff" and not _states_new_level(rates):
        if out.rate_to is not None and out.rate_from is None:
            out.rate_from = out.rate_to
        out.rate_to = 0.0
    return out


NEW_LEVEL_KINDS = frozenset({"from_to", "to_from", "pair", "level_upfrom", "to"})


def _states_new_level(rates: list[RateMention]) -> bool:
    """True when a rate phrase names the level the tariff goes to ("drop from 20% to 10%",
    "fall to 10%"): an ending verb then cuts to that level, not to zero."""
    return any(rate.kind in NEW_LEVEL_KINDS for rate in rates)


def _suspended_part(rates: list[RateMention]) -> EventRate:
    """A suspension that names its suspended part (and perhaps the part kept).

    "Suspend the 24% tariff": change -24.  "Suspend its 24% tariff but retain a 10% levy":
    change -24, rate 10 (the part kept).  "For the 34% tariffs, the 24% will be suspended
    and the remaining 10% kept": from 34 too, when a stated level is the sum of the parts.
    """
    suspended = next(r.first for r in rates if r.suspended)
    kept = next((r.first for r in rates if r.kept), None)
    out = EventRate(rate_to=kept, rate_change=-suspended)
    levels = [r.first for r in rates if r.kind == "level" and not (r.suspended or r.kept)]
    if kept is not None and any(abs(level - (suspended + kept)) < 0.01 for level in levels):
        out.rate_from = suspended + kept
    return out


def _apply(out: EventRate, rate: RateMention, action: str, falling: bool) -> None:
    sign = -1.0 if falling else 1.0
    paired = rate.kind in {"from_to", "pair", "to_from", "level_upfrom"}
    if out.rate_from is not None and (paired or (rate.kind == "to" and out.rate_to is not None)):
        # "cut to 47% from 57% by halving the 20% to 10%": the first pair is the head's, and
        # so is a full change before a later level ("from 20% to 10%, which reduces the
        # overall rate to approximately 47%")
        return
    if rate.kind in {"from_to", "pair"}:
        out.rate_from, out.rate_to = rate.first, rate.second
    elif rate.kind in {"to_from", "level_upfrom"}:
        out.rate_to, out.rate_from = rate.first, rate.second
    elif rate.kind == "by" or rate.points:
        out.rate_change = sign * rate.first
    elif rate.kind == "range":  # "tariffs of 10% to 15%": the highest level
        out.rate_to = out.rate_to if out.rate_to is not None else max(rate.first, rate.second or 0)
    elif rate.kind == "upto" and falling:  # "lift tariffs of up to 15%": from 15
        out.rate_from = rate.first
    elif (
        action == "suspend_tariff"
        and not rate.kept
        and (rate.suspended or (out.rate_change is None and rate.additional))
    ):
        out.rate_change = -rate.first
    elif rate.kind == "to" and out.rate_to is not None and out.rate_change == out.rate_to:
        out.rate_to = rate.first  # "an additional 50%, bringing the total to 104%": the total
    elif rate.kind == "to" and out.rate_to is not None and action in {"raise_tariff", "cut_tariff"}:
        out.rate_from, out.rate_to = out.rate_to, rate.first  # "the 10% tariff ... to 20%"
    elif out.rate_to is None:
        out.rate_to = rate.first
        if rate.additional and action in {"impose_tariff", "raise_tariff"}:
            out.rate_change = rate.first
