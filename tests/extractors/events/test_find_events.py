"""Event detection, coding, status and merging on sentences parsed by the real model.

Every sentence here is written for these tests; each names the code of the text's most confident
event (the one a reader would call the main event) and its status, or None where no event may be
read (negation, history, analysis, habit, a trigger word used as a modifier).
"""

from __future__ import annotations

import pytest

from spotrep.extractors import events, times
from spotrep.extractors.events.triggers import argument_words
from spotrep.pipeline import Pipeline
from spotrep.records import Article, Event, Place, Result, Span
from spotrep.validation import problems, span_problems

pytestmark = pytest.mark.model

CASES = [
    ("Government troops clashed with rebels near the border on Monday.", "ARMED_CLASH", "reported"),
    (
        "Militants ambushed an army patrol outside the town, killing four soldiers.",
        "ARMED_CLASH",
        "reported",
    ),
    ("Insurgents attacked a police checkpoint overnight.", "ARMED_CLASH", "reported"),
    (
        "Heavy fighting broke out between two rival militias in the capital.",
        "ARMED_CLASH",
        "reported",
    ),
    (
        "The army recaptured the town from the rebels after a week of fighting.",
        "GOV_REGAINS_TERIT",
        "reported",
    ),
    (
        "Government forces retook the airport from the insurgents on Sunday.",
        "GOV_REGAINS_TERIT",
        "reported",
    ),
    ("Security forces drove the militants out of three villages.", "GOV_REGAINS_TERIT", "reported"),
    (
        "Rebels seized the town after government troops fled.",
        "NON_STATE_ACTOR_OVERTAKES_TER",
        "reported",
    ),
    (
        "Jihadist fighters took control of the district headquarters on Friday.",
        "NON_STATE_ACTOR_OVERTAKES_TER",
        "reported",
    ),
    (
        "The militia captured two villages in the north of the province.",
        "NON_STATE_ACTOR_OVERTAKES_TER",
        "reported",
    ),
    ("A helicopter dropped barrels of chlorine on the rebel-held suburb.", "CHEM_WEAP", "reported"),
    ("Dozens of people suffocated after a sarin attack on the town.", "CHEM_WEAP", "reported"),
    ("Inspectors said mustard gas was used in the attack on the village.", "CHEM_WEAP", "reported"),
    ("Warplanes pounded the village, killing six civilians.", "AIR_STRIKE", "reported"),
    # forces entering another's land by force fight there
    ("Russian troops invaded Ukraine on Monday.", "ARMED_CLASH", "reported"),
    ("Militants launched an incursion into the border town on Sunday.", "ARMED_CLASH", "reported"),
    ("The invasion of the island by Turkish troops began at dawn.", "ARMED_CLASH", "reported"),
    # a verb that says only that there was violence yields to the noun that says what it was
    ("Two blasts hit the market on Monday.", "REM_EXPLOS", "reported"),
    ("The market bombing was an attack which killed 13 people.", "REM_EXPLOS", "reported"),
    ("A drone strike hit a car carrying two militants.", "AIR_STRIKE", "reported"),
    ("Rebels attacked the base with drones on Tuesday.", "AIR_STRIKE", "reported"),
    ("Airstrikes destroyed a bridge on the main road.", "AIR_STRIKE", "reported"),
    ("A suicide bomber blew himself up at a crowded market.", "SUIC_BOMB", "reported"),
    ("Two suicide bombers attacked a mosque during Friday prayers.", "SUIC_BOMB", "reported"),
    ("A suicide car bomb exploded at the gate of the army base.", "SUIC_BOMB", "reported"),
    ("Rebels shelled the city centre overnight.", "ART_MISS_ATTACK", "reported"),
    ("Militants attacked the outpost with mortars and rockets.", "ART_MISS_ATTACK", "reported"),
    ("A missile hit a residential building in the port city.", "ART_MISS_ATTACK", "reported"),
    ("Artillery fire killed three farmers in the valley.", "ART_MISS_ATTACK", "reported"),
    ("A roadside bomb exploded under a military convoy.", "REM_EXPLOS", "reported"),
    ("An IED killed two soldiers on the highway.", "REM_EXPLOS", "reported"),
    ("A landmine blast wounded three children near the village.", "REM_EXPLOS", "reported"),
    ("A car bomb exploded outside the ministry, wounding ten people.", "REM_EXPLOS", "reported"),
    ("Unknown men hurled a grenade at a police station.", "GRENADE", "reported"),
    ("Rebels launched a drone at a navy ship overnight.", "AIR_STRIKE", "reported"),
    # people taken, told by a pronoun too, are abducted by non-state captors, arrested by the state
    ("Militiamen seized them at a checkpoint on Monday.", "ABDUCT_DISSAP", "reported"),
    ("Soldiers seized them at a checkpoint on Monday.", "ARREST", "reported"),
    # a noun of quantity is read through to what it counts
    ("Rebels captured dozens of soldiers near the border.", "ABDUCT_DISSAP", "reported"),
    # what befell the protesters a participle describes befell their protest
    ("Police used water cannon to disperse students protesting against fees.",
     "PROTEST_WITH_INTER", "reported"),
    ("Rebels captured dozens of villages in the north.", "NON_STATE_ACTOR_OVERTAKES_TER",
     "reported"),
    ("Militants launched two rockets at an army base.", "ART_MISS_ATTACK", "reported"),
    ("A grenade attack on a bus stop injured seven people.", "GRENADE", "reported"),
    ("Soldiers raped three women in the village, a rights group said.", "SEX_VIOL", "reported"),
    (
        "The report documents widespread sexual violence against women by the militia.",
        "SEX_VIOL",
        "reported",
    ),
    ("Gunmen shot dead five villagers in their homes.", "ATTACK", "reported"),
    ("Armed men killed a teacher and two students at the school.", "ATTACK", "reported"),
    ("Unidentified gunmen opened fire on a bus, killing four passengers.", "ATTACK", "reported"),
    ("Gunmen kidnapped a local journalist on his way home.", "ABDUCT_DISSAP", "reported"),
    ("The militia abducted twenty girls from a boarding school.", "ABDUCT_DISSAP", "reported"),
    (
        "Thousands of people marched peacefully through the capital to demand higher wages.",
        "PEACE_PROTEST",
        "reported",
    ),
    ("Teachers held a peaceful rally outside parliament.", "PEACE_PROTEST", "reported"),
    ("Police fired tear gas to disperse the protesters.", "PROTEST_WITH_INTER", "reported"),
    (
        "Police arrested dozens of demonstrators during the protest.",
        "PROTEST_WITH_INTER",
        "reported",
    ),
    (
        "Security forces fired live ammunition at protesters, killing three.",
        "FORCE_AGAINST_PROTEST",
        "reported",
    ),
    (
        "Soldiers opened fire on peaceful demonstrators in the square.",
        "FORCE_AGAINST_PROTEST",
        "reported",
    ),
    ("Protesters threw stones at police and set tyres on fire.", "VIOL_DEMONSTR", "reported"),
    ("Rioters torched cars and looted shops in the city centre.", "VIOL_DEMONSTR", "reported"),
    (
        "Hundreds of youths rioted after the election results were announced.",
        "VIOL_DEMONSTR",
        "reported",
    ),
    ("An angry mob lynched a man accused of theft.", "MOB_VIOL", "reported"),
    ("A mob beat a suspected thief to death in the market.", "MOB_VIOL", "reported"),
    ("The two sides signed a ceasefire agreement in the capital.", "AGREEMENT", "reported"),
    ("The government and the rebels agreed to a truce on Sunday.", "AGREEMENT", "reported"),
    (
        "The warring parties exchanged prisoners under a deal brokered by the UN.",
        "AGREEMENT",
        "reported",
    ),
    ("Police arrested the opposition leader at his home.", "ARREST", "reported"),
    ("Security forces detained twelve members of the opposition party.", "ARREST", "reported"),
    ("The rebel group announced that it had disbanded.", "CHANGE_TO_GROUP_ACT", "reported"),
    ("Two militant factions merged under a new name.", "CHANGE_TO_GROUP_ACT", "reported"),
    (
        "The army deployed additional troops to the border region.",
        "CHANGE_TO_GROUP_ACT",
        "reported",
    ),
    ("Army engineers defused a bomb planted near the bridge.", "DISR_WEAP", "reported"),
    ("Police seized a large cache of weapons and ammunition.", "DISR_WEAP", "reported"),
    ("Air defences intercepted two missiles over the city.", "DISR_WEAP", "reported"),
    ("Soldiers found a cache of explosives in an abandoned house.", "DISR_WEAP", "reported"),
    ("The army established a new base in the eastern province.", "HQ_ESTABLISHED", "reported"),
    ("Foreign troops set up an observation post on the hill.", "HQ_ESTABLISHED", "reported"),
    ("Militants looted the village and burned the market.", "PROPERTY_DISTRUCT", "reported"),
    ("Settlers demolished several houses in the village.", "PROPERTY_DISTRUCT", "reported"),
    (
        "Government troops withdrew from the northern town, handing it over to the local council.",
        "NON_VIOL_TERRIT_TRANSFER",
        "reported",
    ),
    (
        "The militia pulled out of the city under the agreement.",
        "NON_VIOL_TERRIT_TRANSFER",
        "reported",
    ),
    ("A curfew was imposed on the city after days of unrest.", "OTHER", "reported"),
    (
        "Police dismantled a drug cartel that smuggled cocaine across the border.",
        "ORG_CRIME",
        "reported",
    ),
    ("Armed robbers held up a bank in the city centre.", "ORG_CRIME", "reported"),
    ("Police arrested five members of a gang of drug traffickers.", "ORG_CRIME", "reported"),
    (
        "A powerful earthquake struck the coastal region, killing twelve people.",
        "NATURAL_DISASTER",
        "reported",
    ),
    (
        "Floods swept away hundreds of homes after days of heavy rain.",
        "NATURAL_DISASTER",
        "reported",
    ),
    ("A cyclone battered the coast overnight.", "NATURAL_DISASTER", "reported"),
    ("A fire at a textile factory killed nine workers.", "MAN_MADE_DISASTER", "reported"),
    ("An explosion at a chemical plant injured forty workers.", "MAN_MADE_DISASTER", "reported"),
    ("A passenger train derailed near the station.", "MAN_MADE_DISASTER", "reported"),
    ("The two presidents met for talks at a summit in Geneva.", "DIPLO", "reported"),
    ("The foreign ministry summoned the ambassador over the remarks.", "DIPLO", "reported"),
    ("The government expelled three diplomats.", "DIPLO", "reported"),
    (
        "The group claimed responsibility for the bombing that killed ten people.",
        "ATTRIB",
        "reported",
    ),
    ("Officials blamed the rebels for the attack on the market.", "ATTRIB", "reported"),
    ("The army denied carrying out the airstrike.", "AIR_STRIKE", "denied"),
    ("The group threatened to attack the capital.", "ATTACK", "threatened"),
    ("The rebels warned they would shell the airport.", "ART_MISS_ATTACK", "threatened"),
    ("The army is preparing to launch an offensive on the city.", "ARMED_CLASH", "planned"),
    ("The opposition plans to hold a rally on Saturday.", "PEACE_PROTEST", "planned"),
    ("The army said it was prepared to launch fresh strikes if necessary.", "AIR_STRIKE",
     "planned"),
    ("Rebels are ready to attack the town, a commander said.", "ATTACK", "planned"),
    ("The army was ready when rebels attacked the town on Monday.", "ATTACK", "reported"),
    ("Analysts said the militants could attack the pipeline.", "ATTACK", "hypothetical"),
    (
        "If the talks fail, the rebels may resume the shelling of the city.",
        "ART_MISS_ATTACK",
        "hypothetical",
    ),
    ("Workers will protest outside the ministry next week.", "PEACE_PROTEST", "planned"),
    ("No shots were fired during the handover ceremony.", None, None),
    ("The ministry launched a new campaign against smuggling.", None, None),
    ("The agency launched a weather satellite on Monday.", None, None),
    ("The militants did not attack the village.", None, None),
    ("The new law aims to protect civilians from attacks.", None, None),
    ("In 1995 the rebels seized the town.", None, None),
    ("The region has a long history of conflict and poverty.", None, None),
    ("The minister spoke about the economy and tax reform.", None, None),
    ("The company plans to open a new store in the capital.", None, None),
    ("Local media report regularly on the shootings in the area.", None, None),
    ("The attack helicopter was displayed at the air show.", None, None),
    ("The senator attacked his rival over immigration during the debate.", None, None),
    ("The two candidates clashed at the televised debate.", None, None),
    ("Polls suggest she would beat him easily.", None, None),
]


