"""Rule-based event extraction, the public face of the pipeline's stages.

The stages live in their own modules; this one re-exports their public names so that
``from tradewar.news.extract import Article, extract_events`` keeps working:

* :mod:`tradewar.news.sentences` — articles, sentences, clauses and actor mentions;
* :mod:`tradewar.news.triggers` — triggers and the action each announces;
* :mod:`tradewar.news.actors` — who acts on whom (with :mod:`tradewar.news.roles`, the parse);
* :mod:`tradewar.news.modality` — actual, future, expected, threatened, background, ...;
* :mod:`tradewar.news.slots` — dates, durations, rates and products of an event;
* :mod:`tradewar.news.events` — a sentence's events assembled from the above;
* :mod:`tradewar.news.merging` — one event per act across sentences;
* :mod:`tradewar.news.pipeline` — an article in, its events out.
"""

from __future__ import annotations

from tradewar.news.actors import Direction, Roles, roles_for
from tradewar.news.events import events_in_sentence
from tradewar.news.modality import modality_for
from tradewar.news.pipeline import extract_all, extract_events, rule_events
from tradewar.news.sentences import (
    Article,
    ArticleContext,
    Mention,
    Sentence,
    clauses,
    is_headline,
    pipeline,
    sentences,
    split_blocks,
)
from tradewar.news.slots import durations_in, products_in
from tradewar.news.triggers import Trigger, action_for, find_triggers

__all__ = [
    "Article",
    "ArticleContext",
    "Direction",
    "Mention",
    "Roles",
    "Sentence",
    "Trigger",
    "action_for",
    "clauses",
    "durations_in",
    "events_in_sentence",
    "extract_all",
    "extract_events",
    "find_triggers",
    "is_headline",
    "modality_for",
    "pipeline",
    "products_in",
    "roles_for",
    "rule_events",
    "sentences",
    "split_blocks",
]
