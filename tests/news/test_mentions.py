"""Acts and mentions: references, aims, titles, agreement contents, hypotheticals and
repeated statements of one act (mentions.py, triggers.py, actors.py, merging.py)."""

from __future__ import annotations

from tradewar.news.extract import Article, extract_events, sentences
from tradewar.news.mentions import is_reference, may_refer
from tradewar.news.merging import merge_events
from tradewar.news.schema import Event


def events(text: str, published: str = "2025-07-01") -> list[tuple[str, str | None, str | None]]:
    found = extract_events(Article(id="M", text=text, published=published))
    return [(e.action, e.actor, e.target) for e in found]


def reference(sentence: str, word: str, family: str) -> bool:
    start = sentence.index(word)
    return is_reference(sentence, start, start + len(word), family)


def test_talks_as_the_time_of_another_act_are_a_reference() -> None:
    text = "The tariff cuts were agreed during trade talks between the United States and China."
    assert reference(text, "talks", "talks")
    assert ("hold_talks", "CHN+USA", None) not in events(text)


def test_talks_with_their_own_place_or_date_stay_an_act() -> None:
    placed = "He agreed to cut tariffs after talks with the Chinese side in Geneva."
    dated = "The agreement came after a phone call between the leaders a week earlier."
    assert not reference(placed, "talks", "talks")
    assert not reference(dated, "call", "talks")


def test_an_aim_a_title_and_talks_agreed_to_are_no_talks_or_agreement() -> None:
    aim = "Both sides set out a pathway for continued trade negotiations between the two countries."
    assert reference(aim, "negotiations", "talks")
    title = "Read the Joint Statement on the Economic and Trade Meeting in Madrid on the website."
    assert reference(title, "Meeting", "talks")
    agreed = "The United States and China agreed to further talks on tariffs."
    assert ("reach_agreement", "CHN+USA", None) not in events(agreed)
    assert ("hold_talks", "CHN+USA", None) in events(agreed)


def test_an_agreement_that_is_another_verbs_object_is_a_reference() -> None:
    text = (
        "The United States and China affirmed the consensus reached at the previous round of talks."
    )
    assert ("reach_agreement", "CHN+USA", None) not in events(text)


def test_a_rateless_measure_that_is_an_agreements_content_is_no_act() -> None:
    content = "Both sides reached an agreement in May to pause most of the tariffs on each other."
    assert not any(action == "suspend_tariff" for action, _, _ in events(content))
    relative = "Officials said the United States and China want to keep the truce, which paused tariffs earlier this year."
    assert not any(action == "suspend_tariff" for action, _, _ in events(relative))
    rated = "Both sides reached an agreement to cut tariffs to 10% on each other's goods."
    assert not reference(rated, "tariffs", "tariff")  # a content with its own rate


def test_a_measure_cited_as_cause_or_price_is_no_act() -> None:
    cause = "The chip maker cut its outlook due to new U.S. export restrictions on software sales to China."
    assert not any(action.endswith("export_control") for action, _, _ in events(cause))
    price = "In exchange for the suspension of the U.S. rule, China has agreed to suspend its export controls on rare earths."
    found = events(price)
    assert ("ease_export_control", "CHN", "USA") in found
    assert ("ease_export_control", "USA", "CHN") not in found


def test_the_parse_is_skipped_without_a_cue_word() -> None:
    plain = "China imposed tariffs of 10% on U.S. coal."
    assert not may_refer(plain, plain.index("tariffs"), "tariff")
    assert may_refer("Tariffs rose after the deal was signed.", 0, "tariff")


def test_a_modal_perfect_makes_an_act_hypothetical_and_a_kept_level_is_no_act() -> None:
    text = (
        "The agreement keeps U.S. tariffs on Chinese imports at 30%, averting an escalation "
        "that could have seen tariffs soar to 145%."
    )
    assert not any(action.endswith("tariff") for action, _, _ in events(text))


def test_a_tariff_that_continues_to_be_imposed_is_a_state() -> None:
    text = "The remaining 10% tariffs on Chinese goods will continue to be imposed by the United States."
    assert events(text) == []


def test_a_pause_named_as_the_time_is_no_suspension() -> None:
    text = "During the pause, U.S. tariffs on Chinese goods were lowered to 30%."
    assert events(text) == [("cut_tariff", "USA", "CHN")]


def test_the_subject_of_face_undergoes_the_tariff() -> None:
    text = "China faced new U.S. tariffs of 30 percent this year."
    assert events(text) == [("impose_tariff", "USA", "CHN")]
    # a sum of tariffs ("totaling 30 percent") is a level, no act (test_general_rules.py)


def test_he_acts_through_the_last_official_named() -> None:
    text = (
        "President Trump's announcement followed China's move to raise its tariffs on American goods to 84%.\n\n"
        "He announced a 90-day pause on the higher tariffs for other countries."
    )
    found = events(text)
    assert any(action == "suspend_tariff" and actor == "USA" for action, actor, _ in found)
    assert not any(action == "suspend_tariff" and actor == "CHN" for action, actor, _ in found)


def test_talks_with_the_counterparts_leader_are_us_china_talks() -> None:
    text = (
        "Trump's talks with Xi in the South Korean city of Busan ended a trip on which he also "
        "touted trade breakthroughs with South Korea and Japan."
    )
    assert ("hold_talks", "CHN+USA", None) in events(text)


def test_an_initialisms_period_ends_a_sentence_before_a_function_word() -> None:
    text = "The order follows tariff actions by China and the U.S. On April 2, the president imposed a 34% tariff on Chinese goods."
    assert len(sentences(text)) == 2
    assert (
        len(sentences("The U.S. Commerce Department added 23 Chinese entities to its list.")) == 1
    )


def test_one_level_told_as_a_new_tariff_and_as_a_raise_is_one_raise() -> None:
    def tariff(action: str, evidence: str) -> Event:
        return Event(
            article_id="M",
            actor="USA",
            action=action,
            target="CHN",
            rate_to=104,
            evidence=evidence,
            evidence_span=(0, len(evidence)),
        )

    told = [
        tariff("impose_tariff", "Tariffs took effect, including 104% duties on Chinese goods."),
        tariff("raise_tariff", "Trump's 104% tariffs on China came into effect."),
    ]
    [merged] = merge_events(told)
    assert merged.action == "raise_tariff" and len(merged.also_evidence) == 1
    other_level = [told[0], tariff("raise_tariff", "x").model_copy(update={"rate_to": 125})]
    assert len(merge_events(other_level)) == 2


def test_a_rateless_summary_folds_into_the_detailed_tariffs() -> None:
    text = (
        "China's retaliatory tariffs on U.S. agricultural products took effect today.\n\n"
        "Chicken faces a 15 percent tariff, while pork and beef will see a 10 percent tariff."
    )
    found = extract_events(Article(id="M", text=text, published="2025-03-10"))
    rates = sorted(e.rate_to or 0 for e in found if e.action == "impose_tariff")
    assert rates == [10, 15]


def test_a_pair_in_another_clause_does_not_make_a_tariff_bilateral() -> None:
    text = (
        "Canada and Mexico got a one-month reprieve, but President Trump's new 10% tariff on "
        "China went into effect on Tuesday."
    )
    found = events(text, published="2025-02-04")
    assert ("impose_tariff", "USA", "CHN") in found
    assert ("impose_tariff", "CHN", "USA") not in found


def test_a_level_described_with_a_copula_is_no_act() -> None:
    text = "Therefore, the base tariff on Chinese goods imported into the United States will be 30% until August 12."
    assert events(text) == []
