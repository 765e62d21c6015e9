"""General rules for the error categories of the held-out check (docs/news.md): content
percentages, a stated new level, undergoers and places, talks as a setting, object control,
anaphoric rate changes, agreed contents and one meeting named by city and by country.
Sentences are written for these tests, not taken from the labelled articles."""

from __future__ import annotations

from tradewar.news.extract import Article, extract_events
from tradewar.news.merging import merge_events
from tradewar.news.rates import find_rates, rate_for_action
from tradewar.news.roles import subject_of
from tradewar.news.schema import ACTIONS, Event


def extracted(text: str) -> list[Event]:
    return extract_events(Article(id="G", text=text, published="2025-09-03"))


def triples(text: str) -> set[tuple[str, str | None, str | None]]:
    return {(e.action, e.actor, e.target) for e in extracted(text)}


def test_a_content_share_in_a_product_description_is_no_rate() -> None:
    assert find_rates("Copper alloys containing by weight more than 40 percent of zinc") == []
    assert find_rates("Nickel powder of 99.5% purity") == []
    assert find_rates("Ferro-alloys, 75 percent by weight, of manganese") == []
    levels = find_rates("a duty of not less than 35 percent on Canadian lumber")
    assert [r.first for r in levels] == [35.0]


def test_an_ending_verb_with_a_stated_new_level_cuts_to_that_level() -> None:
    def cut(clause: str) -> tuple[float | None, float | None]:
        found = rate_for_action("cut_tariff", find_rates(clause), eliminates=True)
        return found.rate_from, found.rate_to

    assert cut("the levy on steel will drop from 30 percent to 15 percent") == (30.0, 15.0)
    assert cut("the 25% levy on steel will be dropped") == (25.0, 0.0)


def test_the_possessor_of_judged_conduct_is_the_target() -> None:
    text = (
        "The trade representative found that Japan's practices were unfair and the United "
        "States imposed a 25 percent tariff on Japanese solar panels."
    )
    assert ("impose_tariff", "USA", "JPN") in triples(text)


def test_a_meeting_place_is_no_target() -> None:
    text = (
        "After a long meeting with his Chinese counterpart in Japan, the US president said he "
        "would cut tariffs from 25 percent to 15 percent."
    )
    found = triples(text)
    assert ("cut_tariff", "USA", "CHN") in found
    assert not any(target == "JPN" for _, _, target in found)


def test_talks_that_go_on_as_the_setting_of_another_act_are_no_act() -> None:
    text = (
        "Washington added 20 firms to its export blacklist on Monday as trade negotiations "
        "with Beijing continue."
    )
    assert not any(action == "hold_talks" for action, _, _ in triples(text))


def test_a_call_with_another_leader_is_talks() -> None:
    text = "President Trump spoke by phone with Chinese President Xi Jinping on Friday."
    assert ("hold_talks", "CHN+USA", None) in triples(text)


def test_the_object_of_prompt_or_force_acts_in_the_infinitive() -> None:
    text = "Tokyo's new chip rules forced Washington to raise tariffs on Japanese cars to 30%."
    subject = subject_of(text, text.index("raise"))
    assert subject is not None and text[subject.start : subject.end] == "Washington"


def test_a_pronoun_subject_of_a_rate_change_continues_the_previous_tariff() -> None:
    text = (
        "In March the United States imposed a 15 percent tariff on Mexican tomatoes. "
        "This was later raised to 30 percent."
    )
    raised = [e for e in extracted(text) if e.action == "raise_tariff"]
    assert len(raised) == 1
    assert (raised[0].actor, raised[0].target) == ("USA", "MEX")
    assert (raised[0].rate_from, raised[0].rate_to) == (15.0, 30.0)


def test_a_pronoun_without_a_rate_is_no_act() -> None:
    assert extracted("It was raised at the meeting.") == []


def test_a_rateless_measure_two_parties_agreed_to_is_the_agreements_content() -> None:
    # (a cut two parties agree on is each side's act: tests/news/test_rules_round7.py)
    joint = "China and the United States agreed to pause some of their tariffs."
    found = triples(joint)
    assert not any(action == "suspend_tariff" for action, _, _ in found)
    one_side = "Canada agreed to lift its tariffs on American dairy."
    assert any(action == "cut_tariff" for action, _, _ in triples(one_side))


def test_a_formalised_agreement_is_reached() -> None:
    text = "On Monday the EU and the United States formalised a trade agreement on steel quotas."
    assert any(action == "reach_agreement" for action, _, _ in triples(text))


