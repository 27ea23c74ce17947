"""Whole articles read into incidents (issue 12): each incident with the fields its own
sentences state, two incidents of one article kept apart, reactions and general statements no
events of their own.

Every text here is written for these tests (fictional incidents, real towns).
"""

from __future__ import annotations

import pytest

from spotrep.pipeline import Pipeline
from spotrep.records import Article, Event, Result

pytestmark = pytest.mark.model


def read(pipeline: Pipeline, text: str, published: str) -> list[Event]:
    (result,) = pipeline.run([Article(text=text, id="t", published=published)])
    assert isinstance(result, Result)
    return [e for e in result.events if e.status == "reported"]


def main_code(pipeline: Pipeline, text: str, published: str = "2024-05-07") -> str | None:
    """The code of the text's first reported event (None when it reports none)."""
    return next((e.code for e in read(pipeline, text, published)), None)


def _deaths(e: Event) -> int | None:
    return None if e.fatalities is None else e.fatalities.count


def _injured(e: Event) -> int | None:
    return None if e.injuries is None else e.injuries.count


# text, published, (code, day, deaths, injured) of an event that must be read
FOUND = [
    pytest.param(
        "Two policemen were killed today when a bomb exploded beside a bus stand in the city, "
        "police said.\n\nOn Monday, a bomb planted on a motorcycle killed three shoppers near a "
        "vegetable market.",
        "2024-10-08", ("REM_EXPLOS", "2024-10-07", 3, None), id="earlier-bomb-own-day",
    ),
    pytest.param(
        "Two policemen were killed today when a bomb exploded beside a bus stand in the city, "
        "police said.\n\nOn Monday, a bomb planted on a motorcycle killed three shoppers near a "
        "vegetable market.",
        "2024-10-08", ("REM_EXPLOS", "2024-10-08", 2, None), id="todays-bomb-keeps-its-toll",
    ),
    pytest.param(
        "Rebels killed at least 15 civilians in a night raid on a village in the east of the "
        "country on Thursday, officials said.\n\nThe attackers set fire to several homes before "
        "leaving.\n\nOn Friday, volunteers recovered six more bodies in the fields, bringing the "
        "toll to 21.",
        "2024-06-08", ("ATTACK", "2024-06-06", 21, None), id="revised-toll",
    ),
    pytest.param(
        "A car bomb exploded outside a police station in the city on Tuesday, killing five "
        "officers, police said.\n\nDoctors at the main hospital said they had received 14 "
        "wounded people.",
        "2024-06-05", ("REM_EXPLOS", "2024-06-04", 5, 14), id="injuries-in-a-later-sentence",
    ),
    pytest.param(
        "A suicide bomber killed nine people at a checkpoint outside the city on Friday, police "
        "said.\n\nThe president condemned the attack as a cowardly act.",
        "2024-06-08", ("SUIC_BOMB", "2024-06-07", 9, None), id="condemned-attack",
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), FOUND)
def test_incident_fields_from_their_own_sentences(
    pipeline: Pipeline, text: str, published: str, expected: tuple[str, str, int, int | None]
) -> None:
    got = [(e.code, e.when.start, _deaths(e), _injured(e)) for e in read(pipeline, text, published)]
    assert expected in got


# text, published, a code that must not be read as a reported event
ABSENT = [
    pytest.param(
        "A suicide bomber killed nine people at a checkpoint outside the city on Friday, police "
        "said.\n\nThe president condemned the attack as a cowardly act.",
        "2024-06-08", "DIPLO", id="a-reaction-is-no-event",
    ),
    pytest.param(
        "Gunmen killed four farmers in an attack on a village near the town on Sunday, officials "
        "said.\n\nArmed gangs have killed thousands of people in the region over the past decade, "
        "raiding villages and stealing cattle.",
        "2024-06-03", "ORG_CRIME", id="participle-of-a-general-statement",
    ),
    pytest.param(
        "A roadside bomb killed four soldiers near the town on Monday.\n\nThe three countries "
        "have formed a joint force to fight the insurgents.",
        "2024-03-20", "ARMED_CLASH", id="a-purpose-is-no-deed",
    ),
]


