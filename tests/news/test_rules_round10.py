"""Tenth round of rules, for the genre's official and plain-English registers (docs/news.md,
"Tenth round"): executive orders and notices in the first person and the passive, run-in
"Country:" headings, the parts of a current total, plain paraphrases of tariff acts. Each
test fails on the code before its rule. Sentences are written for these tests, not taken
from the labelled articles."""

from __future__ import annotations

from tradewar.news.extract import Article, extract_events
from tradewar.news.schema import Event


def extracted(
    text: str, published: str | None = "2025-10-20", url: str | None = None
) -> list[Event]:
    article = Article(id="R10", text=text, published=published, url=url)
    return extract_events(article, classifier=False)


def acts(text: str, url: str | None = None) -> set[tuple[str, str | None, str | None]]:
    return {(e.action, e.actor, e.target) for e in extracted(text, url=url)}


ORDER_BODY = (
    "Section 1. Background. In my order of April 2, 2025, I found that imports of "
    "Indian steel threaten national security. To address this threat, I imposed tariffs on "
    "Indian steel.\n"
    "Section 2. Amendment. The tariff rate on Indian steel is amended from 15 percent to 30 "
    "percent.\n"
)


def test_an_official_text_acts_for_its_issuer() -> None:
    # the enacting formula, the signature line or the issuer's domain names the issuer
    formula = (
        "Adjusting Duties on Steel\nBy the authority vested in me as President by the "
        "Constitution and the laws of the United States of America, I hereby order:\n"
    )
    expected = {("impose_tariff", "USA", "IND"), ("raise_tariff", "USA", "IND")}
    assert acts(formula + ORDER_BODY) == expected
    assert acts("Adjusting Duties on Steel\n" + ORDER_BODY + "THE WHITE HOUSE, June 2, 2025.") == (
        expected
    )
    assert acts(
        ORDER_BODY, url="https://www.whitehouse.gov/presidential-actions/2025/06/steel/"
    ) == (expected)
    # without them, "I" and the agentless passive have no actor
    assert acts("Adjusting Duties on Steel\n" + ORDER_BODY) == set()
    # a report quoting the formula is no official text of its own
    report = (
        "Japan cut its tariffs on Indian steel to 5 percent on Monday. The order stated, "
        "“By the authority vested in me as President, I hereby order:” and went on. "
        "The tariff rate on Indian steel is amended from 15 percent to 30 percent."
    )
    assert {a for a in acts(report) if a[0] == "raise_tariff"} <= {("raise_tariff", "JPN", "IND")}


def test_a_run_in_country_heading_names_the_topic_not_the_actor() -> None:
    text = (
        "The White House on March 3 issued two executive orders imposing tariffs on Indian and "
        "Mexican steel.\n"
        "India: The first order, based on India's role in steel dumping, would impose a 25% "
        "tariff on Indian steel products except Indian mineral resources.\n"
        "Mexico: The second order would impose a 10% additional tariff on imports of steel."
    )
    sides = {(e.actor, e.target) for e in extracted(text) if e.rate_to in {25.0, 10.0}}
    assert sides == {("USA", "IND"), ("USA", "MEX")}
    # a heading followed by its own predicate still names the actor
    assert acts("Japan: Imposed a 25% tariff on US almonds.") == {("impose_tariff", "JPN", "USA")}


def test_a_party_that_faces_a_measure_undergoes_it() -> None:
    text = (
        "Japan-Specific Measures\n"
        "Japan faces stacked tariffs now reaching up to 60% on its cars after the United States "
        "imposed a 25% tariff on Japanese cars in March."
    )
    assert all(e.actor != "JPN" for e in extracted(text))
    text = (
        "The United States announced tariffs on its neighbours on Saturday, with goods from "
        "India facing an additional 10 percent tariff."
    )
    assert {(e.actor, e.target) for e in extracted(text) if e.rate_to == 10.0} == {("USA", "IND")}


def test_the_items_under_a_current_total_are_levels() -> None:
    lead = "The United States raised its tariffs on Indian goods on Monday. "
    items = (
        "\n· 10% IEEPA tariff (February 2025)\n· 84% reciprocal tariff (April 9, 2025)\n"
        "· 41% reciprocal tariff (April 10, 2025)\n"
    )
    for lead_in in [
        "The current tariff structure for Indian goods includes:",
        "Existing tariffs on Indian goods remain unchanged:",
    ]:
        assert {e.rate_to for e in extracted(lead + lead_in + items)} <= {None}
    # a list of the measures announced is a list of acts
    found = extracted(lead + "The new measures include:" + items)
    assert {84.0, 41.0} <= {e.rate_to for e in found}


def test_plain_english_paraphrases_of_tariff_acts() -> None:
    # "tax" as a tariff noun when added or a share of one; a stop for a period is a pause
    paused = extracted(
        "India will stop 24% of its own added taxes on American goods for 90 days and keep 10%."
    )
    assert [(e.action, e.actor, e.target, e.rate_change, e.duration) for e in paused] == [
        ("suspend_tariff", "IND", "USA", -24.0, "P90D")
    ]
    assert acts("India will remove the extra taxes on American goods.") == {
        ("cut_tariff", "IND", "USA")
    }
    # a stop without a period ends the tariff; an export tax is no tariff
    assert acts("India will stop its tariffs on American goods.") == {("cut_tariff", "IND", "USA")}
    assert acts("India raised its export taxes on rice.") == set()
    # a short lead-in ("India will:") heads the list below it
    found = extracted("India will:\n• It will stop 24% of the tax on American goods for 90 days.")
    assert [(e.action, e.actor, e.rate_change) for e in found] == [("suspend_tariff", "IND", -24.0)]