def test_a_meeting_named_by_city_and_by_country_is_one_event() -> None:
    def talks(evidence: str, location: str) -> Event:
        return Event(
            article_id="G",
            actor="CHN+USA",
            action="hold_talks",
            location=location,
            evidence=evidence,
            evidence_span=(0, len(evidence)),
        )

    merged = merge_events(
        [talks("They met in Switzerland.", "Switzerland"), talks("The Geneva talks.", "Geneva")]
    )
    assert len(merged) == 1
    apart = merge_events([talks("In London.", "London"), talks("In Geneva.", "Geneva")])
    assert len(apart) == 2


def test_a_measure_named_in_a_documents_title_is_no_act() -> None:
    from tradewar.news.mentions import is_reference

    title = "Notice No. 12 of the Ministry: Rules on Applying Export Controls to Graphite Anodes"
    start = title.index("Export Controls")
    assert is_reference(title, start, start + len("Export Controls"), "export")
    plain = "The ministry said: China will apply export controls to graphite anodes."
    start = plain.index("export controls")
    assert not is_reference(plain, start, start + len("export controls"), "export")


def test_a_place_modifying_the_talks_noun_is_their_place() -> None:
    text = (
        "The Madrid talks between China and the United States, unlike the earlier round in "
        "London, ended on Monday."
    )
    places = {e.location for e in extracted(text) if e.action == "hold_talks"}
    assert "Madrid" in places


# --- second round of general rules (task-newsrules2) ---


def rated(text: str) -> set[tuple[str, str | None, float | None]]:
    return {(e.action, e.actor, e.rate_to) for e in extracted(text)}


def test_a_rate_belongs_to_its_own_actors_tariff() -> None:
    text = (
        "Canada unveiled counter-tariffs on American goods after the United States imposed "
        "an extra 25% tariff on Canadian aluminium."
    )
    found = rated(text)
    assert ("impose_tariff", "USA", 25.0) in found
    assert ("impose_tariff", "CAN", 25.0) not in found


def test_one_partys_agreement_to_act_is_its_commitment() -> None:
    text = (
        "The package also contains Tokyo's agreement to lift its export restrictions on "
        "photoresist chemicals sold to South Korea."
    )
    assert any(
        action == "ease_export_control" and actor == "JPN" for action, actor, _ in triples(text)
    )
    joint = (
        "Japan and South Korea reached an agreement to lift export restrictions on "
        "photoresist chemicals."
    )
    assert not any(action == "ease_export_control" for action, _, _ in triples(joint))


def test_suspending_a_regulators_earlier_notices_eases_its_controls() -> None:
    text = (
        "On March 3, 2026, Japan's Ministry of Commerce issued a notice announcing the "
        "suspension of four earlier notices on gallium exports until March 3, 2027."
    )
    assert any(action == "ease_export_control" for action, _, _ in triples(text))
    unrelated = "The club announced the suspension of two earlier decisions on ticket prices."
    assert not any(action == "ease_export_control" for action, _, _ in triples(unrelated))


def test_a_publishing_verb_in_a_body_sentence_is_no_dateline() -> None:
    from tradewar.news.dateline import find_dateline

    body = "The rules were all issued on March 2, 2026, and took effect at once."
    assert find_dateline(body, None) is None
    assert str(find_dateline("Issued on March 2, 2026\nThe rules took effect.", None)) == (
        "2026-03-02"
    )


def test_effective_immediately_dates_from_the_acts_own_date() -> None:
    text = (
        "On May 4, 2026, Canada's trade ministry lifted its export ban on potash to the "
        "United States, effective immediately."
    )
    eased = [e for e in extracted(text) if e.action == "ease_export_control"]
    assert eased and eased[0].effective_date == "2026-05-04"


def test_a_counterfactual_reaches_only_its_own_stretch_of_the_clause() -> None:
    text = (
        "A ministry statement claimed Seoul would grant export licences to three chipmakers, "
        "a step that would have lifted its curbs on chip exports to China."
    )
    found = {action for action, _, _ in triples(text)}
    assert "grant_licence" in found
    assert "ease_export_control" not in found
    hypothetical = "Without the deal, tariffs on Korean cars would have risen to 25 percent."
    assert not triples(hypothetical)