@pytest.mark.parametrize(("text", "published", "code"), ABSENT)
def test_reactions_and_general_statements_are_no_events(
    pipeline: Pipeline, text: str, published: str, code: str
) -> None:
    assert code not in {e.code for e in read(pipeline, text, published)}


def test_no_toll_from_a_general_statement(pipeline: Pipeline) -> None:
    text = ("Gunmen killed four farmers in an attack on a village near the town on Sunday, "
            "officials said.\n\nArmed gangs have killed thousands of people in the region over "
            "the past decade, raiding villages and stealing cattle.")
    assert sorted(_deaths(e) for e in read(pipeline, text, "2024-06-03")) == [4]


def test_a_condemnation_without_an_event_stays_diplomatic(pipeline: Pipeline) -> None:
    text = "The foreign ministry on Monday condemned the new sanctions as unlawful."
    assert "DIPLO" in {e.code for e in read(pipeline, text, "2024-06-04")}


@pytest.mark.parametrize(("text", "place", "precision"), [
    pytest.param(
        "BENI, Democratic Republic of Congo (Test Wire) - Rebels killed 12 villagers in an "
        "attack in North Kivu province on Sunday, officials said.",
        "Beni", 2, id="dateline-town-in-the-named-province",
    ),
    pytest.param(
        "BENI, Democratic Republic of Congo (Test Wire) - Rebels killed 12 villagers in an "
        "attack near Butembo on Sunday, officials said.",
        "Butembo", 2, id="a-town-named-in-the-body-wins",
    ),
])
def test_dateline_town_when_the_body_names_only_a_region(
    pipeline: Pipeline, text: str, place: str, precision: int
) -> None:
    (attack, *_) = read(pipeline, text, "2024-06-03")
    assert attack.where is not None
    assert (attack.where.name, attack.where.precision) == (place, precision)


# text, published, (code, day, deaths, injured) of an event that must be read
FOUND_TOO = [
    pytest.param(
        "Gunmen abducted 20 passengers from a bus on the highway outside the town on Saturday, "
        "police said.\n\nThe abduction came two weeks after gunmen killed nine farmers in a raid "
        "on a nearby village on March 3, residents said.",
        "2024-03-18", ("ATTACK", "2024-03-03", 9, None), id="background-dated-by-its-own-day",
    ),
    pytest.param(
        "Air defences shot down a drone over the city late on Sunday, the army said. No one was "
        "hurt.",
        "2024-03-18", ("DISR_WEAP", "2024-03-17", 0, 0), id="no-one-hurt-is-no-deaths-either",
    ),
    pytest.param(
        "Hundreds of teachers marched through the centre of Kisumu on Tuesday to demand unpaid "
        "wages.\n\nPolice fired tear gas to disperse them near the governor's office, witnesses "
        "said.",
        "2024-03-20", ("PROTEST_WITH_INTER", "2024-03-19", None, None), id="tear-gas-on-a-march",
    ),
    pytest.param(
        "Washington imposed new sanctions on the two companies on Monday, punishing them for "
        "their role in the 2021 election hack.",
        "2024-03-20", ("DIPLO", "2024-03-18", None, None), id="a-year-naming-another-thing",
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), FOUND_TOO)
def test_background_dates_tolls_and_policing(
    pipeline: Pipeline, text: str, published: str, expected: tuple[str, str, int, int | None]
) -> None:
    got = [(e.code, e.when.start, _deaths(e), _injured(e)) for e in read(pipeline, text, published)]
    assert expected in got


