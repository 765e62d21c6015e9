"""Wordings of acts that the trigger lists of :mod:`tradewar.news.grammar` miss, and
wordings of tariff levels that are no acts (the fifth round of rules, from the error classes
of held-out sets 5 and 6; docs/news.md).

* *licence policy and clearances*: a licence review policy made more favourable or moved
  from a presumption of denial to case-by-case review eases controls, one moved to a
  presumption of denial tightens them; goods "cleared for export" and firms "allowed to
  sell" their goods abroad are an easing (as "allow the export of", labelling guide);
* *approvals and permits*: export approvals or permits granted, issued or approved, and
  applications approved, are licence grants (as "granted export licences");
* *waivers ended*: ending or revoking a waiver, an exemption or a validated end-user status
  for exports brings the control back, so it is a new control, not an easing;
* *WTO complaints*: suing a party at the WTO or filing a complaint with it accuses that
  party of a violation (rule 6 of the shared README);
* *levels*: a tariff that "runs from 25% to 100%", a rate that "sits above 35%", a country
  that "now faces up to" a rate, and a scope clause ("the tariff does not apply if ...")
  describe the standing level or reach of a measure, not an act on it;
* *truce extensions*: two parties extending their truce reach an agreement; only a side
  that extends its own pause suspends tariffs.

Every pattern is a cheap regular expression over one clause; each hook returns triggers
whose action is already decided, or a yes/no for a trigger the other rules found.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from tradewar.news.frames import parse
from tradewar.news.gazetteer import actor_entries
from tradewar.news.meetings import call_spans, journey_spans
from tradewar.news.roles import subject_of


class Worded(NamedTuple):
    """A trigger found by these wordings: its family, span in the clause and action."""

    family: str
    start: int
    end: int
    action: str | None  # None: decided by the verbs around it, as for the grammar's triggers


LICENCE_POLICY = re.compile(
    r"\blicen[cs]e\s+(?:application\s+)?review\s+polic(?:y|ies)\b", re.IGNORECASE
)
# the direction of a policy change: toward case-by-case review or approval eases, toward a
# presumption of denial tightens
POLICY_TIGHTENED = re.compile(r"\bto\s+(?:a\s+)?(?:presumption|policy)\s+of\s+denial\b", re.I)
POLICY_EASED = re.compile(
    r"\b(?:case[-\u2010\u2011\s]by[-\u2010\u2011\s]case|presumption\s+of\s+approval|more\s+(?:favou?rable|lenient|"
    r"permissive|flexible)|relax\w*|eas(?:e|es|ed|ing)\b|loosen\w*)",
    re.IGNORECASE,
)
# a verb (or a title's noun) that changes the policy: "is revising its licence review policy",
# "implements a more favourable ...", "Revision to License Review Policy"
POLICY_CHANGED = re.compile(
    r"\b(?:revis|chang|adopt|implement|introduc|issu|announc|updat|amend|replac|shift|mov|"
    r"switch|relax|eas|loosen|tighten)\w*\b",
    re.IGNORECASE,
)
# a move to case-by-case licensing, told without the policy's name: "moving from a presumption
# of denial to case-by-case licensing for specified high-end chips", "shifted H200-class
# exports to case-by-case licensing" (the hyphens may be non-breaking, as in BIS's pages)
MOVED_TO_CASE_BY_CASE = re.compile(
    r"\b(?:mov|shift|switch|chang|revis)\w*\b[^.;]{0,80}?\bto\s+"
    r"case[-\u2010\u2011\s]by[-\u2010\u2011\s]case\s+(?:licen[cs]ing|review|approvals?)\b",
    re.IGNORECASE,
)
CLEARED_FOR_EXPORT = re.compile(
    r"\b(?:cleared|approved|greenlit|green-lit|authori[sz]ed)\s+(?:\w+\s+)?for\s+"
    r"(?:export|sale|shipment)s?\b",
    re.IGNORECASE,
)
ALLOWED_TO_SELL = re.compile(
    r"\ballow(?:s|ed|ing)?\s+(?:[\w.&’'-]+\s+){1,5}?to\s+(?:resume\s+)?"
    r"(?:sell|export|ship|supply)(?:ing)?\b",
    re.IGNORECASE,
)
APPROVALS_GRANTED = re.compile(
    r"\b(?:grant\w*|issu(?:e|es|ed|ing)|approv(?:e|es|ed|ing))\s+(?:[\w’'-]+\s+){0,5}?"
    r"(?:(?:export\s+)?(?:approvals|permits)|export\s+applications)\b"
    r"|\b(?:applications|permits|approvals)\s+(?:[^.;,]{0,60}?\s)?(?:have|has|had)?\s*"
    r"(?:been|were|was)\s+(?:\w+\s+)?(?:approved|granted|issued)\b",
    re.IGNORECASE,
)
# the end of duty-free entry taxes the goods it covered: "signed an Executive Order ending
# duty-free de minimis treatment for low-value imports from China", "scrapped the de minimis
# exemption for Chinese parcels" (an imposition, not a cut: the duty is what begins)
DUTY_FREE_ENDED = re.compile(
    r"\b(?:end(?:s|ed|ing)?|scrap\w*|eliminat\w*|revok\w*|abolish\w*|terminat\w*|clos\w*|"
    r"withdr[ae]w\w*|remov\w*|rescind\w*)\s+(?:the\s+|its\s+|a\s+)?(?:[\w’'-]+\s+){0,2}?"
    r"(?:duty-free\s+(?:de\s+minimis\s+)?|de\s+minimis\s+(?:duty-free\s+)?)"
    r"(?:treatment|exemptions?|status|rule|provision|loophole|threshold|access|entry)\b",
    re.IGNORECASE,
)
WAIVER_ENDED = re.compile(
    r"\b(?:end(?:s|ed|ing)?|revok\w*|revocation\s+of|rescind\w*|withdr[ae]w\w*|"
    r"terminat\w*|cancel\w*|scrap\w*|strip\w*)\s+(?:[\w’'-]+\s+){0,4}?"
    r"(?:waivers?|exemptions?|validated\s+end-user|VEU)\b",
    re.IGNORECASE,
)
# a foreign direct product rule is an export control over goods made abroad with a country's
# items or technology ("introduced its foreign direct product rule", "applies the FDP rule");
# whether it is imposed or eased is left to the verbs around it, as for "export controls"
DIRECT_PRODUCT_RULE = re.compile(
    r"\bforeign[-\s]direct[-\s]product\b(?:\W+\(?FDPR?\)?)?\W+rules?\b", re.IGNORECASE
)
# a licence now required is a new control, not a grant (labelling guide): "will need a Chinese
# export licence if ...", "would require a license to export H20 chips to China"
LICENCE_REQUIRED = re.compile(
    r"\b(?:need|needs|needed|require|requires|required|requiring)\s+(?:an?\s+)?"
    r"(?:(?!for\b)[\w-]+\s+){0,2}?(?:export\s+)?licen[cs]es?\b(?!\s+(?:requirement|application))",
    re.IGNORECASE,
)
# a requirement recalled or waived: "rules that previously only required export licences",
# "without the need for additional licenses"
NOT_REQUIRED_NOW = re.compile(
    r"\b(?:without|no|previously|formerly|once|used\s+to)\b(?:\s+\w+){0,2}\s*$", re.I
)
EXPORT_WORDS = re.compile(
    r"\b(?:export\w*|equipment|tools?|chips?|semiconductor\w*|licen[cs]\w*|end-user|"
    r"technolog\w*|VEU|BIS)\b",
    re.IGNORECASE,
)
TARIFF_WORDS = re.compile(r"\b(?:tariffs?|dut(?:y|ies)|levies|levy|de minimis)\b", re.I)
# the verb "meet" with a leader or counterpart as its object is talks ("when Trump meets
# President Xi Jinping in Beijing", "will meet his Chinese counterpart")
MEETS_LEADER = re.compile(
    r"\bmeet(?:s)?\s+(?:with\s+)?(?:his\s+|her\s+|their\s+)?(?:(?:US|U\.S\.|Chinese|American)\s+)?"
    r"(?:President|Premier|Vice[-\s]Premier|counterparts?|leader|Xi\b|Trump\b)",
)
# an import surcharge is a tariff ("a 10% temporary import surcharge on all countries")
SURCHARGE = re.compile(r"\b(?:import\s+)?surcharges?\b", re.IGNORECASE)
WTO = r"(?:the\s+)?(?:WTO|World\s+Trade\s+Organi[sz]ation|trade\s+body)"
WTO_COMPLAINT = re.compile(
    r"\b(?:fil(?:e|es|ed|ing)|lodg\w*|submit\w*|launch\w*|brought|bring\w*)\s+"
    r"(?:an?\s+|its\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:complaint|lawsuit|case|challenge)s?\b"
    rf"(?=[^.;]{{0,60}}?\b(?:with|to|at|before|in)\s+{WTO})"
    rf"|\bsu(?:e|es|ed|ing)\s+(?:[\w.’'-]+\s+){{1,4}}?(?:at|in|before)\s+{WTO}"
    rf"|\b(?:took|take|takes|taking)\s+(?:[\w.’'-]+\s+){{1,4}}?to\s+{WTO}",
    re.IGNORECASE,
)


def policy_triggers(clause: str) -> list[Worded]:
    """Export-control and licence acts worded as a policy, clearance, approval or ended
    waiver, each with its action decided."""
    found: list[Worded] = []
    for match in LICENCE_POLICY.finditer(clause):
        if not POLICY_CHANGED.search(clause[max(0, match.start() - 60) : match.start()]):
            continue  # "items eligible for the more favourable licence review policy"
        if POLICY_TIGHTENED.search(clause):
            found.append(Worded("export", match.start(), match.end(), "impose_export_control"))
        elif POLICY_EASED.search(clause):
            found.append(Worded("export", match.start(), match.end(), "ease_export_control"))
    for pattern in (CLEARED_FOR_EXPORT, ALLOWED_TO_SELL, MOVED_TO_CASE_BY_CASE):
        found += [
            Worded("export", m.start(), m.end(), "ease_export_control")
            for m in pattern.finditer(clause)
        ]
    found += [
        Worded("licence", m.start(), m.end(), "grant_licence")
        for m in APPROVALS_GRANTED.finditer(clause)
    ]
    found += [
        Worded("export", m.start(), m.end(), "impose_export_control")
        for m in LICENCE_REQUIRED.finditer(clause)
        if not NOT_REQUIRED_NOW.search(clause[max(0, m.start() - 30) : m.start()])
    ]
    if EXPORT_WORDS.search(clause):
        found += [
            Worded("export", m.start(), m.end(), "impose_export_control")
            for m in WAIVER_ENDED.finditer(clause)
            if not TARIFF_WORDS.search(clause[m.start() : m.end() + 40])
        ]
    found += [
        Worded("export", m.start(), m.end(), None) for m in DIRECT_PRODUCT_RULE.finditer(clause)
    ]
    found += [
        Worded("accuse", m.start(), m.end(), "accuse_violation")
        for m in WTO_COMPLAINT.finditer(clause)
    ]
    found += [Worded("tariff", m.start(), m.end(), None) for m in SURCHARGE.finditer(clause)]
    found += [
        Worded("tariff", m.start(), m.end(), "impose_tariff")
        for m in DUTY_FREE_ENDED.finditer(clause)
    ]
    found += [Worded("talks", m.start(), m.end(), None) for m in MEETS_LEADER.finditer(clause)]
    found += [Worded("talks", start, end, None) for start, end in journey_spans(clause)]
    found += [Worded("talks", start, end, None) for start, end in call_spans(clause)]
    return found


def overlaps(start: int, end: int, others: list[Worded]) -> bool:
    """Whether the span ``[start, end)`` shares characters with one of ``others``."""
    return any(start < o.end and o.start < end for o in others)


# a level or a range of levels the measure stands at: "run from 25% to 100%", "sits above
# 35%", "ranging from 10% to 50%"
LEVEL_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:run|runs|range|ranges|vary|varies)\s+from\s+(?:about\s+)?\d",
    re.IGNORECASE,
)
# an act that sets the range ("imposed tariffs ranging from 10% to 50%") states it as its own
IMPOSING_BEFORE = re.compile(r"\b(?:impos|lev(?:y|ie)|slap|introduc|announc)\w*\b", re.I)
# a measure that goes on is no new act: "authorised the continuation of 30% tariffs"
CONTINUATION_BEFORE = re.compile(
    r"\bcontinu(?:ation|e|es|ed|ing)\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w%.-]+\s+){0,3}$",
    re.IGNORECASE,
)
# a change the party goes on making is an act: "will continue suspending tariff hikes on U.S.
# goods for 90 days" (not "the continuation of the tariffs")
CONTINUED_CHANGE = re.compile(
    r"\b(?:suspen|paus|cut|reduc|lower|lift|remov|waiv|exempt|halt|delay|postpon|defer)\w*\b",
    re.IGNORECASE,
)


def _continued_level(before: str) -> bool:
    """'the continuation of roughly 55% tariffs', 'will continue the 10% duty': a level kept."""
    continued = CONTINUATION_BEFORE.search(before)
    return continued is not None and not CONTINUED_CHANGE.search(continued.group())


LEVEL_STATE = re.compile(
    r"\b(?:sits?|sitting|hovers?|hovering)\s+(?:just\s+|now\s+)?(?:above|below|at|near|around)"
    r"\s+(?:about\s+)?\d",
    re.IGNORECASE,
)
# a measure left standing: "with the remaining 10 per cent tariff still in place"
LEFT_STANDING = re.compile(
    r"^[^.;]{0,30}?\bstill\s+in\s+(?:place|effect|force)\b"
    # "while the 10% additional tariff rate on US goods will be retained"
    r"|^(?:[^.;,]|(?<=[A-Z])\.){0,40}?\b(?:will\s+be|to\s+be|is|are|be|been|was|were|being)\s+"
    r"(?:retained|kept|maintained)\b"
    # "only the 10% additional tariff rate will continue to apply", "a 'default' 10 percent duty
    # continues to apply", "Section 301 tariffs remain unaffected" (not a tariff imposed before
    # it stays: "the 10% tariff Beijing imposed in March will remain in effect")
    r"|^(?:(?!\b(?:impos|introduc|levied|slapp|unveil)\w*)(?:[^.;]|(?<=[A-Z])\.)){0,100}?\b(?:"
    r"continu(?:e|es|ing)\s+to\s+(?:apply|be\s+applied|be\s+in\s+effect|be\s+collected)|"
    r"(?:remain|remains|remained|stay|stays|stayed)\s+(?:in\s+(?:effect|place|force)|unchanged|"
    r"unaffected|applicable))\b",
    re.IGNORECASE,
)
# a country exposed to a rate ("China now faces up to a 245% tariff") is no act on it
EXPOSURE_BEFORE = re.compile(
    r"\bfac(?:e|es|ed|ing)\s+(?:tariffs?\s+of\s+)?(?:up\s+to|as\s+much\s+as|as\s+high\s+as)\s+"
    r"[^.;]{0,30}$",
    re.IGNORECASE,
)
# a sum of tariffs is a level, not a measure: "cumulative tariffs of 124%", "pushing total US
# tariffs ... as high as 145%", "the overall tariff rate on Chinese goods to about 47%"
SUM_BEFORE = re.compile(
    r"\b(?:total|cumulative|overall|combined|aggregate)\s+(?:[\d.]+\s*(?:%|percent|per\s+cent)\s+)?"
    r"(?:(?:US|U\.S\.|American|Chinese|Canadian|EU|average|effective)\s+)*$",
    re.IGNORECASE,
)
# goods left under a rate: "soybeans still face a 13% tariff", "will remain under a 13 percent
# tariff" (the guide: a level only said to exist or remain is no event)
LEFT_UNDER_BEFORE = re.compile(
    r"\b(?:still\s+fac(?:e|es|ed|ing)|remain(?:s|ed|ing)?\s+under)\s+(?:an?\s+|the\s+)?"
    r"(?:[\w.%-]+\s+){0,4}$",
    re.IGNORECASE,
)
# a scope clause: "Tariff does not apply if ...", "the duties will not apply to ..."
# a total told by its parts: "The U.S. tariff of 55% is composed of the 20% fentanyl tariffs,
# ...", "cumulative tariffs of 124%, comprising the existing 20% ...": levels, no act
COMPOSITION = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:composed|made\s+up)\s+of|compris(?:es|ed|ing)|"
    r"consist(?:s|ed|ing)?\s+of)\b",
    re.I,
)
# a lead-in announcing the parts of a current total or the levels that stay ("The current
# tariff structure for Chinese goods includes:", "Existing tariffs remain unchanged:"): the
# list items below it state levels, not acts
LEVELS_LEAD_IN = re.compile(
    r"\b(?:current|existing|cumulative|combined|total|stacked|overall)\b[^:]{0,80}?"
    r"(?:\b(?:includes?|comprises?|consists?\s+of|(?:is|are)\s+(?:composed|made\s+up)\s+of)|"
    r"\bremains?\s+(?:unchanged|in\s+place|the\s+same))\s*:\s*$",
    re.I,
)
SCOPE_CLAUSE = re.compile(
    r"\b(?:does|do|did|will|would|shall)\s+not\s+apply\b|\bdoesn[’']t\s+apply\b", re.I
)


# what a suspended or lifted rule does, told in a relative clause on it ("will suspend the
# Affiliates Rule ... that expands its export restrictions to ...", "a suspension of the rule,
# which imposed export restrictions on ..."), names the controls eased: no new control
EASED_RULE_RELATIVE = re.compile(
    r"\b(?:suspen\w*|lift\w*|paus\w*|rescind\w*|revok\w*|scrap\w*|delay\w*|postpon\w*)\b"
    r"[^;]{0,120}?\b(?:rule|regulation|measure|notice|announcement|policy)s?\b[”\"’']?"
    # (its name may run on with a number and year: "Announcement No. 46 (2024), which ...")
    r"(?:(?:\s+(?:[^.;,]|(?<=No)\.|(?<=[A-Z])\.){0,40}?)?,?[”\"’']?\s+(?:that|which)\s+"
    r"(?:[\w’'“”\".-]+\s+){0,5}"
    # ... or a participle right after the rule: "agreed to suspend its rule expanding export
    # restrictions to businesses ..."
    r"|\s+(?:expanding|extending|imposing|restricting|requiring|limiting|barring|tightening)\s+"
    r"(?:[\w’'“”\".%-]+\s+){0,12}[“\"‘']?)$",
    re.IGNORECASE,
)


def describes_eased_rule(clause: str, family: str, start: int) -> bool:
    """Whether an export-control trigger only tells what a rule that the clause suspends or
    lifts did (a relative clause on that rule): those controls are the ones eased."""
    return family == "export" and bool(
        EASED_RULE_RELATIVE.search(clause[max(0, start - 240) : start])
    )


def states_a_level(clause: str, family: str, start: int, end: int) -> bool:
    """Whether a tariff trigger only describes the level, range or reach of a measure
    ("Section 301 tariffs run from 25% to 100%", "China now faces up to a 245% tariff",
    "cumulative tariffs of 124%", "Tariff does not apply if chips are imported for ...", "the
    tariff of 55% is composed of ...")."""
    if family != "tariff":
        return False
    return bool(
        (LEVEL_AFTER.search(clause[end:]) and not IMPOSING_BEFORE.search(clause[:start]))
        or _continued_level(clause[:start])
        or LEFT_STANDING.search(clause[end:])
        or LEVEL_STATE.search(clause)
        or EXPOSURE_BEFORE.search(clause[:start])
        or (
            SUM_BEFORE.search(clause[max(0, start - 40) : start])
            and not _changed_after(clause, end)
        )
        or LEFT_UNDER_BEFORE.search(clause[max(0, start - 60) : start])
        or SCOPE_CLAUSE.search(clause)
        or COMPOSITION.search(clause)
    )


# a change the measure undergoes, told after it in the passive: "the combined 145% U.S. levies
# on most Chinese imports will be reduced to 30%" (a sum changed by an act is that act's)
CHANGED_AFTER = re.compile(
    r"^[^.;,]{0,60}?\b(?:is|are|was|were|will\s+be|would\s+be|has\s+been|have\s+been|"
    r"had\s+been)\s+(?:\w+ly\s+)?(?:reduced|cut|lowered|slashed|halved|raised|increased|"
    r"hiked|lifted|brought\s+down)\s+(?:to|by|from)\b",
    re.IGNORECASE,
)


def _changed_after(clause: str, end: int) -> bool:
    return bool(CHANGED_AFTER.match(clause[end:]) or RISE_OR_FALL_AFTER.match(clause[end:]))


# two parties as the subject of an extension: "The United States and China are preparing to
# extend their truce", "the sides agreed to extend a fragile truce", or of a truce they
# announce: "The United States and China recently announced a 90-day truce"
JOINT_PARTIES = re.compile(
    r"\b(?:their|both|the\s+two|the\s+(?:two\s+)?(?:sides|parties|countries|nations|"
    r"governments|leaders))\b"
    r"|\b(?:[A-Z][\w.]*\s+){1,3}and\s+(?:the\s+)?(?:[A-Z][\w.]*\s*){1,3}(?:\w+ly\s+)?"
    r"(?:have|has|had|are|were|will|would|agreed|agree|plan|decided|announced|established)\b",
)


def joint_truce_extension(clause: str, family: str, start: int, end: int) -> bool:
    """Whether a suspension trigger extends a truce of two parties named as its subject: their
    agreement, not each side's suspension (a side that extends its own pause suspends)."""
    if family != "suspend" or not re.search(r"\btruce\b", clause[start:end], re.I):
        return False
    return bool(JOINT_PARTIES.search(clause[:end]))


# a passive with its agent after the act: "was cleared for export to China by the Trump
# administration", "were approved by Beijing"
PASSIVE_BY = re.compile(r"^[^.;]{0,80}?\bby\s", re.IGNORECASE)
PASSIVE_AUX = re.compile(r"\b(?:was|were|is|are|been|be|being|get|got)\s+(?:\w+\s+)?$", re.I)


def passive_agent(sentence: str, t_start: int, t_end: int) -> tuple[int, int] | None:
    """The span of the ``by`` agent of a passive trigger verb, when no party is named before
    it (the caller picks the actor mention inside the span), or None."""
    if not PASSIVE_BY.search(sentence[t_end:]):
        return None
    if not PASSIVE_AUX.search(sentence[:t_start]) and not _passive_subject(sentence, t_start):
        return None
    subject = subject_of(sentence, t_start)
    if subject is None or subject.pronoun or subject.start < t_end:
        return None
    return subject.start, subject.end


def _passive_subject(sentence: str, t_start: int) -> bool:
    """Whether the trigger noun is the subject of a passive verb with a ``by`` agent ("A 25%
    tariff was imposed on Chinese steel by Washington")."""
    token = next((t for t in parse(sentence) if t.idx <= t_start < t.idx + len(t.text)), None)
    if token is None:
        return False
    while token.dep_ in {"compound", "amod", "nummod"} and token.head.i != token.i:
        token = token.head  # "export" in "export controls were imposed by ..."
    return token.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in token.head.children)