def test_a_level_with_a_scheduled_step_in_the_same_phrase_gives_two_events() -> None:
    text = (
        "Mexico imposed a 10% duty on Chinese steel on Monday, with the rate rising in "
        "six months on September 1, 2026, to 20%."
    )
    events = [e for e in extracted(text) if e.actor == "MEX"]
    levels = [e for e in events if e.action == "impose_tariff"]
    steps = [e for e in events if e.action == "raise_tariff"]
    assert levels and levels[0].rate_to == 10.0
    assert levels[0].effective_date != "2026-09-01"
    assert steps and (steps[0].rate_from, steps[0].rate_to) == (10.0, 20.0)
    assert steps[0].effective_date == "2026-09-01" and steps[0].duration == "P6M"
    assert steps[0].modality == "future"
    plain = "Mexico imposed a 10% duty on Chinese steel, as prices kept rising."
    assert not any(e.action == "raise_tariff" for e in extracted(plain))


def test_two_dated_groups_of_one_recalled_measure_are_two_events() -> None:
    text = (
        "Japan's earlier export curbs, imposed in March 2024 on gallium and in July 2025 "
        "on graphite, remain in force."
    )
    controls = [e for e in extracted(text) if e.action == "impose_export_control"]
    assert sorted((e.event_date, tuple(e.product_groups)) for e in controls) == [
        ("2024-03", ("gallium",)),
        ("2025-07", ("graphite",)),
    ]


def test_a_city_and_its_country_come_from_the_geonames_gazetteer() -> None:
    from tradewar.news.gazetteer import country_code, place_country

    assert place_country("Helsinki") == "FIN" and country_code("Helsinki") is None
    assert country_code("Finland") == "FIN" and country_code("the UK") == "GBR"

    def talks(location: str) -> Event:
        evidence = f"They met in {location}."
        return Event(
            article_id="G",
            actor="CHN+USA",
            action="hold_talks",
            location=location,
            evidence=evidence,
            evidence_span=(0, len(evidence)),
        )

    assert len(merge_events([talks("Finland"), talks("Helsinki")])) == 1
    assert len(merge_events([talks("Osaka"), talks("Tokyo")])) == 2  # two cities, two places


def test_the_verb_levy_imposes_and_an_import_tax_is_a_tariff() -> None:
    levy = "Ottawa said on Monday it will levy further tariffs on American steel."
    assert ("impose_tariff", "CAN", "USA") in triples(levy)
    tax = "Last year Canada's import tax on Chinese electric vehicles shot up to 100%."
    raised = [e for e in extracted(tax) if e.action == "raise_tariff"]
    assert raised and raised[0].rate_to == 100.0


def test_a_sum_of_tariffs_is_a_level_not_an_act() -> None:
    text = "India faced new US tariffs this year totaling 50 percent."
    assert not any(action.endswith("tariff") for action, _, _ in triples(text))


def test_a_hyphenated_compound_is_no_verb_and_a_cue_is_a_whole_word() -> None:
    from tradewar.news.triggers import Trigger, action_for

    checks = (
        "China's commerce ministry also suspended the tighter end-user and end-use checks on "
        "exports of dual-use gallium to Japan."
    )
    assert any(action == "ease_export_control" for action, _, _ in triples(checks))
    # the cue window of 70 characters must not begin inside "overseas" and read "eas(e)"
    head = "Licence applications from overs"
    middle = "eas buyers of drones and from importers named on the".ljust(70)
    clause = head + middle + "export control list will not be approved"
    start = len(head) + 70
    trigger = Trigger("export", start, start + len("export control"))
    assert action_for(trigger, clause) != "ease_export_control"


def test_a_dated_participle_before_the_subject_recalls_the_measures_start() -> None:
    text = (
        "Introduced in March 2024, Japan's curbs on photoresist exports to South Korea were "
        "lifted on Tuesday."
    )
    found = {(e.action, e.event_date, e.modality) for e in extracted(text)}
    assert ("impose_export_control", "2024-03", "background") in found
    eased = [e for e in extracted(text) if e.action == "ease_export_control"]
    assert eased and eased[0].event_date == "2025-09-02" and eased[0].modality == "actual"