def read(pipeline: Pipeline, text: str, published: str | None = None) -> tuple[Event, ...]:
    doc = pipeline.nlp(text)
    day = Article.create(text, published=published).published_date
    found = times.find_times(doc, day, pipeline.resources.times)
    return events.find_events(doc, found, (), day, pipeline.resources.events)


def main_event(evs: tuple[Event, ...]) -> Event | None:
    return max(evs, key=lambda e: e.confidence, default=None)


@pytest.mark.parametrize(("text", "code", "status"), CASES)
def test_main_event_code_and_status(
    pipeline: Pipeline, text: str, code: str | None, status: str | None
) -> None:
    top = main_event(read(pipeline, text))
    got = (top.code, top.status) if top else (None, None)
    assert got == (code, status)


def test_every_code_is_covered() -> None:
    from spotrep._taxonomy import CODES

    assert set(CODES) <= {code for _, code, _ in CASES}


ARTICLE = (
    "Rockets struck a military base near the border on Monday, a security source said.\n"
    '"The base came under rocket fire at dawn," the source said. The attack caused no '
    "casualties.\n"
    "Hours later, warplanes carried out airstrikes on depots used by the militia.\n"
    '"These strikes protect our troops from attacks like the one on 3 May," a spokesman said, '
    "referring to a rocket attack on a supply convoy. The rocket strike wounded two soldiers.\n"
    "The president approved Tuesday's strikes, and the army is prepared to launch fresh attacks "
    "if necessary.\n"
    "The country has been torn by conflict since 2011, and smuggling is widespread."
)


