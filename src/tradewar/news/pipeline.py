"""The extraction pipeline: an article in, its events out.

1. the text is cleaned (:mod:`tradewar.news.clean`) and its dateline found
   (:mod:`tradewar.news.dateline`);
2. it is cut into sentences and clauses with their actor mentions
   (:mod:`tradewar.news.sentences`);
3. each sentence's events are assembled (:mod:`tradewar.news.events`) from triggers and
   actions (:mod:`tradewar.news.triggers`), roles (:mod:`tradewar.news.actors`), modality
   (:mod:`tradewar.news.modality`) and slots (:mod:`tradewar.news.slots`); list items under
   a lead-in ("... the following items:") inherit its act;
4. repeated mentions of one event are merged (:mod:`tradewar.news.merging`), and a target the
   article never names (only the actor's usual counterpart) becomes unknown;
5. optionally, a learned act classifier (:mod:`tradewar.news.learned`) drops candidates that
   are mentions rather than acts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tradewar.news import frames, memo, roles
from tradewar.news.clean import clean_html, clean_text
from tradewar.news.commentary import drop_commentary
from tradewar.news.dateline import find_dateline, month_dateline
from tradewar.news.deal_recalls import dated_deal_recalls, dated_measure_recalls
from tradewar.news.events import events_in_sentence, resolve_anaphoric_rates
from tradewar.news.frames import prefetch, wants_frames
from tradewar.news.learned import ActClassifier
from tradewar.news.mentions import wants_reference_parse
from tradewar.news.merging import absorb_summaries, merge_events
from tradewar.news.modality import settle_modalities
from tradewar.news.schema import JOINT_ACTIONS, Event
from tradewar.news.sentences import Article, ArticleContext, Sentence, clauses, sentences
from tradewar.news.slot_rules import apply_inclusion
from tradewar.news.slots import (
    FRONTS_REACH,
    LIST_ITEM,
    NAMED_REACH,
    apply_continued_date,
    apply_follow_up_effective,
    apply_list_date,
    apply_named_effective,
    apply_same_day,
    date_fronts,
    date_talks_by_their_outcome,
    inherit_control_goods,
    is_measure,
    list_item_events,
    other_side_terms,
    rates_by_party,
    settle_article_dates,
    several_fronts_day,
    share_article_slots,
)
from tradewar.news.standing import (
    drop_exemptions,
    drop_standing_levels,
    drop_statistics,
    put_facing_party_as_target,
)
from tradewar.news.statements import is_official_statement, issuer
from tradewar.news.targets import coordinated_targets, rated_targets
from tradewar.news.wording import LEVELS_LEAD_IN, carry_deal_duration


def extract_events(
    article: Article, *, classifier: ActClassifier | bool | None = False
) -> list[Event]:
    """Extract every event of an article (offline).

    Parameters
    ----------
    article
        The article; ``published`` (when it is a full date) anchors relative dates,
        otherwise the dateline is read from the text's head.
    classifier
        Which learned act classifier drops candidates that are mentions rather than acts:
        True for the one trained on the bundled labelled articles, an
        :class:`~tradewar.news.learned.ActClassifier`, or False/None (default) for the
        rules alone (see the README for why the rules stay the default).

    Returns
    -------
    list of Event
        Events numbered ``<article id>-E1``, ``-E2``, ... in text order; each
        ``evidence`` is verbatim at ``evidence_span`` of ``article.text``.
    """
    events = rule_events(article)
    if classifier is True:
        from tradewar.news.learned import default_classifier

        classifier = default_classifier()
    if isinstance(classifier, ActClassifier):
        events = classifier.keep(events, len(article.text))
    for number, event in enumerate(events, start=1):
        event.event_id = f"{article.id}-E{number}"
    return events


def rule_events(article: Article) -> list[Event]:
    """The rules' candidate events of an article (before the learned act filter)."""
    cleaned = clean_html(article.text) if article.html else clean_text(article.text)
    dateline = find_dateline(cleaned.text, article.published) or month_dateline(article.published)
    context = ArticleContext(issuer=issuer(cleaned.text, article.url))
    found: list[Event] = []
    lead_in: list[Event] = []
    committed_lead = False  # under "The United States will:" and its list
    previous: list[Event] = []  # the events of the sentence before
    article_sentences = sentences(cleaned.text)
    _prefetch_parses(article_sentences)
    told_measures: list[Event] = []  # the last sentence's measures a follow-up may name
    told_at = 0
    fronts_day, fronts_left = None, 0  # "moved on two fronts on June 22": its day
    levels_listed = False  # under "The current tariff structure ... includes:"
    in_item, item_end = False, 0  # inside a list item, and where its last sentence ended
    listed: set[str] = set()  # the parties of lists of rated targets ("Cambodia at 49%")
    for index, sentence in enumerate(article_sentences):
        events = drop_commentary(
            events_in_sentence(sentence, cleaned, article.id, dateline, context), sentence
        )
        put_facing_party_as_target(events, sentence)
        events.extend(coordinated_targets(events, sentence))
        rated = rated_targets(events, sentence)
        if rated is not events:  # a list's parties are named, in the gazetteer or not
            listed.update(e.target for e in rated if e.target is not None)
        events = rated
        events = drop_standing_levels(drop_statistics(events, sentence), sentence)
        events = drop_exemptions(events, sentence)
        events.extend(dated_deal_recalls(sentence, events, article.id, dateline))
        events.extend(dated_measure_recalls(sentence, events, article.id, dateline))
        item = bool(LIST_ITEM.match(sentence.text))
        levels_listed = bool(LEVELS_LEAD_IN.search(sentence.text)) or (levels_listed and item)
        if levels_listed and item:
            events = []  # a part of the current total: a level, not an act
        resolve_anaphoric_rates(events, sentence, found)
        if not events and lead_in and LIST_ITEM.match(sentence.text):
            events = list_item_events(sentence, cleaned, lead_in, dateline)
        if LIST_ITEM.match(sentence.text) and committed_lead:
            _as_commitments(events)  # "China will:" heads a list of what it commits to do
        if sentence.text.rstrip().endswith(":"):
            lead_in = [e for e in events if e.action not in JOINT_ACTIONS] or lead_in
            committed_lead = bool(COMMITTING_LEAD.search(sentence.text))
        elif not LIST_ITEM.match(sentence.text):
            lead_in = []
            committed_lead = False
        apply_same_day(sentence, events, cleaned.text[: sentence.start], dateline)
        apply_continued_date(events, sentence, previous)
        date_talks_by_their_outcome(events)
        rates_by_party(sentence, events)
        events.extend(other_side_terms(sentence, events))
        announced_day = several_fronts_day(sentence, dateline)
        if announced_day:
            fronts_day, fronts_left = announced_day, FRONTS_REACH + 1
        if fronts_day and fronts_left:
            date_fronts(events, fronts_day)
            fronts_left -= 1
        in_item = bool(LIST_ITEM.match(sentence.text)) or (
            in_item and "\n" not in cleaned.text[item_end : sentence.start]
        )  # a sentence after a list item on the same line goes on with that item
        apply_list_date(sentence, events, dateline, context, continues_item=in_item)
        item_end = sentence.start + len(sentence.text)
        apply_follow_up_effective(sentence, events, previous, dateline)
        before = article_sentences[index - 1].text if index else ""
        apply_inclusion(sentence.text, events, previous, before, dateline)
        if not any(is_measure(e) for e in previous):
            apply_named_effective(sentence, events, told_measures, dateline)
        if any(is_measure(e) for e in events):
            told_measures, told_at = events, index
        elif index - told_at >= NAMED_REACH:
            told_measures = []
        previous = events
        found.extend(events)
    named = {mention.code for sentence in article_sentences for mention in sentence.mentions}
    named |= listed
    events = absorb_summaries(merge_events(_drop_unnamed_targets(found, named)))
    official = is_official_statement(cleaned.text, article.url)
    settle_article_dates(events, cleaned.text, dateline, official=official)
    inherit_control_goods(events)
    settle_modalities(events, dateline)
    carry_deal_duration(events)  # the deal's period for its concessions told without one
    events = _merge_restatements(events)
    share_article_slots(events)  # slots the article states once for all its measures
    for number, event in enumerate(events, start=1):
        event.event_id = f"{article.id}-E{number}"
    return events