# a tariff noun that names a pause ("an extension of its tariff pause", "a 90-day tariff
# reprieve") is a suspension, whatever verb announces it
PAUSE_NOUN_AFTER = re.compile(r"^\s*(?:pause|suspension|reprieve|freeze)\b", re.IGNORECASE)


# a pause two sides agree on is their agreement's content ("after the two economies agreed on
# tariff pause"), not one side's suspension
AGREED_ON_BEFORE = re.compile(
    r"\bagree\w*\s+(?:on|upon|to)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?$", re.I
)


def names_a_pause(clause: str, end: int) -> bool:
    """Whether the tariff trigger ending at ``end`` modifies a pause noun that no agreement
    has as its content."""
    if not PAUSE_NOUN_AFTER.match(clause[end:]):
        return False
    start = len(clause[:end].rstrip()) - len(clause[:end].rstrip().split()[-1])
    return not AGREED_ON_BEFORE.search(clause[:start])


# a tariff that rises or falls as the subject of an intransitive verb: "tariffs rose to 104
# percent", "the duty on steel fell to 15%"
RISE_OR_FALL_AFTER = re.compile(
    r"^\s+(?:[\w.’'-]+\s+){0,4}?"
    # ... past a clause that describes the tariff: "US tariffs on Chinese imports, which were
    # not included in the pause, will rise to 125%"
    r"(?:[\w-]+,\s+(?:which|that)\b[^,;]{0,80},\s+(?:[\w-]+\s+){0,2}?)?(?:(?P<rise>rose|risen|rises|rise|rising|went\s+up|go(?:es)?\s+up|"
    r"climb(?:s|ed)?|jump(?:s|ed)?)|"
    r"(?P<fall>fell|fallen|falls|fall|falling|declined|declines?|dropp?(?:s|ed)?|went\s+down|"
    r"come\s+down|came\s+down|go(?:es)?\s+down))\s+(?:(?:back|sharply|further)\s+)?(?:to|by|from)\b",
    re.IGNORECASE,
)