# text, published, codes of the reported events (in text order)
TOLD = [
    pytest.param(
        "Rival gangs clashed in the capital on Monday, killing four.",
        "2024-03-20", ["ORG_CRIME"], id="a-toll-below-a-fight-is-its-toll-whatever-its-cues",
    ),
    pytest.param(
        "Air defences shot down an explosive-laden drone over Marib late on Saturday, an "
        "official said. He said the drone had been launched by the rebels.",
        "2024-03-20", ["DISR_WEAP"], id="the-launch-of-what-was-shot-down-is-that-interception",
    ),
    pytest.param(
        "Rebels launched a drone at a navy ship on Monday. The drone was shot down by a "
        "destroyer before it reached the ship.",
        "2024-03-20", ["DISR_WEAP"], id="an-interception-told-after-the-launch",
    ),
    pytest.param(
        "Air defences shot down a drone over the city on Monday. Separately, artillery shells "
        "hit a market, killing three.",
        "2024-03-20", ["DISR_WEAP", "ART_MISS_ATTACK"], id="shelling-beside-an-interception",
    ),
    pytest.param(
        "Gunmen shot dead a local councillor outside his home in Tierralta on Monday night. It "
        "was the third killing of a community leader in the region this month.",
        "2024-03-20", ["ATTACK"], id="it-was-the-third-killing-names-the-one-told",
    ),
    pytest.param(
        "Ukrainian forces shot down 20 drones launched by Russia overnight, the air force said.",
        "2024-03-20", ["DISR_WEAP"], id="drones-launched-by-a-state-and-shot-down",
    ),
    pytest.param(
        "An explosion at a fireworks factory in Sivakasi killed six workers on Thursday. "
        "Officials said the blast was caused by friction while chemicals were being mixed.",
        "2024-03-22", ["MAN_MADE_DISASTER"], id="the-blast-of-an-accident-is-that-accident",
    ),
    pytest.param(
        "Rebels seized the town of Rutshuru on Tuesday after heavy fighting with the army, "
        "residents said.",
        "2024-03-20", ["NON_STATE_ACTOR_OVERTAKES_TER"], id="the-fighting-a-town-was-taken-in",
    ),
    pytest.param(
        "Rebels seized the town of Rutshuru on Tuesday after an air strike killed ten soldiers.",
        "2024-03-20", ["NON_STATE_ACTOR_OVERTAKES_TER", "AIR_STRIKE"],
        id="a-strike-before-a-town-fell-is-its-own",
    ),
    pytest.param(
        "Three workers were killed when a gas cylinder exploded in a bakery in the old town on "
        "Monday, firefighters said.",
        "2024-03-20", ["MAN_MADE_DISASTER"], id="the-toll-told-before-its-accident",
    ),
    pytest.param(
        "A suicide bomber killed nine people at an election rally in the north of the country "
        "on Sunday.",
        "2024-03-20", ["SUIC_BOMB"], id="a-rally-is-the-setting-of-the-bombing",
    ),
    pytest.param(
        "Insurgents attacked an army base near the border on Monday, officials said.\n\nThe "
        "assault began shortly after midnight, when about 30 fighters opened fire on the "
        "guards.",
        "2024-03-20", ["ARMED_CLASH"], id="the-course-of-the-assault",
    ),
    pytest.param(
        "Hundreds of taxi drivers blocked the main roads into the capital on Tuesday to protest "
        "against a new fuel tax.",
        "2024-03-20", ["PEACE_PROTEST"], id="blocking-roads-to-protest-is-the-protest",
    ),
    pytest.param(
        "A car bomb exploded at the gate of an army camp in the north of the country on "
        "Sunday, killing three soldiers, the army said.\n\nOn Monday, an al Qaeda affiliate "
        "claimed responsibility for the attack.",
        "2024-03-20", ["REM_EXPLOS"], id="a-claim-told-a-day-later",
    ),
    pytest.param(
        "Gunmen stormed a cattle market outside the town on Monday, killing four traders.\n\n"
        "Police arrested two of the attackers on Wednesday.",
        "2024-03-20", ["ATTACK", "ARREST"], id="the-attackers-arrested-is-another-event",
    ),
    pytest.param(
        "A drone strike by the air force killed at least 12 people at a fuel depot on Friday, "
        "residents said.",
        "2024-03-20", ["AIR_STRIKE"], id="the-strike-killed",
    ),
    pytest.param(
        "A roadside bomb destroyed an army truck near the border on Sunday, killing two "
        "soldiers.\n\nThe army denied reports that its troops had fled the area after the "
        "blast.",
        "2024-03-20", ["REM_EXPLOS"], id="denying-what-followed-leaves-the-blast",
    ),
    pytest.param(
        "Militiamen killed six villagers in an attack on a hamlet near Bunia on Monday.\n\nThe "
        "attackers also torched a school and several granaries.",
        "2024-03-20", ["ATTACK"], id="what-the-attackers-also-did",
    ),
    pytest.param(
        "Militiamen killed six villagers in an attack on a hamlet near Bunia on Monday.\n\n"
        "Local officials blamed the CODECO militia.",
        "2024-03-20", ["ATTACK"], id="blame-for-an-attack-told",
    ),
    pytest.param(
        "Militiamen killed six villagers in an attack on a hamlet near Bunia on Monday.\n\nThe "
        "regional governor condemned what he called a barbaric massacre of innocent people.",
        "2024-03-20", ["ATTACK"], id="condemned-what-it-called",
    ),
    pytest.param(
        "Residents said a military jet had bombed a market in the town on Friday, killing "
        "several people.",
        "2024-03-20", ["AIR_STRIKE"], id="killing-hangs-off-the-bombing",
    ),
    pytest.param(
        "A roadside bomb killed four soldiers near the town on Monday.\n\nSporadic clashes "
        "continue along the front line.",
        "2024-03-20", ["REM_EXPLOS"], id="clashes-continue",
    ),
    pytest.param(
        "A roadside bomb killed four soldiers near the town on Monday.\n\nThe group, which has "
        "pledged allegiance to al-Qaeda, operates in the forests of the region.",
        "2024-03-20", ["REM_EXPLOS"], id="a-participant-described",
    ),
    pytest.param(
        "A roadside bomb killed four soldiers near the town on Monday.\n\nLandmines have killed "
        "or maimed hundreds of people in the province since the war began.",
        "2024-03-20", ["REM_EXPLOS"], id="since-on-a-coordinated-verb",
    ),
]


