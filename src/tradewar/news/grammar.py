"""The trade-war grammar: trigger words of each family, the verbs that decide an action,
and the cue phrases of roles, dates, modality and mentions that are not acts.

Surface patterns only; :mod:`tradewar.news.frames` and :mod:`tradewar.news.roles` add what
a dependency parse decides, and :mod:`tradewar.news.extract` applies both.
"""

from __future__ import annotations

import re

COUNTERPART = {"USA": "CHN", "CHN": "USA"}
CASE_SENSITIVE = {"us": "US", "eu": "EU", "bis": "BIS", "xi": "Xi", "ustr": "USTR"}  # not "us"

ABBREVIATIONS = (
    "No.", "Nos.", "Art.", "Arts.", "Sec.", "Para.", "Dept.", "Pct.", "Approx.", "Gov.",
    "Sen.", "Rep.", "Corp.", "Ltd.", "Co.", "Bros.", "Vs.", "Fig.", "Vol.", "Ch.",
)  # fmt: skip
BLOCK_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[|•\-*·]|\(\w{1,4}\)|\d+\.\s))|\n(?=[A-Z“\"])")
WRAPPED_LINE_END = re.compile(
    r"(?:[,&]|\b(?:a|an|of|the|and|to|in|on|for|with|by|from)|\w(?:’s|'s))\s*$", re.I
)
CLAUSE_BREAK = re.compile(
    r";\s|,\s+while\s|\s+while\s+(?=[a-z]+ing\b|the\b|china|beijing|washington)|,\s+whereas\s|,\s+and\s+(?=(?-i:[A-Z])|the\b|its\b|china|chinese|us\b)"
    r"|,\s+(?=(?-i:[A-Z])[\w’']+(?:\s(?-i:[A-Z])\w+)?\s+(?:has|have|had|will|would|is|was|said|announced|claimed)\b)"
    r"|,\s+(?:but|however)\s|,\s+(?:in response to|in retaliation (?:for|against)|responding to|in exchange for)\s|\s+and\s+(?=(?:eliminat|remov|lift|suspend|reduc|rais|impos|end|cut|lower)\w*\b(?!-))"  # noqa: E501
    # "imposed tariffs on Canada and Mexico but suspended some levies": two acts
    r"|\s+but\s+(?=(?:eliminat|remov|lift|suspend|reduc|rais|impos|end|cut|lower|paus|delay|postpon)\w*\b(?!-))",
    re.IGNORECASE,
)
# "tax" in plain English is a tariff when it is an added one or a share of one ("extra taxes
# (called tariffs)", "its own added taxes on U.S. goods", "stop 24% of the tax")
PLAIN_TAX = (
    r"(?:(?<=extra )|(?<=added )|(?<=additional )|(?<=retaliatory )|(?<=punitive )|(?<=border )|"
    r"(?<=% of the )|(?<=% of its )|(?<=percent of the ))tax(?:es)?"
)
# countermeasures name a tariff unless they are left vague ("suspension of various retaliatory
# countermeasures", "adjust other countermeasures") or aimed at firms ("its countermeasures
# on five U.S. subsidiaries of ...")
VAGUE_COUNTERMEASURES = (
    r"(?<!various )(?<!other )(?<!relevant )(?<!various retaliatory )(?<!other retaliatory )"
    # ... or only said to have been taken, with no rate or goods ("China took firm and
    # legitimate countermeasures", "will resolutely take countermeasures")
    r"(?<!took )(?<!take )(?<!taking )(?<!legitimate )(?<!necessary )(?<!resolute )"
    r"countermeasures(?!\s+(?:on|against|targeting)\s+(?:\S+\s+){0,4}?(?:subsidiaries|companies|"
    r"firms|entities|individuals|ships|vessels)\b)"
    # ... or named as export controls: "countermeasures, including export restrictions on
    # critical minerals"
    r"(?!,?\s+(?:including|such\s+as|like|notably)\s+(?:[\w-]+\s+){0,2}?export)"
)
RATE_MOVED_TO_A_LEVEL = (
    r"(?<!interest )(?<!mortgage )(?<!exchange )(?<!growth )(?<!inflation )(?<!tariff )"
    r"(?<!duty )(?<!tax )(?<!policy )(?<!lending )(?<!benchmark )(?<!unemployment )"
    r"(?<!savings )(?<!deposit )(?<!key )(?<!repo )"
    r"rate(?=(?:\s+(?:on|for)\s+[^.,;%]{1,40}?)?(?:\s+(?:was|were|is|will be|would be|has been|"
    r"had been)(?:\s+\w+ly)?\s+(?:raised|increased|hiked|lifted|jacked up|cut|lowered|reduced|"
    r"slashed|halved|doubled))?\s+(?:to|from)\s+(?:about\s+|around\s+)?\d+(?:\.\d+)?\s*"
    r"(?:%|percent|per\s+cent))"
)
TARIFF_TRIGGER = re.compile(
    # ("non-tariff barriers / restrictions / countermeasures" name no tariff)
    r"\b((?<!non-)(?<!non–)(?<!non )tariffs?|levies|levy|duties|duty(?![- ]free)|import tax(?:es)?|"
    + PLAIN_TAX
    # a rate named by its tariff's kind: "suspended some of the most aggressive reciprocal
    # rates" ("country-specific rates" tried: it gave wrong actors and lowered strict F1)
    + r"|(?<=reciprocal )rates?"
    # rates a side retaliates at: "with China retaliating at rates up to 125%"
    + r"|(?:(?<=retaliating at )|(?<=retaliated at )|(?<=retaliate at ))rates?"
    # the rate alone of a side's answer, its tariff noun left out: "the US had imposed tariffs
    # of 145 percent, while Beijing responded with 125 percent"
    # (the trigger is the number, the percent sign after it being no word)
    + r"|(?:(?<=responded with )|(?<=retaliated with )|(?<=hit back with )|(?<=countered with ))"
    + r"\d+(?:\.\d+)?(?=\s*(?:%|percent|per\s+cent)(?!\s+(?:\w+\s+){0,2}?(?:tariffs?|dut|lev)))"
    # a further rate on other goods, its tariff noun left out ("25% tariffs on imports from
    # Canada and Mexico, and an additional 10% on imports from China")
    + r"|(?:(?<=and an additional )|(?<=and a further )|(?<=and an extra ))"
    + r"\d+(?:\.\d+)?(?=\s*(?:%|percent|per\s+cent)\s+on\s+(?:imports|goods|products|(?-i:[A-Z])))"
    # a rate that a change moves to a level is the tariff's ("Trump hiked the rate to 20
    # percent", "the rate was raised to 125%", "jack the rate on Chinese goods to 145
    # percent"); rates of money, credit or growth are not ("the Fed cut its rate to 4%")
    + r"|"
    + RATE_MOVED_TO_A_LEVEL
    + r"|(?<!non-tariff )"
    + VAGUE_COUNTERMEASURES
    + r"|retaliatory measures)\b(?![- ](?:war|truce|deal|de-escalation|threats?|polic\w+|talks|exclusion\w*|exemptions?|refunds?|receipts|disputes?|tensions|revenue|fight|battles?|standoff|spat|showdown|bombs?|deadline|escalation|row|conflict))"  # noqa: E501
    # a definition names no act: "A tariff is a tax imposed on imported goods"
    r"(?!\s+(?:is|are)\s+(?:an?\s+)?(?:tax|taxes|duty|duties|levy|form|type|kind)\b)"
    # nor does the name of a body, law or schedule ("the Customs Tariff Commission", "the
    # Tariff Act of 1930", "the Harmonized Tariff Schedule")
    r"(?!\s+(?-i:Commission|Law|Act|Schedule)\b)",
    re.IGNORECASE,
)
# ("non-tariff countermeasures / restrictions" name no export control: suspending them is
# no easing without inference, which the guide does not label; two labelled articles code
# it as one, seven do not)
EXPORT_TRIGGER = re.compile(
    r"\b(export controls?|export restrictions?|(?<!non-tariff )(?<!non-tariff trade )(?<!trade barriers and )restrictions|export licen[cs](?:e|ing) requirements?|entity list|"  # noqa: E501
    r"(?<!immigration )(?<!visa )(?<!investment )(?<!travel )curbs|"
    r"controls on|limits\s+on\s+(?:the\s+)?(?:export|exports|technolog\w*|equipment|"
    r"advanced\s+\w+\s+(?:chips|processors))\b|restrict(?:s|ed|ing)?\s+(?:\w+(?:’s|'s)\s+)?(?:the\s+)?(?:sale|sales|supply|supplies|export|exports|access)|"
    r"(?:supplies|shipments|exports) (?:that|which) (?:were|had been|have been) (?:halted|stopped|suspended)|"  # noqa: E501
    # (a halt of tariffs, imports, purchases or trade as a whole is no export control: "halted
    # certain tariffs", "halted soybean import qualifications", "farm products halted during
    # recent trade disputes", "a tariff war that nearly halted trade")
    r"(?<!products )halted(?!\s+(?:[\w-]+\s+){0,3}?(?:tariffs?|duties|levies|imports?|"
    r"purchases|trade)\b)|export bans?|"
    r"allow(?:s|ed|ing)? (?:the )?(?:export|exports|sale|sales|shipments?) (?:of|to)|"
    r"speed(?:s|ing)? up (?:the )?(?:approv\w*|licen[cs]\w*)|"
    # a permission named as approval: "given Nvidia approval to begin shipping H200 chips"
    r"approval\s+(?:for\s+\w+\s+)?to\s+(?:begin\s+|resume\s+|start\s+)?(?:ship|sell|export)\w*|"
    r"(?:must|required to|requiring \w+ to|ordered \w+ to|need to) (?:obtain|apply for|seek|secure) (?:an? )?[\w\s-]{0,30}?(?:licen[cs]es?|export (?:approvals?|permits?)))\b",  # noqa: E501
    re.IGNORECASE,
)
TALKS_TRIGGER = re.compile(
    r"\b(talks|negotiations|meetings?(?! (?:the|its|their|these|those|all|new|such) )|(?<!are )(?<!is )(?<!be )(?<!been )(?<!were )(?<!was )(?<!being )met|telephone call|phone call|video call|(?<=the )call(?! for| on| to)|(?:(?<=\d, )|(?<=\d ))call(?! for| on| to)|discussions|consultations|(?:spoke|talked) (?:by phone )?with|(?:spoke|talked|speak|talk) (?:by (?:tele)?phone|on the phone|over the phone|via video)"  # noqa: E501
    # a call, talk or gathering with a named party: "in a call with Chinese President Xi",
    # "planned to talk with Xi", "Trump's October gathering with Xi", "would speak with Xi"
    r"|(?:call|talk|talks|talking|gathering|speak|speaks|speaking)\s+with(?=\s+(?:the\s+)?(?-i:[A-Z]))"
    # two parties who spoke to each other: "were last known to have spoken to each other"
    r"|(?:spoke|spoken|talked)\s+(?:to|with)\s+(?:each\s+other|one\s+another)"
    # the verb of meeting in any tense when a time, a place or a party follows ("will meet
    # again in Madrid", "are set to meet on Thursday", "meets with Xi"), not "meet demands"
    r"|meet(?:s)?(?=\s+(?:again|with|in|at|on|next|later|this|face-to-face|in\s+person|"
    r"during|before|after|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|\s*[.;])"
    # a summit or encounter named with its parties: "the summit between President Trump and
    # President Xi, held on ...", "a summit that brought together Trump and ..."
    r"|(?:summit|encounter)(?=\s+(?:between|(?:that|which)\s+brought\s+together)\b)"
    # one round of negotiating named as held: "an intensive trade negotiation held at the weekend"
    r"|negotiation(?=\s+(?:held|between)\b)"
    r")\b",
    re.IGNORECASE,
)
AGREE_TRIGGER = re.compile(
    r"\b(?:(?:reach\w*|struck|strike|secur\w*|sign\w*|clinch\w*|seal\w*|brokered|establish\w*|formaliz\w*|formalis\w*|finaliz\w*|finalis\w*)\b[^.;]{0,40}?\b(?:deal|truce|agreement|pact|consensus|understanding)(?:e?s)?"
    r"|(?:deal|truce|agreement|pact|consensus|understanding)\b[^.;]{0,25}?\b(?:reached|agreed|struck|signed|sealed|brokered)|agreed(?:\s+(?:(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day|in\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|principle)|last\s+(?:week|month|year)|earlier|later))?\s+to|agreed with\b[^.;]{1,40}?\bto|(?<=and )(?:[\w.’'-]+\s+){1,3}?(?:for\s+)?agreeing\s+to\s+an?\b|hereby (?:commit|agree|undertake)\w*"  # noqa: E501
    # a deal with a party described as an agreement: "the deal with X ... is a one-year agreement"
    r"|(?:deal|pact)\s+with\b[^.;]{1,80}?\b(?:is|was)\s+an?\s+(?:[\w-]+\s+){0,3}(?:deal|agreement|pact)"
    # a new deal announced: "the two announced a trade truce on May 12", "announced a deal";
    # "announced the deal" may tell a deal already reached, and is left to the other forms
    r"|announc\w*\s+an?\s+(?:[\w-]+\s+){0,2}(?:deal|truce|agreement|pact)"
    # a deal told as just made, before or after its parties: "the newly announced trade
    # agreement", "a new trade agreement between the United States and China, reached last
    # week between ..."
    r"|(?:newly|recently|just)\s+(?:announced|reached|signed|struck|sealed|brokered)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:deal|truce|agreement|pact|accord)"
    r"|(?:deal|truce|agreement|pact|accord)\s+between\b[^.;]{1,70}?,\s+"
    r"(?:reached|struck|signed|sealed|brokered)"
    # the terms of a deal told as agreed at a meeting: "the measures agreed in a recent meeting
    # between ...", "several concessions reached during trade negotiations"
    r"|(?:measures|concessions|terms|commitments)\s+(?:agreed|reached|struck)\s+(?:in|at|during)"
    # a joint statement issued by the two sides is their deal: "China and the United States
    # have issued a joint statement outlining immediate tariff suspensions", "The joint
    # statement reached in the latest talks"
    r"|(?:issu|releas|reach|sign)\w*\s+(?:a\s+|the\s+|their\s+)?(?:[\w-]+\s+)?joint\s+statement"
    r"|joint\s+statement\s+(?:reached|issued|released|signed)"
    # a deal told with the day it was made: "its Deal on Economic and Trade Relations with
    # China, which was announced on November 1", "a trade agreement between President Trump
    # and Chinese President Xi Jinping on November 1"
    r"|(?:deal|agreement|truce|pact)\b[^.;]{0,60}?,\s+which\s+was\s+(?:announced|reached|struck|"
    r"signed)\s+on"
    r"|(?:deal|agreement|truce|pact)\s+between\b[^.;]{1,80}?\bon\s+(?:january|february|march|"
    r"april|may|june|july|august|september|october|november|december)\s+\d"
    r")\b",
    re.IGNORECASE,
)
SUSPEND_TRIGGER = re.compile(
    # an extension announced, granted or signed (the nominalisation of "extend"): "has
    # announced a 90-day extension of the tariff truce with China"; one only aimed at or
    # missed ("targets extension of", "without an extension") is none
    r"\b(?:announc|grant|approv|sign|secur|agree|gave|give|order)\w*\s+(?:an?\s+|the\s+|its\s+|"
    r"another\s+)?(?:[\w-]+\s+){0,2}extension\b[^;]{0,50}?\b(?:truce|pause|reprieve|suspension)\b|"
    r"\b(?:extend\w*|prolong\w*)\b[^;]{0,50}?\b(?:truce|pause|reprieve|suspension)\b|"
    # the passive: "the truce with Beijing would be extended for another 90 days"
    r"\b(?:truce|pause|reprieve)\b[^;,]{0,40}?\b(?:is|was|were|will\s+be|would\s+be|has\s+been|"
    r"had\s+been|to\s+be)\s+(?:\w+ly\s+)?(?:extended|prolonged)\b|\b(?:\d+|one|two|three|six|nine|ninety)-(?:day|week|month|year)\s+(?:pause|truce|reprieve)\b"
    # ... or its compound noun: "Beijing announced the truce extension at the same time"
    r"|\b(?:truce|pause|reprieve)\s+extension\b",
    re.IGNORECASE,
)
ACCUSE_TRIGGER = re.compile(
    # (not competition law: "suspect the American corporation of violating competition
    # regulations" is an antitrust probe, outside the vocabulary)
    r"\b(violat\w*\b(?!\s+(?:\w+\s+){0,2}?(?:competition|antitrust|anti-trust|anti-monopoly|monopoly)\b)|breach(?:es|ed)? of|(?:a |serious |clear )breach|contraven\w*|flout\w*|(?:complaint|lawsuit|case|dispute) (?:with|at) the (?:wto|world trade organi[sz]ation)\w*|"  # noqa: E501
    r"wto (?:complaint|lawsuit|case)|fil(?:e|ed|es|ing) a (?:complaint|lawsuit)"
    # a case against a party at the WTO: "filed a fresh suit against Washington at the World
    # Trade Organization", "launched a legal challenge against the US at the WTO"
    r"|(?:suit|complaint|lawsuit|case|challenge)\s+against\s+(?:the\s+)?[\w.]+(?:\s+[\w.]+)?\s+"
    r"(?:at|with|in)\s+the\s+(?:wto|world trade organi[sz]ation)"
    # a dispute taken to the WTO: "referred the new US president's practices to the World
    # Trade Organization"
    r"|refer(?:s|red|ring)?\b(?=(?:[^.;]|\.(?!\s+(?-i:[A-Z])|\s*$)){0,60}?"
    r"\bto the (?:wto|world trade organi[sz]ation))"
    # the verb of breaching with a deal or rules as object: "accused Washington of breaching
    # the trade truce", "had breached the Geneva consensus"
    r"|breach(?:es|ed|ing)?(?=\s+(?:[\w’'-]+\s+){0,4}?(?:truce|consensus|agreement|deal|rules|"
    r"commitments?|obligations?|understanding|arrangement)\b)"
    # a practice said to stand outside the rules: "do not align with the rules of international
    # trade", "does not comply with international trade rules"
    r"|(?:not|n[’']t)\s+(?:comply|conform|align|accord|in\s+line|consistent)\w*\s+with\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:rules|obligations|commitments)\b)",
    re.IGNORECASE,
)
LICENCE_TRIGGER = re.compile(
    # ... or taken up again: "Washington reopened export licenses for the H20"
    r"\b(?:grant\w*|approv\w*|issu(?:e|ed|es|ing)|receiv\w*|gets?|got|won|reopen\w*|restor\w*|"
    r"resum\w*)\b[^.;]{0,50}?\blicen[cs]es?\b(?! requirement)"
    r"|\blicen[cs]es? (?:were|was|have been|has been|had been|will be|would be) "
    r"(?:granted|approved|issued)\b",
    re.IGNORECASE,
)

TARIFF_CUES = [
    (
        "suspend_tariff",
        re.compile(
            # a tariff put off is suspended until its new date: "agreed to postpone 25% tariffs
            # by a month", "the tariffs would be deferred", "pushed back the start of the tariffs"
            # a tariff halted is paused: "the deal also halts 100% tariffs on cranes"
            # (a pause of the war is the truce, not a pause of the tariff named after it: "a
            # 90-day suspension of their escalating trade war, ... tariffs exceeding 100%")
            r"\b((?:paus\w*|suspen\w*|halt\w*)(?!\s+(?:of|in|on|to)\s+(?:[\w’'-]+\s+){0,3}?"
            r"(?:wars?|hostilities|fighting|battles?|conflicts?|escalation)\b)|reprieve|hold\s+off|temporarily (?:reduc|lower|cut)\w*|keep\w* in place|maintain\w*|retain\w*|extend\w*|delay\w*|postpon\w*|defer\w*|put(?:s|ting)? off|push\w* back)\b",  # noqa: E501
            re.I,
        ),
    ),
    (
        "cut_tariff",
        re.compile(
            r"\b(cut|cuts|cutting|reduc\w*|(?<!\ba )(?<!\ban )(?<!for )(?<!of )(?<!with )(?<!the )lower\w*|slash\w*|lift\w*|remov\w*|eliminat\w*|end|ending|scrap\w*|roll\w* back|(?:scal|par|dial)\w* back|brought|bring|exempt\w*|"  # noqa: E501
            r"stop\w*|ceas\w*|drop\w*|withdr[ae]w\w*|rescind\w*|revok\w*|repeal\w*|terminat\w*|halv\w*|cancel\w*|"
            # easing right before the tariff noun: "the US will ease tariffs", "the relaxing
            # of reciprocal tariffs" (not "to ease tensions, ... imposed tariffs")
            r"(?:eas(?:e|es|ed|ing)|relax\w*)(?=\s+(?:of\s+)?(?:[\w’'-]+\s+){0,2}$))\b",
            re.I,
        ),
    ),
    (
        "raise_tariff",
        re.compile(
            # (not "raised concerns that tariffs would resume", "increasing uncertainty")
            r"\b((?:rais\w*|increas(?!ingly)\w*)(?!\s+(?:concerns?|fears?|hopes?|questions?|doubts?|"
            r"alarms?|expectations?|uncertainty|the\s+(?:prospect|possibility|risk|spectre|specter))\b)|"
            r"hike\w*|hiking|jack\w*(?: up)?|ratchet\w*(?: up)?|up from|reached(?![^.;]{0,40}?\b(?:deal|agreement|truce|pact|consensus|understanding|accord)s?\b)|(?<!de-)(?<!de)escalat\w*(?!\s+(?:[\w-]+\s+)?(?:wars?|battles?|tensions?|disputes?|conflicts?|standoff|rows?|fights?|spat))|hit(?!\s+(?:back|with))|took(?! effect)|soar\w*|doubl(?!e[- ]digit)\w*|tripl(?!e[- ]digit)\w*|shot up|surg\w*|jump\w*|climb\w*)\b",  # noqa: E501
            re.I,
        ),
    ),
    (
        "impose_tariff",
        re.compile(
            r"\b(impos\w*|reimpos\w*|reinstat\w*|(?:respond\w*|counter\w*)\s+with|introduc\w*|enact\w*|announc\w*|slap\w*|subject to|facing|threaten\w*|unveil\w*|launch\w*|retaliat\w*|hit(?:s|ting)?\s+back|(?:hit|hits|hitting)\s+with|took effect|take effect|takes effect|into effect|into force|kicked in|target\w*|levied|levy|levying|appl(?:y|ied)|add(?:ed)?|will see|match)\b",  # noqa: E501
            re.I,
        ),
    ),
]
EXPORT_CUES = [
    (
        "ease_export_control",
        re.compile(
            # (not "aimed to ease trade tensions after a year of export restrictions": what
            # eases is the tension, not the controls)
            r"\b(lift\w*|remov\w*|eas\w*(?!\s+(?:(?:the|their|bilateral|trade|economic|geopolitical)\s+)*(?:tensions?|frictions?)\b)|relax\w*|eliminat\w*|allow\w*|no longer|restor\w*|released?|scrap\w*|suspen\w*|paus\w*|rescind\w*|stop(?:s|ped|ping)?|ceas\w*)\b",  # noqa: E501
            re.I,
        ),
    ),
    (
        "impose_export_control",
        re.compile(
            r"\b(restrict\w*|impos\w*|tighten\w*|curb\w*|unveil\w*|announc\w*|halt\w*|ban\w*|block\w*|choke\w*|expand\w*|new|further|introduc\w*|not relaxing|"  # noqa: E501
            r"add(?:s|ed|ing)?|plac\w*|put\w*|adopt\w*|implement\w*|order\w*|requir\w*|slap\w*|extend\w* (?:its |the )?(?:export )?controls|rollout\s+of|roll(?:s|ed|ing)?\s+out|"  # noqa: E501
            # a control answering the other side's: "Beijing responded with export restrictions"
            r"(?:respond\w*|counter\w*|retaliat\w*)\s+with)\b",
            re.I,
        ),
    ),
]
# controls that come into force after their own noun are imposed, as tariffs are: "China's
# export controls on gallium took effect on Monday" (read after the trigger only: "the truce
# took effect this week, rolling back ... export controls" imposes nothing)
CONTROLS_TAKE_EFFECT = re.compile(
    r"\b(?:took effect|takes? effect|(?:came|come|comes|went|go|goes) into (?:effect|force)|"
    r"kicked in)\b",
    re.I,
)
LICENCE_OBLIGATION = re.compile(r"(?:must|required|requiring|ordered|need)\b")
EASING_PHRASE = re.compile(r"(?:allow|speed|approval)")
IMPOSING_PHRASE = re.compile(
    r"(?:restrict(?!ion)|halted|(?:supplies|shipments|exports) (?:that|which))"
)
CURRENT_LEVEL = re.compile(  # a level, no act: "are set at 30%", "keeps ... at 30%", "will be 30%",
    # a sum of several tariffs ("tariffs totaling 30%")
    r"\b(?:current(?:ly)?|(?:is|are|was|were|remain\w*) (?:\w+ )?(?:set )?at|will be set at|(?:will )?stand\w* at|averag\w*|total(?:l)?ing|amounting to)\b"  # noqa: E501
    r"|\b(?:keep\w*|kept|leav\w*|left|hold\w*|held)\b(?:[^.;]|(?<=[A-Z])\.){0,60}?\bat\s+\d"
    r"|\b(?:is|are|was|were|will be|remains?|stands?)\s+(?:now\s+)?\d+(?:\.\d+)?\s*(?:%|percent|per cent)",  # noqa: E501
    re.I,
)
NOT_EASE = re.compile(
    r"\bnot (?:relaxing|eas\w*|lift\w*)\b"
    # an approval one must get is a requirement: "require foreign companies to get approval"
    # ... of a named government ("must seek specific U.S. government approval to sell")
    r"|\b(?:get|obtain|seek|need|apply for)\s+(?:[\w.’'-]+\s+){0,3}?approval\b",
    re.I,
)
ELIMINATES = re.compile(
    # (not the noun: "reduce their tariffs by 115 points, agreed at the end of the meeting")
    r"\b(eliminat\w*|remov\w*|lift\w*|scrap\w*|(?<!the )end(?!\s+of\b)|ending|terminat\w*|"
    r"stop\w*|ceas\w*|drop\w*|withdr[ae]w\w*|rescind\w*|revok\w*|repeal\w*|cancel\w*)\b",
    re.I,
)
# a passive verb after the trigger noun, up to six words on ("tariffs on imports from Mexico
# and Canada have been postponed for 30 days"; the window after the noun is 70 characters)
PASSIVE_AFTER = re.compile(
    # ("the additional 24% tariff rate on specified U.S. goods will remain suspended")
    r"^\W*(?:\w+\W+){0,6}?(?:will be |were |was |are |is |have been |has been |had been |be |"
    r"will remain |remains? |(?:will )?continue to be )?"
    r"(imposed|lifted|removed|eased|suspended|raised|cut|reduced|lowered|slashed|halved|hiked|increased|doubled|paused|took effect|take effect|kicked in|came into effect|go into effect|went into effect|(?:came|come|comes) into force|released|reached|rose|climbed|jumped|shot up|delayed|postponed|deferred|frozen)\b",  # noqa: E501
    re.I,
)
# more participles of imposing after a tariff noun ("the duties applied to imported merchandise,
# which were imposed by ...", "tariffs will be introduced on ..."); tariffs only: an export ban
# "introduced to protect its industry" is a recalled control, whose date decides (fronted and
# reduced relatives, :mod:`tradewar.news.frames`)
TARIFF_PARTICIPLE_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,4}?(?:will be |were |was |are |is |have been |has been |had been |be )?"
    r"(introduced|levied|applied|implemented|placed|slapped|enacted|unveiled)\b",
    re.I,
)
GOODS_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,1}?(goods|imports|products|supplies|resources|commodities|exports|companies|firms|entities|businesses|exporters|chipmakers|buyers|levels?|origin|-origin|agricultural)\b",
    re.I,
)
TARGET_BEFORE = re.compile(
    r"\b(on|against|from|to|into|toward|towards|for|with|of|in|including|hit|hits|hitting|target\w*)\s+(?:all\s+|the\s+|its\s+|imported\s+|certain\s+)?$",
    re.I,
)
PLURAL_SUBJECT = re.compile(
    r"(?<!between )(?<!between the world's )(?<!between the world’s )"
    r"\b(both|the two|two)\s+(?:(?:largest|biggest|top|major|leading|economic)\s+){0,2}"
    r"(sides|countries|nations|parties|governments|economies|superpowers|powers)\b|\beach other\b|\bthe parties\b|\bbilateral",  # noqa: E501
    re.I,
)
LEGAL_BASIS = re.compile(
    r"\b(Executive Order(?: No\.)? \d{5}|Announcement No\. \d+ of \d{4}|Circular No\. [\d/]+|Section (?:232|301|122|201)|IEEPA)\b"  # noqa: E501
)
HS_CODE = re.compile(r"\b\d{4}\.\d{2}(?:\.\d{2,4})?\b")
PLACES = (
    "London|Geneva|Stockholm|Kuala Lumpur|Madrid|Busan|Gyeongju|Washington|Beijing|Shanghai|"
    "Hong Kong|Singapore|Brussels|New York|Davos|Paris|Rome|Tokyo|Osaka|Seoul|Bangkok|Hanoi|"
    "Jakarta|Lima|Switzerland|Sweden|Malaysia|Spain|South Korea|Japan|France|Italy|the UK|Britain"
)
LOCATION = re.compile(  # "in London", "in Switzerland's Geneva", "travel to Spain"
    rf"\b(?:in|(?:travel\w*|head\w*|fl(?:y|ew|ies|ying)|trip|visit\w*|arriv\w*|go|goes|went) to)\s+"
    rf"(?:(?-i:[A-Z])\w+(?:'s|’s)\s+)?({PLACES})\b"
)
MODALITY_CUES = [
    (
        "conditional",
        re.compile(r"\b(provided that|on condition|if\b|unless|in exchange for)", re.I),
    ),
    ("threatened", re.compile(r"\b(threat\w*|warn\w*|vow\w*)\b", re.I)),
    (
        "reported",
        re.compile(
            r"\b(according to (?:a |the )?(?:report|people|sources|media)|reportedly|people familiar|sources said|report by)\b",  # noqa: E501
            re.I,
        ),
    ),
    ("expected", re.compile(r"\b(expect\w*|likely|poised)\b", re.I)),
    (
        "future",
        re.compile(
            r"\b(will|would|shall|set to|to be|plans? to|going to|commit\w*|promis\w*|starting|effective (?:from )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))\b",  # noqa: E501
            re.I,
        ),
    ),
    (
        "background",
        re.compile(
            r"\b(at one point|previously|initially|earlier this year|in the past|had (?:been )?\w+ed|first (?:brokered|reached|struck|agreed|announced|imposed|introduced)|(?:has|have|had) \w+ since)\b",  # noqa: E501
            re.I,
        ),
    ),
]
SPEAKER_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,1}(said|says|wrote|told|announced|stated|added)\b", re.I
)
# a modal perfect says what would have happened: "tariffs could have climbed from 30%"
COUNTERFACTUAL = re.compile(
    r"\b(?:would|could|might|may) have\b|\bwithout the (?:order|deal|truce|extension)\b", re.I
)
# "not" reaches three words ("will not implement its proposed controls"); "not only", "no
# accident", "no doubt", "no surprise" negate nothing
NEGATED = re.compile(
    r"(?:\b(?:not|never|no|cannot)|n['’]t)\s+(?!(?:only|accident|doubt|surprise|wonder)\b)"
    r"(?:(?:\w+|(?:[A-Z]\.){2,})\s+){0,4}$",
    re.I,
)
# "... so talks could continue": a purpose, not a meeting
PURPOSE = re.compile(
    r"\bso(?: that)?\s+(?:the\s+|further\s+|more\s+)?$"
    # ... or time bought for talks to come: "paused for 90 days for further negotiations"
    r"|\b(?:for|to\s+allow|to\s+allow\s+for|to\s+make\s+room\s+for)\s+(?:further|more|continued|"
    r"additional|future)\s+$",
    re.I,
)
UNREALISED = re.compile(  # demands and aims: "pressed China to relax curbs", "a deal to ease"
    r"\b(?:press(?:es|ed|ing)?|push(?:es|ed|ing)?|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|"
    r"call(?:s|ed|ing)? (?:on|for)|ask(?:s|ed|ing)?|wants?|wanted|want(?:s|ed|ing)?|seek(?:s|ing)?|sought)\b"  # noqa: E501
    # the demand may be quoted: urged the U.S. to "immediately correct its erroneous actions"
    r"(?:\s+for)?\s+(?:[\w’'.-]+\s+){1,4}?to\s+[\"“‘']?\w+[^.;]{0,60}$"
    r"|\b(?:press|push|call|ask|lobby)\w*\s+for\s+(?:the\s+|an?\s+)?\w+\s+of\b[^.;]{0,60}$"
    # an aim ("a deal to ease"), but one party's agreement is its commitment ("Beijing's
    # agreement to suspend", "its agreement to lift"), which stays an act
    r"|(?<!['’]s\s)(?<!\bits\s)\b(?:deal|agreement|pact|truce|understanding)\s+to\s+\w+\s+"
    r"(?:\w+\s+){0,3}$"
    r"|\b(?:plan|proposal|bid|effort|efforts)\s+to\s+\w+\s+(?:\w+\s+){0,3}$"
    # a measure's chance: "the likelihood of further tariffs is high"
    r"|\b(?:likelihood|chances?|prospects?|probability|possibility)\s+of\s+(?:[\w-]+\s+){0,3}$"
    # a deal still ahead: "were close to finalizing a trade deal", "critical for securing a
    # trade deal", "a deadline has been set for reaching a final agreement"
    r"|\b(?:close\s+to|near(?:ing)?|on\s+the\s+verge\s+of)\s+"
    r"(?:(?:finaliz|reach|strik|clinch|seal|secur|sign)\w*\s+(?:[\w-]+\s+){0,3})?$"
    r"|\b(?:for|toward|towards)\s+(?:finaliz|reach|strik|clinch|seal|secur|sign)\w*\s+"
    r"(?:[\w-]+\s+){0,3}$"
    r"|\b(?:try|tries|trying|tried|attempt(?:s|ed|ing)?|hop(?:e|es|ed|ing)|aim(?:s|ed|ing)?|"
    # a measure's purpose ("is intended to"); a party that intends to act plans it, a future
    # act ("while China intends to lower its tariffs on US goods from 125% to 10%")
    r"(?:is|are|was|were|be|been)\s+intended|wish(?:es|ed)?)\s+to\s+(?:[\w’'-]+\s+){0,6}$"
    r"|\b(?:deadline|goal|bid|race|pressure|push|efforts?|attempts?)\s+(?:[\w’'-]+\s+){0,4}to\s+$"
    # an option ruled out ("he was not considering a pause on planned tariffs"; one being
    # considered is a future act), and a judgement ("The H200, considered to be Nvidia's
    # second most powerful GPU, requires a license")
    r"|(?:\bnot|n[’']t)\s+(?:consider|weigh|mull)\w*\s+[^.;]*$"
    r"|\bconsidered\s+(?:to\s+be|as)\s+[^.;]*$",
    re.I,
)
# a measure that another one matches is only referred to: "will slap a 34 percent tariff on
# all U.S. imports, matching the Trump administration's 34 percent tariff on Beijing" (the
# adjective stays an act: "with a matching 50% tariff")
MATCHED = re.compile(
    r"\b(?:match(?:es|ed|ing)|mirror(?:s|ed|ing)?|equal(?:s|led|ling|ing))\s+"
    r"(?:the|its|their|his|[\w’'.-]+['’]s?)\s+(?:[\w’'“”\"%.-]+\s+){0,6}$",
    re.I,
)
# an act held back, refused or denied is none: "refrained from imposing export controls",
# "held off on new tariffs", "stopped short of banning exports", "declined to meet", "ruled out
# new tariffs", "denied that it would impose tariffs", "has no plans to lift the controls",
# "failed to stop the export of precursors"
DECLINED = re.compile(
    r"\b(?:refrain\w*\s+from|(?:hold|holds|held|holding)\s+off(?:\s+on)?|"
    r"stop(?:s|ped|ping)?\s+short\s+of|declin(?:e|es|ed|ing)\s+to|refus(?:e|es|ed|ing)\s+to|"
    r"rul(?:e|es|ed|ing)\s+out|back(?:s|ed|ing)?\s+away\s+from|no\s+plans?\s+to|"
    # an act averted: "narrowly avoiding a hike in tariffs", "averted new export curbs"
    r"avoid(?:s|ed|ing)?|avert(?:s|ed|ing)?|(?:stave|staves|staved|staving|head|heads|headed|"
    r"heading|fend|fends|fended|fending)\s+off|"
    r"den(?:y|ies|ied|ying)\s+(?:that\s+)?(?:[\w’'-]+\s+){0,4}?(?:would|will|was|is|had|has|planned)|"
    # an act not done: "claiming China had failed to stop the export of precursor chemicals"
    r"fail(?:s|ed|ing)?\s+to"
    r")\s+(?:[\w’'%-]+\s+){0,4}$"
    # a refusal reaches through a longer phrase of its own: "refused to meet Trump's deadline
    # to withdraw its own retaliatory levies" (no comma between)
    r"|\b(?:refus|declin)(?:e|es|ed|ing)\s+to\s+(?:[\w’'-]+\s+){0,8}$",
    re.I,
)
# a pause agreed in a deal, told as holding off: "the United States agreed to hold off on
# imposing the threatened 100% tariffs" (a suspension of the threatened measure, not a refusal)
AGREED_TO_HOLD_OFF = re.compile(r"\bagree(?:s|d)?\s+to\s+hold\s+off\b[^.;]*$", re.I)
# an open question names no act: "The question now is whether the US and China will be able
# to avoid a further escalation of their tariff hikes", "hasn't said whether the pause will be
# extended" (the question reaches to the next comma)
IN_QUESTION = re.compile(
    r"\b(?:whether|(?:unclear|uncertain|not\s+clear)\s+if)\b[^,;:()\u2013\u2014]*$", re.I
)  # ("it is unclear if the new tariff pause agreement will cause added confusion")
# a measure said never to have taken effect is no act: "the 100% additional duties ... that
# President Trump considered has not gone into effect", "the tariff never took effect", "a
# threatened 15% rate ... did not materialise"
NEVER_IN_EFFECT = re.compile(
    r"^[^.;]{0,120}?\b(?:(?:has|have|had|did)\s+not|hasn['’]t|haven['’]t|didn['’]t|never)\s+"
    r"(?:yet\s+)?(?:(?:gone|go|come|went|came)\s+into\s+(?:effect|force)|(?:taken|take|took)\s+"
    r"effect|materiali[sz]ed?|kicked\s+in|kick\s+in)\b",
    re.I,
)
# a threat averted is no act of either kind: "averts Trump's threatened 100 per cent tariff",
# "eliminated the threat of Trump's 100% tariffs", "takes the threat of additional 100%
# tariffs on China off the table" (the labels leave such a threat as context)
AVERTED_THREAT_BEFORE = re.compile(
    r"\b(?:avert\w*|eliminat\w*|remov\w*|end(?:s|ed|ing)?|lift\w*|(?:ward|stave|head)\w*\s+off)"
    r"\s+(?:the\s+)?(?:[\w’'.-]+\s+){0,2}?threat(?:s|ened)?\b(?:\s+of)?\s+(?:[\w’'%.-]+\s+){0,5}$",
    re.I,
)
THREAT_BEFORE = re.compile(r"\bthreat\s+of\s+(?:[\w’'%.-]+\s+){0,5}$", re.I)
OFF_THE_TABLE_AFTER = re.compile(r"^[^.;]{0,60}?\boff\s+the\s+table\b", re.I)
# a power to impose is no imposition: "Section 122 authorizes the President to impose
# surcharges of up to 15%", "a statute that allows the President to impose tariffs", "has the
# authority to impose tariffs" (the statute and the power are described, nobody acts)
POWER_TO_IMPOSE = re.compile(
    r"\b(?:(?:authori[sz]|allow|permit|empower|enabl)(?:e|es|ed|ing|s)?\s+(?:[\w’'.-]+\s+){0,4}?"
    r"|(?:authority|power|powers)\s+)to\s+(?:(?:impos|levy|levi|set|appl|rais|plac|introduc|"
    r"adjust|modif)\w*\s+(?:[\w’'-]+\s+){0,3})?$",
    re.I,
)
GLOBAL_TARGET = re.compile(
    # "the world's two largest economies" names the two sides, not the world
    r"\b(dozens of|other countries|trading partners|worldwide|all countries|"
    r"the world(?!['’]s\s+(?:two|2)\s)|overseas)\b",
    re.I,
)