def test_the_verb_a_tariff_is_subject_of_decides_its_act() -> None:
    text = "Separately, the 15% duty that Ottawa put on US dairy in 2024 was doubled to 30%."
    events = extracted(text)
    raised = [e for e in events if e.action == "raise_tariff"]
    assert raised and (raised[0].actor, raised[0].rate_from, raised[0].rate_to) == (
        "CAN",
        15.0,
        30.0,
    )
    assert raised[0].event_date != "2024"
    started = [e for e in events if e.action == "impose_tariff"]
    assert started and (started[0].rate_to, started[0].event_date, started[0].modality) == (
        15.0,
        "2024",
        "background",
    )
    negated = "The 15% duty on US dairy was not doubled."
    assert not any(action == "raise_tariff" for action, _, _ in triples(negated))


def test_an_export_control_carries_no_rate() -> None:
    text = (
        "On Monday, BIS suspended export controls on affiliates at least 50 percent owned by "
        "Chinese firms."
    )
    eased = [e for e in extracted(text) if e.action == "ease_export_control"]
    assert eased and eased[0].rate_to is None and eased[0].rate_change is None


def test_a_truce_two_sides_agree_to_extend_is_their_agreements_content() -> None:
    text = "Canada and Mexico have agreed to extend their tariff truce for another 60 days."
    found = {action for action, _, _ in triples(text)}
    assert "reach_agreement" in found and "suspend_tariff" not in found


def test_the_possessor_of_an_action_noun_acts_in_its_infinitive() -> None:
    text = (
        "Trump's statement follows Canada’s move earlier the same day to hike its tariffs on "
        "American imports from 10% to 25%."
    )
    raised = [e for e in extracted(text) if e.action == "raise_tariff"]
    assert raised and (raised[0].actor, raised[0].target) == ("CAN", "USA")


def test_a_control_recalled_with_its_own_date_in_a_reduced_relative_is_background() -> None:
    text = "Japan's export ban on photoresists, introduced in March, was a reply to Seoul."
    recalled = [e for e in extracted(text) if e.action == "impose_export_control"]
    assert recalled and recalled[0].modality == "background"
    undated = "Japan's export ban on photoresists, introduced to protect its industry, hurt Seoul."
    assert not any(action == "impose_export_control" for action, _, _ in triples(undated))


def test_a_two_way_summary_over_a_period_is_no_act() -> None:
    summary = "Canada and Mexico have imposed steep tariffs on each other's farm goods since 2024."
    assert not any(action.endswith("tariff") for action, _, _ in triples(summary))
    act = "Canada and Mexico imposed 10% tariffs on each other's farm goods on Monday."
    assert any(action == "impose_tariff" for action, _, _ in triples(act))


def test_a_call_named_by_its_date_is_talks() -> None:
    for text in (
        "Both teams must honour the consensus of the March 3, 2026, call between the two "
        "leaders of China and the United States.",
        "Both teams must honour the consensus of the March 3 call between the leaders of "
        "China and the United States.",
    ):
        assert any(action == "hold_talks" for action, _, _ in triples(text))


def test_a_deal_with_a_party_described_as_an_agreement_is_one() -> None:
    text = (
        "Trump said on Friday that the deal with China on soybean purchases is a two-year "
        "renewable agreement."
    )
    assert ("reach_agreement", "CHN+USA", None) in triples(text)
    topic = "Trump said on Friday that he wants a deal with China on soybeans."
    assert not any(action == "reach_agreement" for action, _, _ in triples(topic))


def test_a_named_control_doing_what_it_does_is_no_new_act() -> None:
    described = (
        "Japan suspended an export ban to South Korea on Sunday. "
        "The restrictions banned the export of dual-use graphite anodes and resins."
    )
    assert not any(action == "impose_export_control" for action, _, _ in triples(described))
    act = "Japan's trade ministry blocked the export of graphite anodes on Monday."
    assert any(action == "impose_export_control" for action, _, _ in triples(act))


def test_a_meeting_with_a_third_countrys_official_is_no_us_china_talks() -> None:
    text = (
        "U.S. Treasury Secretary Bessent flew on Monday to meet Norway's finance minister, "
        "to continue discussions on trade and energy, in Oslo."
    )
    assert not any(action == "hold_talks" for action, _, _ in triples(text))
    held = "US and Chinese negotiators met in Oslo on Monday for two days of talks."
    assert ("hold_talks", "CHN+USA", None) in triples(held)


def test_the_controls_in_a_suspensions_scope_are_eased() -> None:
    text = (
        "Japan's trade ministry said on Monday that the suspension, valid for a year, applies "
        "to several measures, including stricter curbs on exports of photoresists to South "
        "Korea."
    )
    found = {action for action, _, _ in triples(text)}
    assert "ease_export_control" in found and "impose_export_control" not in found