@pytest.fixture(scope="module")
def article_events(pipeline: Pipeline) -> tuple[Event, ...]:
    return read(pipeline, ARTICLE, published="2024-05-09")


def test_article_reported_events_are_merged(article_events: tuple[Event, ...]) -> None:
    reported = [e for e in article_events if e.status == "reported"]
    assert [e.code for e in reported] == ["ART_MISS_ATTACK", "AIR_STRIKE", "ART_MISS_ATTACK"]


def test_article_ids_in_text_order(article_events: tuple[Event, ...]) -> None:
    assert [e.id for e in article_events] == [f"e{i}" for i in range(1, len(article_events) + 1)]
    starts = [e.evidence[0].start for e in article_events]
    assert starts == sorted(starts)


def test_article_planned_attack_is_not_reported(article_events: tuple[Event, ...]) -> None:
    fresh = [e for e in article_events if e.trigger and e.trigger.text == "attacks"]
    assert fresh and all(e.status != "reported" for e in fresh)


def test_article_anaphora_add_evidence(article_events: tuple[Event, ...]) -> None:
    first, strikes, convoy = (e for e in article_events if e.status == "reported")
    assert len(first.evidence) == 3
    assert any("Tuesday's strikes" in s.text for s in strikes.evidence)
    assert any("The rocket strike" in s.text for s in convoy.evidence)
    assert not any("The rocket strike" in s.text for s in strikes.evidence)


