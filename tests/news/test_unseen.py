"""Texts of the development set's genre that the extractor was not tuned on.

Each text below was written for these tests (wire copy, a state-media brief, a tech-news
page with its navigation, an EU story) on dates and measures outside the sixteen
development articles; the expected events follow the labelling rules of
``../shared/news/README.md``.
"""

from __future__ import annotations

from tradewar.news.extract import Article, extract_events
from tradewar.news.schema import Event

ETHANE = """U.S. lifts export curbs on ethane to China, Energy Transfer says

WASHINGTON, July 2 (Reuters) - The U.S. Commerce Department has lifted export license \
requirements for shipments of ethane to China, pipeline operator Energy Transfer said on \
Wednesday, easing one of the restrictions Washington imposed in the trade fight with Beijing.

The department had in late May ordered companies to obtain licences before shipping ethane \
to Chinese buyers, stranding several tankers at sea.

Advertisement

The move follows a framework deal reached in London last month under which the United States \
agreed to ease curbs on chip design software and ethane, while China agreed to speed up \
approvals for rare earth exports.
"""

RETALIATION = """BEIJING (AP) — China said Friday it will impose an additional 34% tariff on all \
imports of U.S. products beginning April 10, matching the rate President Donald Trump \
announced this week.

The Chinese Commerce Ministry also said it was adding 11 U.S. companies to its unreliable \
entity list and placing export controls on seven rare earth elements, including samarium and \
gadolinium.

China will also file a lawsuit with the World Trade Organization, the ministry said.

April 4, 2025
"""

FARM_TARIFFS = """China retaliates against latest US tariffs

March 4, 2025

China said it will impose additional tariffs of up to 15% on a range of US agricultural and \
food products, from March 10, in response to President Donald Trump raising tariffs on \
Chinese goods to 20%.

The finance ministry said a 15% levy will apply to US chicken, wheat, corn and cotton, and a \
10% tariff on soybeans, sorghum, pork, beef, aquatic products, fruits, vegetables and dairy.

Trump on Tuesday doubled the duty on all Chinese imports to 20% from 10%, citing the flow of \
fentanyl.

ALSO READ: Canada hits back at US tariffs
"""

XINHUA = """BEIJING, Nov. 5 (Xinhua) -- China will continue to suspend the 24 percent \
additional tariff on U.S. goods for one year, the Customs Tariff Commission of the State \
Council announced Wednesday.

The commission also said it will stop imposing the additional tariffs of up to 15 percent on \
some U.S. agricultural products, which took effect in March.
"""

LICENCES = """Nvidia gets licences to sell H20 chips to China

The U.S. Commerce Department has begun issuing licences to Nvidia to sell its H20 artificial \
intelligence chips to China, a U.S. official said on Monday.

The Trump administration had in April restricted sales of the H20, requiring a licence for \
exports to China.
"""

ENTITY_LIST = """Home
World
Tech
Share this article

US adds dozens of Chinese firms to export blacklist

Photo: Reuters

WASHINGTON -- The U.S. Commerce Department's Bureau of Industry and Security on Tuesday added \
80 companies, including more than 50 in China, to its entity list, restricting their access \
to American technology.

Sign up for our newsletter

China's foreign ministry said it firmly opposed the move and urged Washington to stop abusing \
export controls.
"""

BUSAN = """BUSAN, South Korea, Oct 30 (Reuters) - U.S. President Donald Trump said on Thursday \
he would cut tariffs on Chinese goods to 47% from 57% after meeting Chinese President Xi \
Jinping in Busan, in exchange for Beijing cracking down on the illicit fentanyl trade and \
resuming U.S. soybean purchases.

China agreed to pause for one year the sweeping rare earth export controls it announced on \
Oct. 9, Trump told reporters aboard Air Force One.
"""

EU_DUTIES = """The European Union will impose definitive countervailing duties of up to 35.3% \
on imports of electric vehicles from China for five years, the European Commission said on \
Tuesday, after a year-long anti-subsidy investigation.

Beijing said it did not accept the ruling and had filed a complaint with the World Trade \
Organization.
"""

MOFCOM = """Announcement No. 18 of 2025 of the Ministry of Commerce and the General \
Administration of Customs on the Implementation of Export Control on Some Medium and Heavy \
Rare Earth Related Items

Release date: 2025-04-04 15:30

It is decided to implement export control on samarium, gadolinium and terbium related items.
"""

LAW_FIRM = """TRADE UPDATE - 15 September 2025

On September 12, 2025, the Bureau of Industry and Security (BIS) added 23 Chinese entities to \
the Entity List. Exporters must now obtain a license for all items subject to the EAR destined \
to the listed parties.

Separately, the Ministry of Commerce of China announced on September 13 that it had launched \
an anti-dumping investigation into analog chips imported from the United States.

On September 14, Treasury Secretary Scott Bessent and Vice Premier He Lifeng began two days of \
talks in Madrid.
"""


def extract(text: str, published: str | None, article_id: str = "U1") -> list[Event]:
    return extract_events(Article(id=article_id, text=text, published=published))


def keyed(events: list[Event]) -> dict[tuple[str, str | None, str | None], Event]:
    return {(e.action, e.actor, e.target): e for e in events}