def test_a_date_in_a_reduced_relative_dates_the_recalled_measure_only() -> None:
    text = (
        "Japan has suspended its export curbs on photoresists announced on March 3, easing "
        "pressure on South Korea."
    )
    eased = [e for e in extracted(text) if e.action == "ease_export_control"]
    assert eased and eased[0].event_date != "2025-03-03"


# third round: acts that nobody is said to do, and cuts told by a particle


def actions(text: str) -> set[str]:
    return {action for action, _, _ in triples(text)}


EVERY_ACT = frozenset(ACTIONS)
NO_TALKS = EVERY_ACT - {"hold_talks"}


def assert_rule(
    mentions: list[str], act: tuple[str, str] | None, *, never: frozenset[str] = EVERY_ACT
) -> None:
    """Each sentence of ``mentions`` gives none of the actions ``never``, while ``act`` (a
    sentence of the same words that does the act, and its action) still gives its action:
    a rule that drops mentions must not drop acts."""
    for text in mentions:
        assert not actions(text) & never, (text, actions(text))
    if act is not None:
        text, action = act
        assert action in actions(text), (text, actions(text))


def test_a_commentators_hedged_forecast_is_no_act() -> None:
    forecasts = [
        "Analysts believe that, if the negotiations go well, Beijing and Washington could "
        "move toward scrapping the remaining duties.",
        "Economists expect that both capitals might soon ease the chip export curbs.",
    ]
    stated = "Washington scrapped the remaining duties on Chinese furniture on Monday."
    assert_rule(forecasts, (stated, "cut_tariff"), never=NO_TALKS)


def test_a_measure_as_the_hedged_cause_of_an_effect_is_no_act() -> None:
    effects = [
        "The steady removal of US tariffs on Chinese steel could also lift confidence among "
        "carmakers.",
        "Lower US duties on Chinese toys may persuade retailers to restock before December.",
    ]
    conditional = "US tariffs on Chinese steel could be removed if Beijing buys more soybeans."
    assert_rule(effects, (conditional, "cut_tariff"))


def test_a_measure_that_talks_are_about_is_no_act() -> None:
    topics = [
        "The United States and China will keep up negotiations on lifting the auto tariffs.",
        "Officials from Beijing and Washington discussed suspending the steel duties.",
        "Chinese and American envoys held a dialogue about easing chip export curbs.",
    ]
    agreed = "After the talks, Washington lifted its tariffs on Chinese steel on Monday."
    assert_rule(topics, (agreed, "cut_tariff"), never=NO_TALKS)


def test_a_courts_ruling_is_no_government_act() -> None:
    rulings = [
        "A Supreme Court ruling has invalidated Trump's use of an emergency statute to impose "
        "broad duties on trade partners, eliminating the 10 percent tariffs on Chinese goods.",
        "The trade court's decision struck down Trump's power to levy tariffs on China, "
        "scrapping the 25% duties on Chinese imports.",
    ]
    response = "After the ruling, Trump imposed a 15% tariff on Chinese goods on Friday."
    assert_rule(rulings, (response, "impose_tariff"))


def test_meeting_a_goal_is_no_meeting() -> None:
    goals = [
        "Beijing has not yet acted, falling short of meeting Washington's demands.",
        "China said the new curbs would help it meet its security targets.",
    ]
    met = "The US president met his Chinese counterpart in Busan on October 30."
    assert_rule(goals, (met, "hold_talks"), never=frozenset({"hold_talks"}))


def test_talks_that_describe_a_reports_sources_are_no_meeting() -> None:
    sources = [
        "Officials familiar with the negotiations say the mood in Beijing has darkened.",
        "People involved in the US-China discussions paint a different picture.",
    ]
    assert_rule(sources, None, never=frozenset({"hold_talks"}))


def test_a_particle_after_the_tariff_noun_gives_its_direction() -> None:
    down = (
        "Under the pact, the United States and China will bring their tariffs down 40 "
        "percentage points, the minister said."
    )
    assert actions(down) == {"cut_tariff"}
    up = "Washington pushed its tariffs on Chinese steel back up on Monday."
    assert "raise_tariff" in actions(up)