def test_article_dates_come_from_own_mentions(article_events: tuple[Event, ...]) -> None:
    first, _, convoy = (e for e in article_events if e.status == "reported")
    assert first.when.text == "Monday"
    assert convoy.when.text is not None and "3 May" in convoy.when.text


def test_article_weapons(article_events: tuple[Event, ...]) -> None:
    weapons = [e.weapon.text if e.weapon else None for e in article_events[:3]]
    assert weapons == ["Rockets", "warplanes", "rocket"]


def test_article_spans_and_schema(article_events: tuple[Event, ...]) -> None:
    result = Result(article=Article.create(ARTICLE, published="2024-05-09"), events=article_events)
    assert span_problems(result, ARTICLE) == []
    assert problems(result.to_dict()) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen attacked a village on Monday. The attack killed five people.", 1),
        ("A bomb exploded in the market. A second explosion hit the station.", 2),
        ("Rebels shelled the town. Three civilians were killed in the shelling.", 1),
        ("Police arrested ten protesters. Later, rebels attacked an army base.", 2),
        ("The talks ended without agreement.", 1),
        (
            "A car bomb exploded in the city centre. Police sealed off the area. Rescue teams "
            "searched the rubble. Officials said three were killed.",
            1,
        ),
    ],
)
def test_events_per_text(pipeline: Pipeline, text: str, expected: int) -> None:
    assert len(read(pipeline, text)) == expected


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("Militants fired mortars at the base.", "mortars"),
        ("A roadside bomb killed two soldiers.", "roadside bomb"),
        ("A drone struck a vehicle near the town.", "drone"),
        ("Gunmen killed three villagers.", None),
    ],
)
def test_weapon_span(pipeline: Pipeline, text: str, weapon: str | None) -> None:
    top = main_event(read(pipeline, text))
    assert top is not None
    assert (top.weapon.text if top.weapon else None) == weapon


def test_confidence_ranks_specific_over_generic(pipeline: Pipeline) -> None:
    evs = read(pipeline, "Officials blamed the rebels. A car bomb killed four people in the city.")
    top = main_event(evs)
    assert top is not None and top.code == "REM_EXPLOS"
    assert all(0.0 <= e.confidence <= 1.0 for e in evs)


def _roles(event: Event) -> tuple[list[str], list[str]]:
    return (
        [a.name or "" for a in event.actors if a.role == "actor1"],
        [a.name or "" for a in event.actors if a.role == "actor2"],
    )