# a tariff that stays suspended: "the 24% additional tariff ... remaining suspended for one
# year", "will remain paused until November"
REMAINS_SUSPENDED_AFTER = re.compile(
    r"^[^.;,]{0,40}?\b(?:remain|remains|remained|remaining|stay|stays|stayed|staying)\s+"
    r"(?:suspended|paused|on\s+hold)\b",
    re.IGNORECASE,
)


# a tariff that stops applying is removed: "the additional tariff measures stipulated in the
# Announcement ... (Announcement No. 2 of 2025) shall cease to be implemented"
CEASES_AFTER = re.compile(
    r"^(?:[^.;,]|(?<=No)\.){0,320}?\b(?:shall|will|would|to)\s+cease\s+to\s+(?:be\s+)?"
    r"(?:implemented|applied|apply|levied|collected|in\s+effect|have\s+effect)\b",
    re.IGNORECASE,
)


def rise_or_fall(clause: str, end: int) -> str | None:
    """The tariff change told by an intransitive verb after the trigger ending at ``end``
    (a tariff that remains suspended is suspended, one that ceases to apply is removed)."""
    if REMAINS_SUSPENDED_AFTER.match(clause[end:]):
        return "suspend_tariff"
    if CEASES_AFTER.match(clause[end:]):
        return "cut_tariff"
    match = RISE_OR_FALL_AFTER.match(clause[end:])
    if match is None:
        return None
    return "raise_tariff" if match.group("rise") else "cut_tariff"