def test_the_subject_of_a_verb_of_opposing_undergoes_the_measure() -> None:
    opposed = [
        "China is deeply dissatisfied with and firmly opposes the 25% additional tariff.",
        "Beijing on Monday condemned the new 10% duties on Chinese solar panels.",
        "China strongly opposed the expanded chip export controls announced on Friday.",
    ]
    for text in opposed:
        found = triples(text)
        assert found and all(actor == "USA" and target == "CHN" for _, actor, target in found), (
            text,
            found,
        )
    own = "Beijing, which opposes protectionism, imposed a 15% tariff on US coal on Monday."
    assert ("impose_tariff", "CHN", "USA") in triples(own)


def test_a_suspension_of_controls_is_an_easing() -> None:
    text = (
        "Beijing on Tuesday announced temporary suspension of export controls targeting a total "
        "of 30 American companies after the two sides agreed on a tariff pause in London."
    )
    found = actions(text)
    assert "ease_export_control" in found and "impose_export_control" not in found


def test_the_country_goods_enter_imposes_the_tariff() -> None:
    entering = [
        "A 15% tariff on all Canadian lumber entering the United States took effect on Monday.",
        "At midnight, a 10% duty on Chinese imports into the U.S. officially took effect.",
        "A 20% levy on American soybeans arriving in China began on Tuesday.",
    ]
    expected = [("USA", "CAN"), ("USA", "CHN"), ("CHN", "USA")]
    for text, roles in zip(entering, expected, strict=True):
        found = {(actor, target) for _, actor, target in triples(text)}
        assert found == {roles}, (text, found)


def test_a_measure_inside_a_concession_is_supposed_not_done() -> None:
    supposed = [
        "Even if Washington keeps imposing higher tariffs on Chinese goods, the effect will fade.",
        "Beijing will not yield even if the US raises its tariffs on Chinese goods to 200%.",
    ]
    for text in supposed:
        assert not actions(text), text
    conditional = (
        "Washington will cut its tariffs on Chinese goods to 10% if Beijing buys soybeans."
    )
    assert "cut_tariff" in actions(conditional)
    risk = "If no deal is reached by Friday, US tariffs on Chinese goods could resume at 50%."
    assert not actions(risk)


def test_talks_that_another_act_follows_are_a_reference() -> None:
    text = (
        "The decision follows high-level negotiations between Washington and Beijing aimed at "
        "a calmer trade climate."
    )
    assert "hold_talks" not in actions(text)
    placed = "The decision follows negotiations between Washington and Beijing in Geneva on May 10."
    assert "hold_talks" in actions(placed)


def test_a_tariff_with_a_state_adverb_and_a_bare_participle_is_a_state() -> None:
    states = [
        "Both capitals tried to calm the trade war, with the US tariffs on Chinese goods "
        "currently paused.",
        "The US tariffs on Chinese steel, still suspended, weigh on planning.",
    ]
    act = "Washington paused its tariffs on Chinese steel on Monday."
    assert_rule(states, (act, "suspend_tariff"), never=frozenset({"suspend_tariff"}))


def test_a_medias_speculation_is_no_act() -> None:
    text = "Media also reported that the US and China could extend their tariff truce."
    assert not actions(text) & {"suspend_tariff", "reach_agreement"}
    future = "The US and China will extend their 90-day tariff truce, officials said on Monday."
    assert "reach_agreement" in actions(future)  # a joint extension is their agreement


def test_talks_demanded_of_the_other_side_are_not_held() -> None:
    demanded = [
        "Beijing called for Washington to settle its differences through equal consultations.",
        "China urged the United States to return to negotiations at once.",
        "The Chinese ministry pressed for new talks with Washington.",
    ]
    held = "Chinese and US officials, who had urged calm, held talks in Geneva on Monday."
    assert_rule(demanded, (held, "hold_talks"), never=frozenset({"hold_talks"}))


def test_whose_acts_violate_the_rules_is_accused_and_the_speaker_accuses() -> None:
    accused = [
        "Tokyo argues that the Korean export curbs violate international trade rules.",
        "Seoul also noted that Tokyo's new chip controls violated both WTO rules and its own law.",
        "Canada has imposed steep duties on Chinese electric vehicles, which seriously "
        "violate international trade rules.",
    ]
    expected = [("JPN", "KOR"), ("KOR", "JPN"), ("CHN", "CAN")]
    for text, (accuser, violator) in zip(accused, expected, strict=True):
        assert ("accuse_violation", accuser, violator) in triples(text), (text, triples(text))
    told = (
        "China announced duties on American whiskey on Monday. "
        "It said that Washington's steel tariffs seriously violate WTO rules."
    )
    assert ("accuse_violation", "CHN", "USA") in triples(told), triples(told)