def test_a_later_mention_places_only_by_its_own_sentence(pipeline: Pipeline) -> None:
    """"No group said it was behind that blast" names no place: the capital of the dateline,
    named again two paragraphs on, is not where the bomb went off."""
    text = ("MOGADISHU, Somalia (Test Wire) - A suicide bomber killed six soldiers at a base in "
            "the town of Jowhar on Monday, officials said.\n\nOn Sunday, a roadside bomb struck a "
            "bus carrying traders near Wanlaweyn, in Lower Shabelle region, killing three "
            "passengers, a local elder said. No group said it was behind that blast.\n\n"
            "Separately, a court in Mogadishu on Saturday sentenced a man to death for a 2019 "
            "bombing.")
    bombs = [e for e in read(pipeline, text, "2024-03-20")
             if e.code == "REM_EXPLOS" and e.when.start == "2024-03-17"]
    assert [e.where.admin1 for e in bombs if e.where] == ["Lower Shabeelle"]


# text, published, (code, start, precision) of a history event, ranked below the news
HISTORY = [
    pytest.param(
        "A roadside bomb killed four soldiers near the town on Monday.\n\nSeparately, a court on "
        "Tuesday jailed three men for a 2019 bombing at a market in which 14 people died.",
        "2024-03-20", ("REM_EXPLOS", "2019-01-01", "year"), id="a-year-naming-an-old-bombing",
    ),
    pytest.param(
        "A roadside bomb killed four soldiers near the town on Monday.\n\nThe attack came "
        "despite a lull in fighting since a ceasefire agreed in March 2021.",
        "2024-03-20", ("AGREEMENT", "2021-03-01", "month"), id="a-ceasefire-years-old",
    ),
    pytest.param(
        "A roadside bomb killed four soldiers near the town on Monday.\n\nThe rebels, who "
        "seized the town in 2022, did not comment.",
        "2024-03-20", ("NON_STATE_ACTOR_OVERTAKES_TER", "2022-01-01", "year"),
        id="a-bare-year-in-its-own-phrase",
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), HISTORY)
def test_history_is_context_not_an_event(
    pipeline: Pipeline, text: str, published: str, expected: tuple[str, str, str]
) -> None:
    events = read(pipeline, text, published)
    assert [(e.code, e.when.start) for e in events] == [("REM_EXPLOS", "2024-03-18")]
    assert not [e for e in events if (e.code, e.when.start, e.when.precision) == expected]