def test_export_curbs_lifted_imposed_and_promised() -> None:
    events = extract(ETHANE, None)
    found = keyed(events)
    eased = [
        e.product_groups for e in events if (e.action, e.actor) == ("ease_export_control", "USA")
    ]
    assert eased == [["ethane"], ["eda_software", "ethane"]]  # lifted; promised in the deal
    assert found[("impose_export_control", "USA", "CHN")].product_groups == ["ethane"]
    assert ("reach_agreement", "CHN+USA", None) in found
    assert found[("reach_agreement", "CHN+USA", None)].location == "London"
    assert found[("ease_export_control", "CHN", "USA")].product_groups == ["rare_earths"]
    assert all(e.event_date is None for e in found.values())  # "on Wednesday", no year


def test_controls_placed_and_a_wto_lawsuit() -> None:
    found = keyed(extract(RETALIATION, None))
    tariff = found[("impose_tariff", "CHN", "USA")]
    assert (tariff.rate_to, tariff.effective_date, tariff.event_date) == (
        34,
        "2025-04-10",
        "2025-04-04",
    )
    assert found[("impose_export_control", "CHN", "USA")].product_groups == ["rare_earths"]
    assert ("accuse_violation", "CHN", "USA") in found


def test_up_to_rates_lists_of_rates_and_a_recalled_cause() -> None:
    found = extract(FARM_TARIFFS, None)
    chinese = [e for e in found if e.actor == "CHN"]
    assert {(e.rate_to, tuple(e.product_groups)) for e in chinese} >= {
        (15, ("agri_food",)),
        (10, ("soybeans", "agri_food")),
    }
    first = next(e for e in chinese if e.effective_date)
    assert (first.action, first.effective_date) == ("impose_tariff", "2025-03-10")
    doubled = keyed(found)[("raise_tariff", "USA", "CHN")]
    assert (doubled.rate_from, doubled.rate_to) == (10, 20)
    assert all(e.effective_date is None for e in found if e.actor == "USA")  # not China's date


def test_stop_imposing_is_a_cut_to_zero_without_the_old_measures_date() -> None:
    found = keyed(extract(XINHUA, "2025-11-05"))
    suspension = found[("suspend_tariff", "CHN", "USA")]
    assert (suspension.rate_change, suspension.duration) == (-24, "P1Y")
    cut = found[("cut_tariff", "CHN", "USA")]
    assert (cut.rate_from, cut.rate_to, cut.product_groups) == (15, 0, ["agri_food"])
    assert cut.event_date == "2025-11-05"  # not "March", when the tariffs took effect


def test_licences_issued_and_the_control_they_relax() -> None:
    found = keyed(extract(LICENCES, "2025-08-19"))
    licence = found[("grant_licence", "USA", "CHN")]
    assert (licence.product_groups, licence.event_date) == (["ai_chips"], "2025-08-18")
    control = found[("impose_export_control", "USA", "CHN")]
    assert (control.modality, control.event_date) == ("background", "2025-04")


def test_entity_listing_and_a_demand_that_is_no_act() -> None:
    text = ENTITY_LIST
    found = extract(text, "2025-03-26")
    assert [(e.action, e.actor, e.target) for e in found] == [
        ("impose_export_control", "USA", "CHN")
    ]
    assert found[0].event_date == "2025-03-25"
    start, end = found[0].evidence_span
    assert text[start:end] == found[0].evidence and found[0].evidence.startswith("WASHINGTON")


def test_a_one_sided_promise_is_its_act_with_its_own_date() -> None:
    found = keyed(extract(BUSAN, "2025-10-30"))
    cut = found[("cut_tariff", "USA", "CHN")]
    assert (cut.rate_from, cut.rate_to, cut.product_groups) == (57, 47, ["all_goods"])
    assert found[("hold_talks", "CHN+USA", None)].location == "Busan"
    pause = found[("ease_export_control", "CHN", "USA")]
    assert (pause.duration, pause.event_date) == ("P1Y", "2025-10-30")  # not Oct. 9
    assert ("reach_agreement", "CHN+USA", None) not in found


def test_other_actors_and_a_complaint_against_the_previous_actor() -> None:
    found = keyed(extract(EU_DUTIES, "2024-10-29"))
    duties = found[("impose_tariff", "EU", "CHN")]
    assert (duties.rate_to, duties.event_date) == (35.3, "2024-10-29")
    assert ("accuse_violation", "CHN", "EU") in found


def test_a_notice_that_never_names_the_us_gives_no_target() -> None:
    found = extract(MOFCOM, None)
    assert {(e.action, e.actor, e.target) for e in found} == {
        ("impose_export_control", "CHN", None)
    }
    assert found[0].evidence.startswith("Announcement No. 18 of 2025")  # "No." ends no sentence


def test_an_alert_without_a_record_date_is_dated_by_its_header() -> None:
    found = extract(LAW_FIRM, None)
    assert [(e.action, e.actor, e.target, e.event_date) for e in found] == [
        ("impose_export_control", "USA", "CHN", "2025-09-12"),
        ("hold_talks", "CHN+USA", None, "2025-09-14"),  # no event for the anti-dumping probe
    ]
    assert found[1].location == "Madrid"


def test_every_evidence_is_verbatim_at_its_span_in_these_texts() -> None:
    texts = [
        ETHANE,
        RETALIATION,
        FARM_TARIFFS,
        XINHUA,
        LICENCES,
        ENTITY_LIST,
        BUSAN,
        EU_DUTIES,
        LAW_FIRM,
    ]
    total = 0
    for number, text in enumerate(texts):
        for event in extract(text, "2025-06-01", article_id=f"U{number}"):
            start, end = event.evidence_span
            assert text[start:end] == event.evidence, event.event_id
            total += 1
    assert total >= 20