# a range of rates stated as one imposition: "levied 10% to 50% tariffs", "imposed duties of
# 10% to 50%"; without "from" and under a verb of imposing it is no move from one to the other
PERCENT = r"\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)"
RANGE_BEFORE = re.compile(
    rf"\b(?:impos|lev(?:y|ie)|slap|introduc)\w*\s+(?:[\w-]+\s+){{0,2}}?{PERCENT}\s+to\s+"
    rf"{PERCENT}\s*(?:[\w“”\"'-]+\s+){{0,2}}(?:$|(?=tariffs?\b|dut(?:y|ies)\b|levies\b))",
    re.IGNORECASE,
)
RANGE_AFTER = re.compile(
    rf"^\s+(?:of|ranging\s+from)\s+(?:up\s+to\s+)?{PERCENT}\s+to\s+{PERCENT}", re.I
)


def imposed_range(clause: str, start: int, end: int) -> bool:
    """Whether the tariff trigger at ``[start, end)`` is imposed with a range of rates."""
    if RANGE_BEFORE.search(clause[:start]) or RANGE_BEFORE.match(clause[start:] + " "):
        return True  # "... 10% to 50% tariffs", or the verb "levy 10% to 50%" itself
    return bool(RANGE_AFTER.match(clause[end:]) and IMPOSING_BEFORE.search(clause[:start]))