def test_a_background_incident_of_the_past_year_is_an_event(pipeline: Pipeline) -> None:
    text = ("A roadside bomb killed four soldiers near the town on Monday.\n\nIt was the "
            "second attack on the road since gunmen killed nine traders there on January 9.")
    events = read(pipeline, text, "2024-03-20")
    assert ("ATTACK", "2024-01-09") in {(e.code, e.when.start) for e in events}


@pytest.mark.parametrize(("text", "published", "codes"), TOLD)
def test_one_event_per_incident_told(
    pipeline: Pipeline, text: str, published: str, codes: list[str]
) -> None:
    assert [e.code for e in read(pipeline, text, published)] == codes



# text, (code, status) of every event read, the target of the last
AIMS = [
    pytest.param(
        "Two men tried to plant a bomb beside a bridge on the main road on Friday night to target "
        "a police patrol, officials said.",
        [("REM_EXPLOS", "reported")], "a police patrol", id="aim-of-the-planting-is-its-target",
    ),
    pytest.param(
        "Gunmen stormed a checkpoint outside the town on Monday to attack the soldiers "
        "guarding it.",
        [("ARMED_CLASH", "reported")], "a checkpoint", id="aim-of-the-assault-joins-it",
    ),
    pytest.param(
        "The army sent two battalions to the border on Monday to fight the insurgents.",
        [("CHANGE_TO_GROUP_ACT", "reported"), ("ARMED_CLASH", "planned")], "the insurgents",
        id="an-aim-of-no-attack-stays-planned",
    ),
]


@pytest.mark.parametrize(("text", "events_read", "target"), AIMS)
def test_the_aim_of_an_event_is_no_second_event(
    pipeline: Pipeline, text: str, events_read: list[tuple[str, str]], target: str
) -> None:
    (result,) = pipeline.run([Article(text=text, id="t", published="2024-05-06")])
    assert isinstance(result, Result)
    assert [(e.code, e.status) for e in result.events] == events_read
    assert [a.text for a in result.events[-1].actors if a.role == "actor2"][:1] == [target]


@pytest.mark.parametrize(("text", "code"), [
    ("Gunmen stormed a police post in the north of the country on Monday.", "ARMED_CLASH"),
    ("A storm killed four people in the north of the country on Monday.", "NATURAL_DISASTER"),
    ("Hurricane Ida killed four people in the south of the country on Monday.",
     "NATURAL_DISASTER"),
])
def test_a_hazard_is_named_by_a_noun_not_its_verb(
    pipeline: Pipeline, text: str, code: str
) -> None:
    assert [e.code for e in read(pipeline, text, "2024-05-07")] == [code]


@pytest.mark.parametrize(("text", "code"), [
    pytest.param(
        "Police dispersed a march of several hundred students in the capital on Monday. Two "
        "protesters died of their injuries in hospital, doctors said.",
        "FORCE_AGAINST_PROTEST", id="an-intervention-that-killed-is-excessive-force",
    ),
    pytest.param(
        "Police dispersed a march of several hundred students in the capital on Monday, "
        "witnesses said.",
        "PROTEST_WITH_INTER", id="an-intervention-that-killed-no-one",
    ),
])
def test_a_lethal_intervention_is_excessive_force(
    pipeline: Pipeline, text: str, code: str
) -> None:
    assert [e.code for e in read(pipeline, text, "2024-05-07")] == [code]