def test_talks_named_as_the_basis_aim_or_citation_of_an_act_are_not_held() -> None:
    mentioned = [
        "Seoul's tariff pause on Japanese cars is based on ongoing trade discussions with Tokyo.",
        "Seoul lowered its duties on Japanese steel as a result of recent negotiations with Tokyo.",
        "Seoul's continued pause of the duties aims to encourage further trade negotiations "
        "with Japan.",
        "Seoul's decree cites ongoing discussions with Japan and its steps to open its market.",
    ]
    held = "Seoul held trade negotiations with Tokyo on Monday."
    assert_rule(mentioned, (held, "hold_talks"), never=frozenset({"hold_talks"}))


def test_one_stated_level_recalled_and_reported_is_one_measure() -> None:
    def tariff(evidence: str, rate: float, modality: str, groups: list[str]) -> Event:
        return Event(
            article_id="G",
            actor="JPN",
            action="impose_tariff",
            target="KOR",
            rate_to=rate,
            modality=modality,
            product_groups=groups,
            evidence=evidence,
            evidence_span=(0, len(evidence)),
        )

    recalled = tariff("Seoul hit back after Tokyo imposed a 40% tariff.", 40, "background", [])
    reported = tariff("Tokyo announced a 40% tariff on Korean steel.", 40, "actual", ["steel"])
    fuller = tariff("A 40% tariff on steel and chips.", 40, "actual", ["steel", "semiconductors"])
    assert len(merge_events([recalled, reported])) == 1
    assert len(merge_events([reported, fuller])) == 1
    other_level = tariff("Tokyo announced a 25% tariff on Korean steel.", 25, "actual", ["steel"])
    assert len(merge_events([recalled, other_level])) == 2
    cars = tariff("Tokyo announced a 40% tariff on Korean cars.", 40, "actual", ["vehicles"])
    assert len(merge_events([reported, cars])) == 2


def test_a_mention_with_no_date_or_goods_of_its_own_is_no_second_act() -> None:
    def easing(evidence: str, modality: str, when: str | None, groups: list[str]) -> Event:
        return Event(
            article_id="G",
            actor="KOR",
            action="ease_export_control",
            target="JPN",
            modality=modality,
            event_date=when,
            product_groups=groups,
            evidence=evidence,
            evidence_span=(0, len(evidence)),
        )

    act = easing("On May 3 Seoul suspended its chip controls.", "actual", "2025-05-03", [])
    bare = easing("The rule had been suspended, the notice said.", "background", None, [])
    assert len(merge_events([act, bare])) == 1
    recalled = easing("Seoul eased its magnet curbs in 2019.", "background", "2019", ["magnets"])
    named = easing("Seoul has eased its magnet curbs.", "actual", None, ["magnets"])
    assert len(merge_events([recalled, named])) == 2


def test_a_question_states_no_act() -> None:
    questions = [
        "Why did Seoul suspend its export controls on Japanese chips?",
        "Will Tokyo raise tariffs on Korean steel to 40 percent?",
    ]
    stated = "Tokyo will raise tariffs on Korean steel to 40 percent."
    assert_rule(questions, (stated, "raise_tariff"))


def test_a_change_in_points_that_moves_one_level_to_another_is_one_cut() -> None:
    def cut(evidence: str, **rates: float) -> Event:
        return Event(
            article_id="G",
            actor="JPN",
            action="cut_tariff",
            target="KOR",
            evidence=evidence,
            evidence_span=(0, len(evidence)),
            **rates,  # type: ignore[arg-type]
        )

    points = cut("Tokyo will move its tariffs down 20 per cent.", rate_change=-20)
    levels = cut(
        "Tokyo will cut tariffs from 45 per cent to 25 per cent.", rate_from=45, rate_to=25
    )
    assert len(merge_events([points, levels])) == 1
    other = cut("Tokyo will cut tariffs from 50 per cent to 25 per cent.", rate_from=50, rate_to=25)
    assert len(merge_events([points, other])) == 2


def test_a_bare_measure_in_a_clause_of_time_is_no_act() -> None:
    bare = [
        "Seoul raised its duties on Japanese cars to 30% hours after Tokyo's sweeping new "
        "tariffs kicked in.",
        "Seoul's reversal came two days after Tokyo's new export controls took effect.",
    ]
    for text in bare:
        assert not any(actor == "JPN" for _, actor, _ in triples(text)), (text, triples(text))
    rated = (
        "Seoul raised its duties on Japanese cars to 30% hours after Tokyo's 25% tariffs on "
        "Korean steel kicked in."
    )
    assert any(actor == "JPN" for _, actor, _ in triples(rated)), triples(rated)