# a meeting only spoken of as possible: "may be reserved for a possible meeting between the
# two presidents"
POSSIBLE_BEFORE = re.compile(
    r"\b(?:possible|potential|prospective|hypothetical)\s+(?:[\w-]+\s+){0,2}$", re.I
)


# talks as an idiom of openness ("keeping the door open for negotiations") or between a firm
# and its business partners ("in talks with its suppliers") are no talks between governments
DOOR_BEFORE = re.compile(
    r"\bdoors?\s+(?:[\w-]+\s+){0,2}?(?:for|to)\s+(?:further\s+|more\s+|new\s+)?$", re.I
)
BUSINESS_PARTNERS_AFTER = re.compile(
    r"^\s+with\s+(?:its|their|his|her)\s+(?:[\w-]+\s+)?(?:suppliers|customers|clients|"
    r"partners|unions|lenders|creditors|investors|dealers|employees|workers)\b",
    re.IGNORECASE,
)


def possible_meeting(clause: str, family: str, start: int, end: int | None = None) -> bool:
    """Whether a talks trigger is no meeting of governments: one only spoken of as possible,
    an idiom of openness, or a firm's talks with its business partners."""
    if family != "talks":
        return False
    after = clause[end:] if end is not None else ""
    return bool(
        POSSIBLE_BEFORE.search(clause[:start])
        or DOOR_BEFORE.search(clause[:start])
        or BUSINESS_PARTNERS_AFTER.match(after)
        or (
            end is not None
            and WITH_SOMEONE.match(clause[start:end])
            and not _party_named(after)  # "a call with Apple CEO Tim Cook"
        )
    )