# text, published, (code, day) of the lead's event
LEADS = [
    pytest.param(
        "Gunmen seized 14 farmers from their fields near the town, officials said on Wednesday."
        "\n\nThe attackers, who came on foot shortly after dawn on Monday, took the men into the "
        "forest, a local chief said.",
        "2024-04-10", ("ABDUCT_DISSAP", "2024-04-08"), id="body-dates-a-lead-dated-by-its-telling",
    ),
    pytest.param(
        "Gunmen seized 14 farmers from their fields near the town, officials said on Wednesday.",
        "2024-04-10", ("ABDUCT_DISSAP", "2024-04-10"), id="telling-date-when-nothing-else",
    ),
    pytest.param(
        "Gunmen seized 14 farmers from their fields near the town, officials said on Wednesday."
        "\n\nOn Sunday, soldiers arrested two men in the market.",
        "2024-04-10", ("ABDUCT_DISSAP", "2024-04-10"), id="another-events-date-is-not-the-body",
    ),
    pytest.param(
        "Gunmen seized 14 farmers from their fields near the town on Tuesday, officials said on "
        "Wednesday.",
        "2024-04-10", ("ABDUCT_DISSAP", "2024-04-09"), id="own-date-beats-telling-date",
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), LEADS)
def test_a_date_on_a_verb_of_telling_dates_the_report(
    pipeline: Pipeline, text: str, published: str, expected: tuple[str, str]
) -> None:
    got = [(e.code, e.when.start) for e in read(pipeline, text, published)]
    assert got[0] == expected


@pytest.mark.parametrize(("text", "statuses"), [
    pytest.param(
        "Villagers said a military helicopter had fired rockets at a wedding party on Friday, "
        "killing several guests. The air force denied carrying out any strike in the district "
        "that day.",
        ["denied"], id="a-denied-strike-is-disputed",
    ),
    pytest.param(
        "A military helicopter fired rockets at a rebel convoy on Friday, the army said. In the "
        "capital, rebel leaders denied that their fighters had attacked a bank on Thursday.",
        ["reported", "denied"], id="a-denial-of-another-deed-leaves-the-strike",
    ),
])
def test_a_denial_disputes_the_event_it_names(
    pipeline: Pipeline, text: str, statuses: list[str]
) -> None:
    (result,) = pipeline.run([Article(text=text, id="t", published="2024-05-07")])
    assert isinstance(result, Result)
    assert [e.status for e in result.events] == statuses


@pytest.mark.parametrize(("text", "code"), [
    pytest.param("Demonstrators threw stones and even shot flares at the riot police in the "
                 "capital on Monday.", "VIOL_DEMONSTR", id="demonstrators-shooting-riot"),
    pytest.param("Riot police fired rubber bullets at hundreds of marchers in the capital on "
                 "Monday.", "PROTEST_WITH_INTER", id="rubber-bullets-are-intervention"),
    pytest.param("Riot police fired live rounds at hundreds of marchers in the capital on "
                 "Monday.", "FORCE_AGAINST_PROTEST", id="live-rounds-are-force"),
    pytest.param("Three marchers died from gunfire during a rally in the capital on Monday.",
                 "FORCE_AGAINST_PROTEST", id="died-from-gunfire"),
    pytest.param("Police launched a violent crackdown on peaceful protesters in the capital "
                 "on Monday.", "PROTEST_WITH_INTER", id="violent-crackdown-is-not-a-riot"),
])
def test_who_is_violent_decides_the_protest_code(
    pipeline: Pipeline, text: str, code: str
) -> None:
    assert main_code(pipeline, text) == code


def test_the_attackers_retell_the_attack(pipeline: Pipeline) -> None:
    text = ("Suspected jihadists stormed a police post outside the town late on Monday, killing "
            "at least 12 people.\n\nThe attackers arrived in pickup trucks and opened fire on "
            "residents as they slept, a camp leader said.")
    (event,) = read(pipeline, text, "2024-03-20")
    assert event.when.start == "2024-03-18" and _deaths(event) == 12