# a lead-in that commits its party to the list below it: "China will:", "The United States
# shall:", "Beijing agreed to:", "Under the deal, the US commits to:"
COMMITTING_LEAD = re.compile(
    r"\b(?:will|shall|would|is to|are to|(?:agreed|agrees|committed|commits|pledged|pledges|"
    r"promised|promises)\s+to)\s*:\s*$",
    re.IGNORECASE,
)


def _as_commitments(events: list[Event]) -> None:
    """Acts listed under a committing lead-in are promised, not done: what the rules read as
    done (a bare imperative item, "Lower the tariff to 10%") is future."""
    for event in events:
        if event.modality == "actual":
            event.modality = "future"


def _merge_restatements(events: list[Event]) -> list[Event]:
    """One event for the mentions of one act that agree in every slot and in their goods
    (:func:`tradewar.news.joint.merge_restatements`; imported here, when the article's
    events are known, because the joint module reads the labelled-set tools)."""
    from tradewar.news.joint import merge_open_targets, merge_restatements

    return merge_open_targets(merge_restatements(events))


def _prefetch_parses(article_sentences: list[Sentence]) -> None:
    """Parse in one batch the clauses that may hold export-control frames and the sentences
    whose triggers may be mere references (sentences whose actor needs syntax are parsed
    when that turns out, which is rarer).  spaCy's pipeline costs about 3 ms a batch
    whatever its size, so one batch per article is cheaper than several."""
    frame_clauses = [
        clause
        for sentence in article_sentences
        for _, clause in clauses(sentence.text)
        if wants_frames(clause)
    ]
    reference_sentences = [
        sentence.text for sentence in article_sentences if wants_reference_parse(sentence.text)
    ]
    prefetch(frame_clauses + reference_sentences)  # one batch: each costs a fixed ~3 ms


def _drop_unnamed_targets(events: list[Event], named: set[str]) -> list[Event]:
    """A target the article never names was only the actor's usual counterpart (China's
    rare-earth controls in a notice that never mentions the US): it becomes unknown."""
    for event in events:
        if event.target is not None and event.target not in named:
            event.target, event.target_inferred = None, False
    return events


def clear_caches() -> None:
    """Forget every remembered parse, frame and subject, and every text's remembered dates,
    rates and periods (benchmarks time fresh reads, as new articles would need)."""
    frames.clear_cache()
    roles.clear_cache()
    memo.forget_all()


def extract_all(articles: Iterable[Article]) -> list[Event]:
    """Events of many articles, in order."""
    return [event for article in articles for event in extract_events(article)]