FORMULA = (
    "By the authority vested in me as President by the Constitution and the laws of the United "
    "States of America, I hereby order:\n"
)


def test_a_rate_changed_in_the_legal_register() -> None:
    text = FORMULA + (
        "Sec. 2. (a) All articles of India that are subject to the additional ad valorem rate of "
        "duty of 20 percent under Executive Order 14301, as amended, shall instead be subject to "
        "an additional ad valorem rate of duty of 10 percent."
    )
    assert [(e.action, e.actor, e.target, e.rate_from, e.rate_to) for e in extracted(text)] == [
        ("cut_tariff", "USA", "IND", 20.0, 10.0)
    ]


def test_a_measure_recalled_in_a_relative_clause_is_what_the_act_changes() -> None:
    # the lifting is the act: neither recalled nor dated by the imposition's month
    lifted = extracted(
        "India said on Monday the tariffs imposed on American almonds in March will be lifted "
        "next week."
    )
    assert [(e.action, e.modality, e.event_date) for e in lifted] == [
        ("cut_tariff", "future", "2025-10-20")
    ]
    text = FORMULA + "Sec. 2. The additional duties imposed on Indian steel in March are hereby "
    text += "terminated.\nTHE WHITE HOUSE, June 2, 2025."
    assert [(e.action, e.actor, e.modality) for e in extracted(text)] == [
        ("cut_tariff", "USA", "actual")
    ]
    # a measure that stays is only recalled
    kept = extracted(
        "India said on Monday the tariffs imposed on American almonds in March will stay."
    )
    assert [(e.action, e.modality, e.event_date) for e in kept] == [
        ("impose_tariff", "background", "2025-03")
    ]


def test_talks_of_other_parties_are_not_us_china_talks() -> None:
    for text in [
        "Unlike the 40+ trading partners that quickly opened talks with Washington, India "
        "answered with tariffs of 20% on Thursday.",
        "More than 70 countries have asked for negotiations with the United States, the "
        "Treasury Secretary said, while China hit back.",
    ]:
        assert all(e.action != "hold_talks" for e in extracted(text))
    assert acts("US and Chinese officials began talks in Geneva on Saturday.") == {
        ("hold_talks", "CHN+USA", None)
    }


def test_the_end_of_a_stretch_of_time_ends_no_measure() -> None:
    text = (
        "By the end of the month, however, India answered with a series of retaliatory measures "
        "against American goods."
    )
    assert all(e.action != "cut_tariff" for e in extracted(text))
    assert acts("India said it would end the tariffs on American almonds.") == {
        ("cut_tariff", "IND", "USA")
    }


def test_a_truce_or_pause_of_a_spelled_out_length() -> None:
    truce = extracted("After their summit, Beijing and Washington announced a one-year truce.")
    assert [(e.action, e.actor, e.duration) for e in truce] == [
        ("reach_agreement", "CHN+USA", "P1Y")
    ]
    reprieve = extracted("Washington granted Beijing a six-month reprieve on the new tariffs.")
    assert [(e.action, e.actor, e.duration) for e in reprieve] == [("suspend_tariff", "USA", "P6M")]
    # a pause of export controls eases them
    paused = extracted("Japan agreed to a one-year pause on its export controls on photoresists.")
    assert {e.action for e in paused} == {"ease_export_control"}


def test_a_tariff_called_new_is_imposed() -> None:
    text = "In April, Tokyo hit Indian steel imports with new tariffs that quickly escalated."
    assert {e.action for e in extracted(text)} == {"impose_tariff"}
    assert acts("Tokyo raised the tariffs on Indian steel imports to 50%.") == {
        ("raise_tariff", "JPN", "IND")
    }


def test_a_participle_after_a_measure_changes_it() -> None:
    text = (
        "Seoul's trade ministry said it is studying the ruling, amid Tokyo's announcement of a "
        "10% tariff on Indian steel, later raised to 15%."
    )
    raised = [e for e in extracted(text) if e.action == "raise_tariff"]
    assert [(e.actor, e.target, e.rate_from, e.rate_to) for e in raised] == [
        ("JPN", "IND", 10.0, 15.0)
    ]


def test_the_official_registers_nominal_subjects() -> None:
    # the head of an of-phrase holding the tariff is the subject whose verb decides the act
    lead = "China's Ministry of Finance announced the following on Monday. "
    for sentence in [
        "The measures of imposing additional tariffs on American sorghum specified in "
        "Announcement No. 5 will be terminated.",
        "The measures of imposing additional tariffs on American sorghum specified in "
        "Announcement No. 5 will be discontinued.",
    ]:
        assert {(e.action, e.actor) for e in extracted(lead + sentence)} == {("cut_tariff", "CHN")}


def test_vague_countermeasures_name_no_tariff() -> None:
    for text in [
        "Japan's commitments included large purchases of Indian rice, suspension of various "
        "retaliatory countermeasures, and new port fees.",
        "Japan will suspend its countermeasures on three Indian subsidiaries of a steel group "
        "for one year.",
    ]:
        assert all(e.action != "suspend_tariff" for e in extracted(text))
    assert acts("China will suspend its countermeasures against US goods for one year.") == {
        ("suspend_tariff", "CHN", "USA")
    }


def test_a_sentence_that_goes_on_in_a_list_item_takes_the_lists_date() -> None:
    text = (
        "By May 14, 2026, China will:\n"
        "• Change how it adds extra taxes on American goods. It will stop 24% of the tax for 90 "
        "days.\n"
        "• Remove the extra taxes on American rice."
    )
    paused = [e for e in extracted(text) if e.action == "suspend_tariff"]
    assert [(e.actor, e.rate_change, e.effective_date) for e in paused] == [
        ("CHN", -24.0, "2026-05-14")
    ]