@pytest.mark.parametrize(("text", "code"), [
    pytest.param("Gunmen killed five farmers and abducted three others in a raid on the village "
                 "on Monday.", "ATTACK", id="abduction-with-killings-is-an-attack"),
    pytest.param("Gunmen abducted three farmers in a raid on the village on Monday.",
                 "ABDUCT_DISSAP", id="abduction-alone"),
    pytest.param("Gunmen abducted three farmers in a raid on the village on Monday. No one was "
                 "killed.", "ABDUCT_DISSAP", id="abduction-no-one-killed"),
])
def test_killings_make_an_abduction_an_attack(pipeline: Pipeline, text: str, code: str) -> None:
    assert main_code(pipeline, text) == code


@pytest.mark.parametrize(("text", "codes"), [
    pytest.param("Rebels took control of the town on Wednesday, officials said. The army said its "
                 "soldiers had made a tactical withdrawal.",
                 ["NON_STATE_ACTOR_OVERTAKES_TER"], id="withdrawal-is-the-takeover"),
    pytest.param("Rebels took control of the town on Wednesday. On Friday, peacekeepers withdrew "
                 "from a base near the capital.",
                 ["NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER"],
                 id="withdrawal-days-later-is-its-own"),
])
def test_a_withdrawal_beside_a_takeover_is_that_takeover(
    pipeline: Pipeline, text: str, codes: list[str]
) -> None:
    assert [e.code for e in read(pipeline, text, "2024-05-10")] == codes


@pytest.mark.parametrize(("text", "code"), [
    pytest.param("Twelve people were killed when a military jet bombed a market in the town on "
                 "Monday.", "AIR_STRIKE", id="the-verb-bomb-is-the-raid-of-its-subject"),
    pytest.param("Twelve people were killed when a bomb exploded in a market in the town on "
                 "Monday.", "REM_EXPLOS", id="the-noun-bomb-is-a-device"),
    pytest.param("An aircraft dropped eight bombs on the market in the town on Monday.",
                 "AIR_STRIKE", id="what-drops-the-bombs-says-how"),
    pytest.param("Guided bombs hit a printing house in the city on Monday.", "AIR_STRIKE",
                 id="a-guided-bomb-is-dropped-from-the-air"),
    pytest.param("Militants planted two bombs in the market in the town on Monday.",
                 "REM_EXPLOS", id="planted-bombs-are-explosives"),
])
def test_a_bomb_is_a_device_the_verb_a_raid(pipeline: Pipeline, text: str, code: str) -> None:
    assert main_code(pipeline, text) == code


# text, the doers (actor1 names) of each reported event, in order
DOERS = [
    pytest.param(
        "Russian jets bombed a village near Aleppo on Monday. US and French warplanes struck "
        "Islamic State positions near the town.",
        [["Military Forces of Russia"], ["Military Forces of the United States"]],
        id="two-air-forces-two-strikes",
    ),
    pytest.param(
        "Russian jets struck a village near the city on Monday, killing four people. The "
        "Kremlin said its strikes had hit militants.",
        [["Military Forces of Russia"]],
        id="the-same-force-told-again",
    ),
    pytest.param(
        "Gunmen stormed a hotel in the capital on Friday, killing nine people. Al-Shabaab "
        "claimed responsibility for the attack, saying its fighters had targeted officials.",
        [["Al Shabaab"]], id="a-claim-names-the-gunmen",
    ),
    pytest.param(
        "Gunmen stormed a hotel in the capital on Friday, killing nine people. Officials "
        "blamed Al-Shabaab for the attack.",
        [["Unidentified Armed Group"]], id="a-blame-names-no-one",
    ),
    pytest.param(
        "Government troops attacked Islamic State fighters near the town on Monday. Islamic "
        "State fighters attacked the troops again an hour later.",
        [["Military Forces"]],
        id="sides-that-swap-one-fight",
    ),
]


@pytest.mark.parametrize(("text", "doers"), DOERS)
def test_doers_who_take_no_part_in_each_others_deed_tell_two_incidents(
    pipeline: Pipeline, text: str, doers: list[list[str]]
) -> None:
    events = [e for e in read(pipeline, text, "2024-06-04")
              if e.event_type != "Strategic developments"]
    got = [[a.name for a in e.actors if a.role == "actor1"] for e in events]
    assert got == doers