@pytest.mark.parametrize(
    ("text", "code", "actor1", "actor2"),
    [
        # a role the first mention leaves empty comes from a later mention of the event
        (
            "A car bomb exploded in the market on Monday. Al-Shabaab claimed responsibility for "
            "the bombing.",
            "REM_EXPLOS",
            ["Al Shabaab"],
            [],
        ),
        (
            "A bomb exploded near the market on Monday. The blast killed four soldiers.",
            "REM_EXPLOS",
            [],
            ["Military Forces"],
        ),
        # a mention in the first one's sentence comes first, then one naming both sides
        (
            "A bomb exploded near the stadium on Monday, killing three civilians. The rebels' "
            "bombing of the army camp was condemned.",
            "REM_EXPLOS",
            ["Unidentified Armed Group"],
            ["Civilians"],
        ),
        (
            "Shooting broke out across the city on Monday. A shopkeeper was killed in a fight "
            "between soldiers and rebels.",
            "ATTACK",
            ["Military Forces"],
            ["Unidentified Armed Group"],
        ),
        # a role the first mention fills is kept
        (
            "Rebels attacked the army base on Monday. The attack was blamed on Hamas.",
            "ARMED_CLASH",
            ["Unidentified Armed Group"],
            ["Military Forces"],
        ),
    ],
)
def test_roles_from_later_mentions(
    pipeline: Pipeline, text: str, code: str, actor1: list[str], actor2: list[str]
) -> None:
    first = read(pipeline, text)[0]
    assert (first.code, *_roles(first)) == (code, actor1, actor2)


def _place(text: str, word: str) -> Place:
    start = text.index(word)
    return Place(
        word,
        Span.of(text, start, start + len(word)),
        word,
        None,
        "populated_place",
        None,
        None,
        0.0,
        0.0,
        1,
    )


@pytest.mark.parametrize(
    ("town", "actor2"),
    [("Mogadishu", []), ("the market", ["Civilians"])],
)
def test_a_later_mentions_toponym_is_no_actor(
    pipeline: Pipeline, town: str, actor2: list[str]
) -> None:
    text = f"Gunmen opened fire on Monday. The assault on {town} lasted two hours."
    doc = pipeline.nlp(text)
    places = [_place(text, "Mogadishu")] if town == "Mogadishu" else []
    first = events.find_events(doc, (), places, None, pipeline.resources.events)[0]
    assert _roles(first) == (["Unidentified Armed Group"], actor2)


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # what a generic, unreported event is exemplified by happened when it is dated
        ("The new law aims to protect civilians from attacks such as the ones on 3 May.", []),
        (
            "Troops must defend the base against attacks like the one on Friday by Hamas.",
            ["Hamas Movement"],
        ),
        ("The new law aims to protect civilians from attacks such as the ones in the north.", None),
        ("The new law aims to protect civilians from attacks.", None),
    ],
)
def test_dated_instances_of_an_unreported_event(
    pipeline: Pipeline, text: str, actor1: list[str] | None
) -> None:
    reported = [e for e in read(pipeline, text) if e.status == "reported"]
    if actor1 is None:
        assert reported == []
    else:
        assert [(e.trigger.text if e.trigger else None, _roles(e)[0]) for e in reported] == [
            ("ones" if "ones" in text else "one", actor1)
        ]


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # naming what happened ("called X an attack") is no call for an event
        ("On Friday the president called the explosion a cowardly attack.", {"reported"}),
        ("The minister called the shelling of the town a war crime.", {"reported"}),
        ("Rebel leaders called for attacks on the capital.", {"planned"}),
    ],
)
def test_naming_an_event_is_no_call_for_one(
    pipeline: Pipeline, text: str, statuses: set[str]
) -> None:
    assert {e.status for e in read(pipeline, text)} == statuses


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # a fire or damage after an attack is part of the attack
        (
            "Drones struck a fuel depot in the city early on Monday, killing three people. "
            "The fire destroyed two storage tanks and damaged an office.",
            ["AIR_STRIKE"],
        ),
        # with no attack, a fire is an event of its own
        (
            "A fire broke out at a warehouse in the port on Monday. The blaze destroyed two "
            "storage tanks.",
            ["MAN_MADE_DISASTER"],
        ),
        # the target told again with a definite noun and the same weapon
        (
            "Drones struck a fuel depot in the city early on Monday, killing three people. "
            "The depot was hit by several drones, the ministry said.",
            ["AIR_STRIKE"],
        ),
        # ... also sentences later, while a strike on another target or day is another event
        (
            "Drones struck a fuel depot in the city early on Monday. Rescue teams searched the "
            "rubble. Firefighters worked through the night. The roads were closed. The depot "
            "was hit by several drones, the ministry said.",
            ["AIR_STRIKE"],
        ),
        (
            "Drones struck a fuel depot in the city early on Monday. Rescue teams searched the "
            "rubble. Firefighters worked through the night. The roads were closed. Drones also "
            "struck a power station, the ministry said.",
            ["AIR_STRIKE", "AIR_STRIKE"],
        ),
        (
            "Drones struck a fuel depot in the city early on Monday. Rescue teams searched the "
            "rubble. Firefighters worked through the night. The roads were closed. Drones "
            "struck a power station in the south on Wednesday.",
            ["AIR_STRIKE", "AIR_STRIKE"],
        ),
        # the target named in the first sentence, though not read as the first event's target
        (
            "Four people were killed when drones hit a fuel depot in the city on Monday. Rescue "
            "teams searched the rubble. Firefighters worked through the night. The roads were "
            "closed. The depot was struck by several drones, the ministry said.",
            ["AIR_STRIKE"],
        ),
        # a legitimately different event stays
        (
            "Drones struck a fuel depot in the city on Monday. Air defence units shot down six "
            "other drones.",
            ["AIR_STRIKE", "DISR_WEAP"],
        ),
        # a quote calling the event generic violence
        (
            'Drones struck a fuel depot in the city on Monday. "The enemy deliberately '
            'attacked our fuel infrastructure," the mayor said.',
            ["AIR_STRIKE"],
        ),
        # a quoted predicate noun naming the event already told
        (
            'Drones struck a fuel depot on Monday. "The strike was another deliberate attack '
            'on civilians," the minister said.',
            ["AIR_STRIKE"],
        ),
        # a toll told apart, with no perpetrator of its own, is the attack's
        (
            "Drones struck a fuel depot in the city on Monday. Rescue teams searched the "
            "rubble. Firefighters worked through the night. The roads were closed. "
            "Officials gave no details. Nine people were wounded.",
            ["AIR_STRIKE"],
        ),
        # an attack with its own perpetrator is another event
        (
            "Drones struck a fuel depot in the city on Monday. Rescue teams searched the "
            "rubble. Firefighters worked through the night. The roads were closed. "
            "Officials gave no details. Gunmen attacked a police post in the south.",
            ["AIR_STRIKE", "ARMED_CLASH"],
        ),
        # "a second explosion" is still marked as a further event
        (
            "A bomb exploded in the market. A second explosion hit the station.",
            ["REM_EXPLOS", "REM_EXPLOS"],
        ),
    ],
)
def test_events_folded_within_article(pipeline: Pipeline, text: str, codes: list[str]) -> None:
    assert [e.code for e in read(pipeline, text, published="2024-05-09")] == codes


