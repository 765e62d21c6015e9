"""Export-control frames from the parse: lemma x object, inflections and nominalisations."""

from __future__ import annotations

import json
from importlib.metadata import metadata

import pytest

from tradewar.news.frames import MODEL, MODEL_VERSION, frames_in, parser


@pytest.mark.parametrize(
    ("clause", "action"),
    [
        ("China suspended an export ban to the U.S. on gallium", "ease_export_control"),
        ("China will suspend its ban on exports of antimony to the US", "ease_export_control"),
        ("the ban will now be suspended until Nov. 27, 2026", "ease_export_control"),
        (
            "the ministry announced the easing of restrictions on exports of graphite",
            "ease_export_control",
        ),
        ("Beijing announced the suspension of other export controls", "ease_export_control"),
        ("the department rescinded a ban on EDA software sales to China", "ease_export_control"),
        (
            "it suspended the stricter end-user checks for exports of graphite",
            "ease_export_control",
        ),
        ("The ban was introduced in December 2024", "impose_export_control"),
        ("Beijing is halting exports of rare earth magnets", "impose_export_control"),
        ("halting exports of rare earth magnets", "impose_export_control"),
        ("Washington prohibited the sale of advanced chips to China", "impose_export_control"),
        (
            "exports of H20 chips will have to meet new licensing requirements",
            "impose_export_control",
        ),
        ("the bureau added 32 entities to the control list", "impose_export_control"),
    ],
)
def test_a_verb_or_its_noun_with_its_object_states_an_act(clause: str, action: str) -> None:
    assert action in {frame.action for frame in frames_in(clause)}


@pytest.mark.parametrize(
    "clause",
    [
        "China did not lift the ban on exports",  # negated
        "the US imposed visa restrictions on officials",  # not about exports
        "Trump threatened to ban TikTok",
        "negotiators will press for the removal of US curbs on chips",  # a demand
        "China urged Washington to lift its export controls",
        "the country announced new tariffs on soybeans",  # tariffs have their own grammar
    ],
)
def test_no_frame_for_what_is_not_an_export_control_act(clause: str) -> None:
    assert frames_in(clause) == []


def test_the_frame_span_is_the_word_that_carries_the_act() -> None:
    clause = "Beijing announced the suspension of other export controls"
    (frame,) = frames_in(clause)
    assert clause[frame.start : frame.end] == "suspension"


def test_the_parser_is_the_pinned_mit_model_loaded_from_the_environment() -> None:
    nlp = parser()
    assert nlp.meta["version"] == MODEL_VERSION
    assert nlp.meta["license"] == "MIT" and nlp.meta["author"] == "Explosion"
    assert "parser" in nlp.pipe_names and "ner" not in nlp.pipe_names
    assert metadata(MODEL)["Version"] == MODEL_VERSION
    assert json.loads(json.dumps(nlp.meta))["lang"] == "en"
