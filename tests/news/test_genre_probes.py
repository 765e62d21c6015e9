"""Sentences of the genre written to probe the extractor (docs/news.md, "General rules,
sixteenth round"): one act each, or none, as a reader expects from the sentence alone.
They were written, not taken from articles; each failing one was traced to a general cause.
Those still misread are marked ``xfail`` with the reason (they pass once fixed); any other
sentence that stops giving its act fails."""

from __future__ import annotations

import pytest

from tradewar.news.extract import Article, extract_events

PUBLISHED = "2025-11-05"


def events_of(text: str, published: str = PUBLISHED) -> list[dict[str, object]]:
    article = Article(id="G", text=text, published=published)
    return [e.model_dump() for e in extract_events(article, classifier=False)]


def has(found: list[dict[str, object]], **expected: object) -> bool:
    """Whether one event has every expected value (a joint actor may be one of the pair)."""
    for event in found:
        ok = True
        for key, value in expected.items():
            got = event.get(key)
            if key == "actor" and isinstance(got, str) and value in got.split("+"):
                continue
            ok = ok and got == value
        if ok:
            return True
    return False


ACTS = [
    ("China banned exports of gallium, germanium and antimony to the United States on Tuesday.",
     dict(action="impose_export_control", actor="CHN", target="USA")),
    ("The United States lifted its ban on sales of H20 chips to China.",
     dict(action="ease_export_control", actor="USA", target="CHN")),
    ("Washington eased restrictions on chip design software exports to China.",
     dict(action="ease_export_control", actor="USA", target="CHN")),
    ("China suspended its ban on exports of gallium and germanium to the US.",
     dict(action="ease_export_control", actor="CHN", target="USA")),
    ("The Commerce Department added 80 Chinese companies to its Entity List.",
     dict(action="impose_export_control", actor="USA", target="CHN")),
    ("Beijing added 12 US firms to its export control list.",
     dict(action="impose_export_control", actor="CHN", target="USA")),
    ("The US will cut the fentanyl tariff on Chinese goods to 10% from 20%.",
     dict(action="cut_tariff", actor="USA", target="CHN", rate_from=20.0, rate_to=10.0)),
    ("Trump halved the fentanyl tariff on China to 10%.",
     dict(action="cut_tariff", actor="USA", target="CHN")),
    ("China retaliated with a 34% tariff on all US imports.",
     dict(action="impose_tariff", actor="CHN", target="USA", rate_to=34.0)),
    ("China hit back with tariffs of 15% on US coal and LNG.",
     dict(action="impose_tariff", actor="CHN", target="USA", rate_to=15.0)),
    ("Beijing slapped 10% duties on American crude oil.",
     dict(action="impose_tariff", actor="CHN", target="USA")),
    ("The US raised its tariff on Chinese imports to 145%.",
     dict(action="raise_tariff", actor="USA", target="CHN", rate_to=145.0)),
    ("US and Chinese officials met in Geneva on Saturday.", dict(action="hold_talks", actor="CHN")),
    ("Treasury Secretary Scott Bessent met Vice Premier He Lifeng in Stockholm.",
     dict(action="hold_talks", actor="USA")),
    ("Xi Jinping and Donald Trump held a phone call on Thursday.", dict(action="hold_talks")),
    ("Trump and Xi spoke by phone on Thursday.", dict(action="hold_talks")),
    ("China filed a complaint with the WTO over the US tariffs.",
     dict(action="accuse_violation", actor="CHN", target="USA")),
    ("Beijing accused Washington of breaching the trade truce.",
     dict(action="accuse_violation", actor="CHN", target="USA")),
    ("China approved export licences for rare earth magnets to US automakers.",
     dict(action="grant_licence", actor="CHN", target="USA")),
    ("The US extended the tariff truce with China by 90 days.",
     dict(action="suspend_tariff", actor="USA", target="CHN")),
    ("The US paused the 34% reciprocal tariff on Chinese goods for 90 days.",
     dict(action="suspend_tariff", actor="USA", target="CHN", duration="P90D")),
    ("China halted exports of rare earths to the United States.",
     dict(action="impose_export_control", actor="CHN", target="USA")),
    ("China stopped issuing export licences for rare earths to US firms.",
     dict(action="impose_export_control", actor="CHN", target="USA")),
    ("China resumed rare earth exports to the US.",
     dict(action="ease_export_control", actor="CHN", target="USA")),
    ("The US and China reached a trade deal in Kuala Lumpur.", dict(action="reach_agreement")),
    ("China removed the 15% tariff on US farm goods.",
     dict(action="cut_tariff", actor="CHN", target="USA")),
    ("Trump threatened to impose an extra 50% tariff on China.",
     dict(action="impose_tariff", actor="USA", target="CHN", modality="threatened")),
    ("Tariffs of 25% were imposed on Chinese steel by the United States on Monday.",
     dict(action="impose_tariff", actor="USA", target="CHN", event_date="2025-11-03")),
    ("Trump warned he would impose an additional 50% tariff on China if Beijing did not back down.",
     dict(action="impose_tariff", actor="USA", modality="threatened")),
    ("China said it will stop exporting rare earth magnets to US defence firms.",
     dict(action="impose_export_control", actor="CHN", target="USA", modality="future")),
    ("Trump said he had agreed with Xi to cut the fentanyl tariff to 10%.",
     dict(action="cut_tariff", actor="USA", target="CHN", rate_to=10.0)),
    ("China raised its tariff on US goods to 84% from 34%.",
     dict(action="raise_tariff", actor="CHN", target="USA", rate_from=34.0, rate_to=84.0)),
    ("The US raised tariffs on China to 84%, up from the previous 34%.",
     dict(action="raise_tariff", rate_from=34.0, rate_to=84.0)),
    ("China will suspend the additional 24% tariff on US goods for 90 days while retaining 10%.",
     dict(action="suspend_tariff", actor="CHN", target="USA", duration="P90D")),
    # the end of duty-free entry is a duty imposed (twenty-fifth round; misread until then)
    ("The US scrapped the de minimis exemption for Chinese parcels.",
     dict(action="impose_tariff", actor="USA", target="CHN")),
]  # fmt: skip