@pytest.mark.parametrize(
    ("text", "events_read"),
    [
        ("Moscow has repeatedly said it targets only military facilities.", 0),
        ("The city is calm. The army regularly shells villages along the river.", 0),
        ("Militants have been attacking farms in the district.", 0),
        ("Militants attacked farms in the district on Monday.", 1),
        ("Rebels have repeatedly shelled the town this week.", 1),
        ("Rebels shell town near border", 1),  # a headline's present tense tells news
        ("Aid is scarce in the north, where the army is fighting rebels.", 0),
        ("The army is fighting rebels in the north.", 1),
    ],
)
def test_habits_are_no_events(pipeline: Pipeline, text: str, events_read: int) -> None:
    assert len(read(pipeline, text)) == events_read


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # recover / retake: territorial only with a place or territory object
        ("Rescue teams recovered six bodies from the river on Monday.", []),
        ("Divers recovered the wreckage of the plane on Monday.", []),
        ("Troops recovered the town from the rebels on Monday.", ["GOV_REGAINS_TERIT"]),
        ("The army retook the airport from the militants on Sunday.", ["GOV_REGAINS_TERIT"]),
        # erupt: a disaster only with a volcano as its subject
        ("Violence erupted in the northern town on Friday.", []),
        ("Fighting erupted between the army and the rebels on Friday.", ["ARMED_CLASH"]),
        ("The volcano erupted on Sunday, covering villages in ash.", ["NATURAL_DISASTER"]),
        ("Mount Etna erupted again on Sunday.", ["NATURAL_DISASTER"]),
        # collapse: a disaster only for buildings, bridges, mines...
        ("The national currency collapsed last month.", []),
        ("The coalition government collapsed on Tuesday.", []),
        ("A building collapsed in the old town on Tuesday.", ["MAN_MADE_DISASTER"]),
        ("A bridge collapsed over the river on Tuesday.", ["MAN_MADE_DISASTER"]),
        # fight, attack, bomb, shoot, storm in other senses
        ("The new minister promised to fight poverty.", []),
        ("The president vowed to fight corruption.", []),
        ("Two officials were arrested for corruption on Monday.", ["ARREST", "ORG_CRIME"]),
        ("Critics launched an attack on the budget.", []),
        ("His latest movie bombed at the box office.", []),
        ("The crew shot a documentary in the valley last year.", []),
        ("The senator faced a storm of criticism on Monday.", []),
        ("Gunmen shot three farmers in the valley on Monday.", ["ATTACK"]),
        ("A storm hit the coast on Monday, killing three people.", ["NATURAL_DISASTER"]),
        # displacement alone is no event
        ("Thousands of families fled the region last week.", []),
        # seize / capture: people taken are abducted, a town taken is territory
        ("Gunmen seized 20 villagers in the north on Tuesday.", ["ABDUCT_DISSAP"]),
        ("Bandits captured two farmers near the village on Tuesday.", ["ABDUCT_DISSAP"]),
        ("Rebels seized the town on Tuesday.", ["NON_STATE_ACTOR_OVERTAKES_TER"]),
        ("The militants seized weapons and ammunition from the depot.", ["DISR_WEAP"]),
        # a word of a name takes no people
        ("Troops captured two New People's Army camps over the weekend.", ["GOV_REGAINS_TERIT"]),
        # people captured are arrested by state forces, abducted by anyone else; a place or a
        # facility taken is still territory, a people's word as its modifier or possessor too
        ("Police captured the suspect after a long search.", ["ARREST"]),
        ("Troops captured a senior rebel commander near the border.", ["ARREST"]),
        ("Soldiers seized five militants during the operation.", ["ARREST"]),
        ("The suspect was captured on Monday.", ["ARREST"]),
        ("Police recaptured two escaped inmates on Sunday.", ["ARREST"]),
        ("Rebels captured the provincial governor on Tuesday.", ["ABDUCT_DISSAP"]),
        ("Militants captured a government official on the highway.", ["ABDUCT_DISSAP"]),
        ("Ten soldiers were taken prisoner by the rebels.", ["ABDUCT_DISSAP"]),
        ("Troops captured two rebel strongholds.", ["GOV_REGAINS_TERIT"]),
        ("The rebels seized the militants' base on Friday.", ["NON_STATE_ACTOR_OVERTAKES_TER"]),
        ("Insurgents seized the army base on Friday.", ["NON_STATE_ACTOR_OVERTAKES_TER"]),
        ("The moment was captured on camera.", []),
        # a police raid searches and arrests: no attack, whatever it hit; fighting or killing
        # in it is told by its own words, and others' raids stay attacks
        ("Police raided a house in the old town on Monday.", []),
        ("Security forces raided a compound used by the militants.", []),
        ("Officers raided several homes in the city overnight.", []),
        ("Police raided a house and arrested three men.", ["ARREST"]),
        ("Police raided a compound and exchanged fire with gunmen.", ["ARMED_CLASH"]),
        ("Security forces raided a militant hideout, killing five militants.", ["ARMED_CLASH"]),
        ("Gunmen raided a police station, killing four officers.", ["ARMED_CLASH"]),
        ("Militants raided the village at night.", ["ATTACK"]),
    ],
)
def test_trigger_word_senses(pipeline: Pipeline, text: str, codes: list[str]) -> None:
    assert [e.code for e in read(pipeline, text)] == codes