# a call, talk or gathering "with" someone is a meeting of governments only when a party of the
# gazetteer is named within a few words after it ("a call with Chinese President Xi Jinping")
WITH_SOMEONE = re.compile(r"^(?:call|talk|talks|talking|gathering)\s+with$", re.I)


def _party_named(after: str) -> bool:
    """Whether a party of the gazetteer is named within five words of the text."""
    return bool(_named_party_pattern().match(after))


@lru_cache(maxsize=1)
def _named_party_pattern() -> re.Pattern[str]:
    phrases = sorted({e.phrase for e in actor_entries()}, key=len, reverse=True)
    names = "|".join(re.escape(p) for p in phrases)
    return re.compile(rf"^\s+(?:[\w.’'-]+\s+){{0,4}}?(?:{names})\b", re.I)


# a second act joined to a clause by a participle with its own subject ("..., with Beijing
# also announcing an extension of its pause") or by "alongside" ("..., alongside imposing 25%
# duties on goods from Canada") or by a participle of causing ("..., prompting Beijing to
# retaliate with ...") or a later one ("..., then said ..."): a clause of its own, so that
# each act keeps its actor and rate
COORDINATED_ACT = re.compile(
    r",\s+(?=with\s+(?-i:[A-Z])[\w.’'-]+(?:\s+(?-i:[A-Z])[\w.’'-]+){0,2}\s+(?:also\s+)?"
    r"[a-z]+ing\b)"
    r"|,\s+(?=alongside\s+[a-z]+ing\b)"
    # the other side's act of an exchange, with or without a comma: "agreed that China would
    # suspend its controls in exchange for the United States lowering its tariff"
    r"|,?\s+(?=in\s+(?:exchange|return)\s+for\s+(?:the\s+)?(?-i:[A-Z])[\w.’'-]+"
    r"(?:\s+(?-i:[A-Z])[\w.’'-]+){0,2}\s+[a-z]+ing\b)"
    # the act of the party an act prompted: "..., prompting Beijing to retaliate with tariffs
    # of up to 125%", "..., leading the Trump administration to respond with export controls"
    r"|,\s+(?=(?:prompting|leading|pushing|provoking|spurring|forcing)\s+(?:the\s+)?"
    r"(?-i:[A-Z])[\w.’'-]+(?:\s+[\w.’'-]+){0,2}?\s+to\s+[a-z]+\b)"
    # a later act of the same subject: "..., then said he would raise it to 15%", "..., and
    # later increased this figure to 145 percent"
    r"|,\s+(?=(?:and\s+)?(?:then|later)\s+(?:[a-z]+ed|said|told|wrote|took|put|set|hit|cut)\b)",
)