STILL_MISREAD = [
    ("Beijing exempted some US chips from its 125% tariffs.",
     dict(action="cut_tariff", actor="CHN", target="USA"),
     "exemptions alone are dropped as standing (fifteenth round)"),
]  # fmt: skip

NO_ACT = [
    "The tariffs have hurt American farmers, who sold less soybeans to China this year.",
    "Tariffs on Chinese goods remain at 30%.",
    "Analysts say the export controls could slow China's chip industry.",
    "Shares of soybean exporters rose 3% on hopes of a deal.",
    "US imports from China fell 25% in the first half of the year.",
    "The average US tariff on Chinese goods is now about 47%.",
    "What would a tariff truce mean for consumers?",
    "China controls about 90% of global rare earth processing.",
    "If talks fail, tariffs could rise again.",
    "The tariff on Chinese steel stands at 25% under Section 232.",
    "Beijing refrained from imposing export controls on rare earths.",
    "The US denied that it would impose new tariffs on China.",
    "China did not impose new tariffs on US goods.",
]

DATED = [
    ("On Oct. 9, China imposed sweeping controls on rare earth technologies.", "2025-10-20",
     dict(action="impose_export_control", event_date="2025-10-09")),
    ("China imposed controls on rare earths last month.", "2025-05-20",
     dict(action="impose_export_control", event_date="2025-04")),
    ("The US raised tariffs on Chinese goods to 145% on 10 April.", "2025-06-01",
     dict(action="raise_tariff", event_date="2025-04-10")),
    ("In mid-May, the two countries agreed to a 90-day truce.", "2025-07-01",
     dict(action="reach_agreement", event_date="2025-05", duration="P90D")),
    ("Last year, the US imposed a 100% tariff on Chinese EVs.", "2025-07-01",
     dict(action="impose_tariff", event_date="2024")),
    ("Two weeks ago, China banned exports of gallium to the US.", "2024-12-17",
     dict(action="impose_export_control", event_date="2024-12")),
    ("Trump threatened on Sunday to impose a 100% tariff on Chinese goods from November 1.",
     "2025-10-13",
     dict(action="impose_tariff", event_date="2025-10-12", effective_date="2025-11-01")),
    ("China will impose a 10% tariff on US crude oil starting February 10.", "2025-02-04",
     dict(action="impose_tariff", effective_date="2025-02-10", modality="future")),
    ("Trump signed an order extending the truce with China until November 10.", "2025-08-12",
     dict(action="suspend_tariff", end_date="2025-11-10")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), ACTS)
def test_a_sentence_of_one_act_gives_it(text: str, expected: dict[str, object]) -> None:
    assert has(events_of(text), **expected), events_of(text)


@pytest.mark.parametrize(("text", "expected", "why"), STILL_MISREAD)
def test_sentences_still_misread(text: str, expected: dict[str, object], why: str) -> None:
    if not has(events_of(text), **expected):
        pytest.xfail(why)


@pytest.mark.parametrize("text", NO_ACT)
def test_a_sentence_that_states_no_act_gives_none(text: str) -> None:
    assert events_of(text) == []


@pytest.mark.parametrize(("text", "published", "expected"), DATED)
def test_dates_are_read_at_the_precision_the_text_gives(
    text: str, published: str, expected: dict[str, object]
) -> None:
    assert has(events_of(text, published), **expected), events_of(text, published)