@pytest.mark.parametrize(
    ("text", "events_read"),
    [
        ('"We are not here to attack anyone," the commander said.', 0),
        ("The soldiers did not come to fight.", 0),
        ("The rebels did not hesitate to attack the convoy.", 1),
    ],
)
def test_denied_purpose_is_no_event(pipeline: Pipeline, text: str, events_read: int) -> None:
    assert len(read(pipeline, text)) == events_read


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (
            # tear gas that hurt no one is an intervention (ACLED), not excessive force
            "Hundreds of traders marched through the city on Monday. Police fired tear gas "
            "at the crowd.",
            ["PROTEST_WITH_INTER"],
        ),
        (
            "Hundreds of traders marched through the city on Monday. Police fired tear gas "
            "at the crowd. Protesters threw stones at the officers.",
            ["VIOL_DEMONSTR"],
        ),
        # another day's protest is another event
        (
            "Hundreds of traders marched through the city on Monday. Police fired tear gas "
            "at the crowd. On Thursday, students staged a sit-in outside the ministry.",
            ["PROTEST_WITH_INTER", "PEACE_PROTEST"],
        ),
    ],
)
def test_one_protest_is_one_event(pipeline: Pipeline, text: str, codes: list[str]) -> None:
    assert [e.code for e in read(pipeline, text, published="2024-05-09")] == codes


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # a crowd that disperses of its own accord met no intervention
        (
            "About 2,000 demonstrators rallied in the square on Tuesday before dispersing in "
            "the early evening.",
            ["PEACE_PROTEST"],
        ),
        ("Police dispersed the demonstrators outside parliament on Tuesday.",
         ["PROTEST_WITH_INTER"]),
        ("The demonstrators were dispersed by police outside parliament on Tuesday.",
         ["PROTEST_WITH_INTER"]),
    ],
)
def test_dispersing_is_an_intervention_only_when_done_to_the_crowd(
    pipeline: Pipeline, text: str, codes: list[str]
) -> None:
    assert [e.code for e in read(pipeline, text)] == codes


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # the clause that governs the trigger (the burial, the statement) does not date it
        (
            "Families buried relatives on Friday who were among nine people killed when a "
            "suicide bomber struck outside a police academy on Tuesday.",
            "2025-04-08",
        ),
        ("Mourners on Thursday buried three soldiers killed in an ambush on Monday.",
         "2025-04-07"),
        ("Gunmen killed five villagers on Tuesday, police said on Wednesday.", "2025-04-08"),
        # no date in the trigger's own phrase: the nearest in its sentence
        ("On Wednesday, police said gunmen had killed five villagers.", "2025-04-09"),
    ],
)
def test_event_date_from_its_own_phrase(pipeline: Pipeline, text: str, day: str) -> None:
    (event,) = read(pipeline, text, published="2025-04-11")
    assert event.when.start == day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an allegation reports the charge, not the event
        ("Five men suspected of looting shops were held.", ("PROPERTY_DISTRUCT", "hypothetical")),
        ("Five men looted shops in the market.", ("PROPERTY_DISTRUCT", "reported")),
        ("The court said the right to protest is protected.", ("PEACE_PROTEST", "hypothetical")),
        ("Hundreds protested outside the court on Monday.", ("PEACE_PROTEST", "reported")),
    ],
)
def test_allegations_and_rights_are_not_reported(
    pipeline: Pipeline, text: str, expected: tuple[str, str]
) -> None:
    assert expected in {(e.code, e.status) for e in read(pipeline, text)}
    if expected[1] != "reported":
        assert all(e.status != "reported" for e in read(pipeline, text))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # a later date on a hypothetical clause dates no past event
        (
            "Police said those arrested in the raid would appear in court on Friday.",
            "2024-05-09",
        ),
        ("Police arrested twelve people on Tuesday.", "2024-05-07"),
    ],
)
def test_dates_of_other_clauses(pipeline: Pipeline, text: str, day: str) -> None:
    found = [e for e in read(pipeline, text, published="2024-05-09") if e.status == "reported"]
    assert found
    assert {e.when.start for e in found} == {day}


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("Opposition parties have long accused the army of abducting activists.", 0),
        ("Opposition parties have accused the army of abducting activists.", 1),
    ],
)
def test_lasting_accusations_are_no_events(pipeline: Pipeline, text: str, reported: int) -> None:
    assert sum(e.status == "reported" for e in read(pipeline, text)) == reported


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("They hit the fuel depots, which supply army units.", "depots", "units"),
        ("They hit a depot and army units.", "units", None),
    ],
)
def test_target_scope_leaves_out_describing_clauses(
    pipeline: Pipeline, text: str, inside: str, outside: str | None
) -> None:
    doc = pipeline.nlp(text)
    words = {doc[i].text for i in argument_words(doc[1])}
    assert inside in words
    assert outside is None or outside not in words


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # violence told in a marcher's quote is the protest's own
        (
            'Police fired tear gas at protesters in the city on Monday. "We were calm. '
            'They attacked us," one marcher said.',
            ["PROTEST_WITH_INTER"],
        ),
        # injuries told with the protest they happened in
        (
            "Ten people were injured on Monday when police broke up a protest in the city.",
            ["PROTEST_WITH_INTER"],
        ),
    ],
)
def test_protest_violence_and_targets(pipeline: Pipeline, text: str, codes: list[str]) -> None:
    found = read(pipeline, text, published="2024-05-09")
    assert [e.code for e in found if e.status == "reported"] == codes


@pytest.mark.parametrize(
    ("text", "code", "status"),
    [
        # an allegation alleges who did a deed a definite noun names, not that it happened
        ("Police arrested two men accused of carrying out last week's grenade attack on a bus.",
         "GRENADE", "reported"),
        ("Two men were charged with the murder of a journalist in the capital.", "ATTACK",
         "reported"),
        # of a deed told by a verb or a bare noun, the deed itself
        ("Two men were charged with murder.", "ATTACK", "hypothetical"),
        ("The army accused the rebels of looting the shops.", "PROPERTY_DISTRUCT",
         "hypothetical"),
    ],
)
def test_an_allegation_about_a_named_deed_leaves_it_reported(
    pipeline: Pipeline, text: str, code: str, status: str
) -> None:
    assert (code, status) in {(e.code, e.status) for e in read(pipeline, text)}