def split_coordinated(parts: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The clauses of a sentence (offset, text), each cut again before a coordinated act."""
    out: list[tuple[int, str]] = []
    for start, text in parts:
        position = 0
        for match in COORDINATED_ACT.finditer(text):
            out.append((start + position, text[position : match.start()]))
            position = match.end()
        out.append((start + position, text[position:]))
    return [(start, text) for start, text in out if text.strip()]


# the subject of an absolute "with" clause acts: "..., with Beijing also announcing ..."
WITH_BEFORE = re.compile(r",\s+with\s+$", re.IGNORECASE)
SUBJECT_OF_PARTICIPLE = re.compile(
    r"^[\w.’'-]+(?:\s+(?-i:[A-Z])[\w.’'-]+){0,2}\s+(?:also\s+)?[a-z]+ing\b"
)


def acts_in_with_clause(text: str, start: int) -> bool:
    """Whether the mention at ``start`` of ``text`` is the subject of an absolute "with"
    clause (", with Beijing also announcing ..."), so an actor, not a target."""
    return bool(
        WITH_BEFORE.search(text[max(0, start - 10) : start])
        and SUBJECT_OF_PARTICIPLE.match(text[start:])
    )


# a commentator's forecast in the conditional: "Some analysts predicted the rule would add
# thousands of entities to the list" (the parse rule of mentions.py reads could/may/might)
COMMENTATORS_WOULD = re.compile(
    r"\b(?:analysts?|economists?|experts?|observers?|investors?|traders?|strategists?|"
    r"commentators?)\b[^.;]{0,40}?\b(?:predict\w*|expect\w*|forecast\w*|estimat\w*|"
    r"project\w*|believ\w*|speculat\w*|think|thinks|thought)\b[^;]{0,80}?\bwould\b",
    re.IGNORECASE,
)


def commentators_forecast(clause: str, start: int) -> bool:
    """Whether the trigger at ``start`` lies in a commentator's forecast with "would"."""
    return bool(COMMENTATORS_WOULD.search(clause[:start]))


# "the sides" as a subject names both parties, as "the parties" and "both sides" do
THE_SIDES = re.compile(r"\bthe\s+sides\b", re.IGNORECASE)


# the period of a deal holds for the concessions of its sides told without one ("reach an
# agreement to reduce their tariffs for 90 days ... Beijing also pledged to reduce its 125
# percent tariffs on US goods to 10 percent")
CONCESSIONS = frozenset({"cut_tariff", "suspend_tariff", "ease_export_control"})


def carry_deal_duration(events: list[Any]) -> None:
    """Give the article's concessions without a period the period of its one agreement
    (when its agreements state one period only), unless they are recalled or dated apart."""
    periods = {
        e.duration for e in events if e.action == "reach_agreement" and e.duration is not None
    }
    if len(periods) != 1:
        return
    period = periods.pop()
    deal = next(e for e in events if e.action == "reach_agreement" and e.duration == period)
    for event in events:
        if (
            event.action in CONCESSIONS
            and event.duration is None
            and event.modality in {"actual", "future"}  # not recalled, hedged or reported
            and (event.event_date is None or deal.event_date in {None, event.event_date})
        ):
            event.duration = period