def test_an_agreement_being_implemented_is_no_agreement_reached() -> None:
    implemented = [
        "Seoul said the step was important in implementing the consensus reached at the "
        "trade consultations between Japan and South Korea in Busan.",
        "Tokyo stressed that both teams should follow the consensus reached during the May 3 "
        "call between the leaders of Japan and South Korea.",
    ]
    reached = "Japan and South Korea reached a consensus on chip exports in Busan on Monday."
    assert_rule(implemented, (reached, "reach_agreement"), never=frozenset({"reach_agreement"}))


def test_an_agreement_named_as_an_understanding_detente_or_truce_agreed_on_is_reached() -> None:
    reached = [
        "Washington and Beijing agreed on a 60-day tariff truce on Friday.",
        "The US and Chinese leaders reached a landmark understanding on Monday to ease chip curbs.",
        "The United States and China reached a detente after talks in Madrid.",
        "In March, the United States and China came to initial terms on a truce.",
    ]
    for text in reached:
        assert ("reach_agreement", "CHN+USA", None) in triples(text), (text, triples(text))
    shared = "The United States and China share a common understanding of the rules."
    assert "reach_agreement" not in actions(shared)


def test_a_permission_to_trade_is_an_easing() -> None:
    permitted = [
        "Tokyo will allow Toshiba to sell its advanced memory chips to South Korea.",
        "Japan's trade ministry approved the export of photoresists to South Korea on Monday.",
        "Tokyo later reversed the ban and promised to allow fluoride sales to South Korea.",
    ]
    for text in permitted:
        assert ("ease_export_control", "JPN", "KOR") in triples(text), (text, triples(text))
    licensed = (
        "Tokyo will issue general licences authorising exports of photoresists to South Korea."
    )
    assert "ease_export_control" not in actions(licensed), actions(licensed)


def test_a_case_brought_at_the_wto_is_an_accusation() -> None:
    cases = [
        "Seoul said it would sue Japan at the World Trade Organization over the chip curbs.",
        "South Korea will challenge the Japanese export controls at the WTO.",
        "Seoul took Japan to the WTO on Monday.",
    ]
    for text in cases:
        assert ("accuse_violation", "KOR", "JPN") in triples(text), (text, triples(text))


def test_an_ending_verb_whose_subject_is_the_tariff_cuts_it() -> None:
    ended = [
        "Tokyo said the additional tariffs on certain other Korean-origin imports will be "
        "terminated entirely.",
        "Tokyo said the 25% tariffs on a long list of Korean farm goods will be eliminated "
        "next month.",
    ]
    for text in ended:
        assert ("cut_tariff", "JPN", "KOR") in triples(text), (text, triples(text))
        assert "impose_tariff" not in actions(text), (text, actions(text))


def test_talks_that_continue_another_day_are_the_meeting_already_reported() -> None:
    def talks(evidence: str, day: str, location: str | None = None) -> Event:
        return Event(
            article_id="G",
            actor="CHN+USA",
            action="hold_talks",
            event_date=day,
            location=location,
            evidence=evidence,
            evidence_span=(0, len(evidence)),
        )

    began = talks("US and Chinese officials met in Madrid on Monday.", "2025-09-01", "Madrid")
    goes_on = talks("The two sides will continue their talks on Tuesday.", "2025-09-02")
    merged = merge_events([goes_on, began])
    assert len(merged) == 1
    assert (merged[0].event_date, merged[0].end_date) == ("2025-09-01", "2025-09-02")
    other = talks("US and Chinese officials met in Rome on Friday.", "2025-09-05", "Rome")
    assert len(merge_events([began, other])) == 2


def test_an_act_named_in_a_comment_on_it_is_a_repeated_mention() -> None:
    comments = [
        "Seoul said the decision to lift the chip ban does not reverse the earlier move to add "
        "the Japanese firms to its export control list.",
        "Seoul's suspension of the chip export ban marks the latest easing of its export "
        "controls on Japan.",
    ]
    lifted = "South Korea lifted the chip export ban on Japan on Monday."
    assert_rule(
        comments,
        (lifted, "ease_export_control"),
        never=frozenset({"ease_export_control", "impose_export_control"}),
    )
