"""Event actors: names from the dictionary, roles from hand-built parses and the real parser."""

from __future__ import annotations

import typing

import pycountry
import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from hand_docs import parsed_doc
from spotrep.extractors.events.actors.names import load, normalize_actor
from spotrep.extractors.events.actors.roles import find_actors
from spotrep.pipeline import load_pipeline
from spotrep.records import Actor, ActorKind

RES = load()


_LEMMAS = {"warplanes": "warplane", "gunmen": "gunman", "protesters": "protester",
           "villagers": "villager", "groups": "group", "fighters": "fighter", "attacks": "attack"}


def _doc(words: list[str], heads: list[int], deps: list[str], pos: list[str],
         tags: list[str] | None = None, lemmas: list[str] | None = None) -> Doc:
    spaces = [i + 1 < len(words) and "-" not in (w, words[i + 1]) for i, w in enumerate(words)]
    return parsed_doc(words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags,
               lemmas=lemmas or [_LEMMAS.get(w.lower(), w.lower()) for w in words])


def test_every_kind_in_the_data_is_an_acled_kind() -> None:
    kinds = set(typing.get_args(ActorKind))
    for table in (RES.groups.exact, RES.groups.lower):
        assert {k.kind for k in table.values()} - {None} <= kinds
    assert {kind for _, kind in RES.generic.values()} - {None} <= kinds


def test_every_country_has_state_forces() -> None:
    isos = {k.country for k in (*RES.countries.exact.values(), *RES.countries.lower.values())}
    assert {c.alpha_3 for c in pycountry.countries} <= isos


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "expected"),
    [
        (["the", "Syrian", "army"], [2, 2, 2], ["det", "amod", "ROOT"], ["DET", "ADJ", "NOUN"],
         ("Military Forces of Syria", "State forces", "SYR")),
        (["US", "warplanes"], [1, 1], ["compound", "ROOT"], ["PROPN", "NOUN"],
         ("Military Forces of the United States", "State forces", "USA")),
        (["us"], [0], ["ROOT"], ["PRON"], ("us", None, None)),
        (["Iraqi", "police"], [1, 1], ["amod", "ROOT"], ["ADJ", "NOUN"],
         ("Police Forces of Iraq", "State forces", "IRQ")),
        # bare "Congo" is the Democratic Republic, as in the gazetteer and wire style
        (["Congo", "'s", "army"], [2, 0, 2], ["poss", "case", "ROOT"], ["PROPN", "PART", "NOUN"],
         ("Military Forces of the Democratic Republic of Congo", "State forces", "COD")),
        (["the", "Republic", "of", "Congo", "army"], [4, 4, 1, 2, 4],
         ["det", "compound", "prep", "pobj", "ROOT"], ["DET", "PROPN", "ADP", "PROPN", "NOUN"],
         ("Military Forces of the Republic of Congo", "State forces", "COG")),
        (["the", "Houthis"], [1, 1], ["det", "ROOT"], ["DET", "PROPN"],
         ("Houthi Movement", "Rebel group", "YEM")),
        (["Daesh", "fighters"], [1, 1], ["compound", "ROOT"], ["PROPN", "NOUN"],
         ("Islamic State", "Rebel group", None)),
        (["IS", "attacks"], [1, 1], ["compound", "ROOT"], ["PROPN", "NOUN"],
         ("Islamic State", "Rebel group", None)),
        (["it", "is"], [1, 1], ["nsubj", "ROOT"], ["PRON", "AUX"], ("it is", None, None)),
        (["unidentified", "gunmen"], [1, 1], ["amod", "ROOT"], ["ADJ", "NOUN"],
         ("Unidentified Armed Group", "Political militia", None)),
        (["Kenyan", "protesters"], [1, 1], ["amod", "ROOT"], ["ADJ", "NOUN"],
         ("Protesters (Kenya)", "Protesters", "KEN")),
        (["a", "mob"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"], ("Rioters", "Rioters", None)),
        (["villagers"], [0], ["ROOT"], ["NOUN"], ("Civilians", "Civilians", None)),
        (["the", "market"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"],
         ("Civilians", "Civilians", None)),
        (["a", "US", "base"], [2, 2, 2], ["det", "compound", "ROOT"], ["DET", "PROPN", "NOUN"],
         ("Military Forces of the United States", "State forces", "USA")),
        (["Iran", "-", "backed", "groups"], [2, 2, 3, 3], ["npadvmod", "punct", "amod", "ROOT"],
         ["PROPN", "PUNCT", "VERB", "NOUN"], ("Iran-backed groups", "Political militia", None)),
        (["the", "weather"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"], ("weather", None, None)),
    ],
)
def test_normalize_actor(words: list[str], heads: list[int], deps: list[str], pos: list[str],
                         expected: tuple[str, str | None, str | None]) -> None:
    doc = _doc(words, heads, deps, pos)
    assert normalize_actor(doc[:], RES) == expected


def _roles(actors: tuple[Actor, ...]) -> dict[str, str | None]:
    return {a.role: a.name for a in actors}


def test_active_verb_on_a_hand_built_parse() -> None:
    doc = _doc(["Gunmen", "attacked", "the", "village", "."], [1, 1, 3, 1, 1],
               ["nsubj", "ROOT", "det", "dobj", "punct"], ["NOUN", "VERB", "DET", "NOUN", "PUNCT"],
               ["NNS", "VBD", "DT", "NN", "."], ["gunman", "attack", "the", "village", "."])
    actors = find_actors(doc[1], RES)
    assert _roles(actors) == {"actor1": "Unidentified Armed Group", "actor2": "Civilians"}
    assert [a.text for a in actors] == ["Gunmen", "the village"]


def test_passive_verb_on_a_hand_built_parse() -> None:
    words = ["The", "base", "was", "struck", "by", "Russian", "troops", "."]
    doc = _doc(words, [1, 3, 3, 3, 3, 6, 4, 3],
               ["det", "nsubjpass", "auxpass", "ROOT", "agent", "amod", "pobj", "punct"],
               ["DET", "NOUN", "AUX", "VERB", "ADP", "ADJ", "NOUN", "PUNCT"],
               ["DT", "NN", "VBD", "VBN", "IN", "JJ", "NNS", "."],
               ["the", "base", "be", "strike", "by", "russian", "troop", "."])
    assert _roles(find_actors(doc[3], RES)) == {
        "actor1": "Military Forces of Russia", "actor2": "Military Forces"}


@pytest.mark.parametrize(
    ("agent", "lemma", "actor1"),
    [
        ("canisters", "canister", None),  # what struck is the instrument, not the actor
        ("bullets", "bullet", None),
        ("troops", "troop", "Military Forces"),
    ],
)
def test_an_instrument_is_no_actor_on_a_hand_built_parse(
    agent: str, lemma: str, actor1: str | None
) -> None:
    words = ["Marchers", "were", "struck", "by", agent, "."]
    doc = _doc(words, [2, 2, 2, 2, 3, 2],
               ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"],
               ["NOUN", "AUX", "VERB", "ADP", "NOUN", "PUNCT"],
               ["NNS", "VBD", "VBN", "IN", "NNS", "."],
               ["marcher", "be", "strike", "by", lemma, "."])
    assert _roles(find_actors(doc[2], RES)).get("actor1") == actor1


def test_unresolved_pronoun_object_keeps_no_name_on_a_hand_built_parse() -> None:
    doc = _doc(["Rebels", "attacked", "it"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
               ["NOUN", "VERB", "PRON"], ["NNS", "VBD", "PRP"], ["rebel", "attack", "it"])
    actors = find_actors(doc[1], RES)
    assert _roles(actors) == {"actor1": "Unidentified Armed Group", "actor2": None}
    assert [(a.text, a.kind) for a in actors if a.role == "actor2"] == [("it", None)]


@pytest.mark.parametrize(
    ("verb", "lemma", "tag", "actor2"),
    [
        ("dislodge", "dislodge", "VB", "Rebel group"),  # a verb of harming: whom it aimed at
        ("search", "search", "VB", None),  # a verb of no harm names no target
        ("dislodging", "dislodge", "VBG", None),  # no infinitive, no purpose
    ],
)
def test_a_purpose_names_the_target_on_a_hand_built_parse(
    verb: str, lemma: str, tag: str, actor2: str | None
) -> None:
    """ "Soldiers launched an assault to dislodge the rebels." """
    words = ["Soldiers", "launched", "an", "assault", "to", verb, "the", "rebels", "."]
    doc = _doc(words, [1, 1, 3, 1, 5, 1, 7, 5, 1],
               ["nsubj", "ROOT", "det", "dobj", "aux", "advcl", "det", "dobj", "punct"],
               ["NOUN", "VERB", "DET", "NOUN", "PART", "VERB", "DET", "NOUN", "PUNCT"],
               ["NNS", "VBD", "DT", "NN", "TO", tag, "DT", "NNS", "."],
               ["soldier", "launch", "an", "assault", "to", lemma, "the", "rebel", "."])
    kinds = {a.role: a.kind for a in find_actors(doc[3], RES)}
    assert kinds.get("actor2") == actor2


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline().nlp


def _trigger(doc: Doc, word: str) -> Token:
    return next(t for t in doc if t.text == word)


US = "Military Forces of the United States"
ROLE_CASES = [
    # (sentence, trigger word, actor1 name, actor2 name); None: no actor in that role
    ("Militants attacked a police station in the north.", "attacked",
     "Unidentified Armed Group", "police station"),
    ("The village was attacked by unidentified gunmen on Sunday.", "attacked",
     "Unidentified Armed Group", "Civilians"),
    ("US airstrikes killed five fighters near the border.", "airstrikes",
     US, "Unidentified Armed Group"),
    ("Israeli shelling hit a school in Gaza.", "shelling",
     "Military Forces of Israel", "Civilians"),
    ("The Islamic State's attack on the checkpoint killed two soldiers.", "attack",
     "Islamic State", "Military Forces"),
    ("Russian forces shelled the city overnight.", "shelled", "Military Forces of Russia", "city"),
    ("Ukrainian troops repelled an assault by Russian forces.", "assault",
     "Military Forces of Russia", None),
    ("Al-Shabaab claimed responsibility for the bombing.", "bombing", "Al Shabaab", None),
    ("The Syrian army, backed by Russian warplanes, shelled rebel positions near Idlib.", "shelled",
     "Military Forces of Syria", "rebel positions"),
    ("Houthi rebels launched a drone attack on a Saudi oil facility.", "attack",
     "Houthi Movement", "Saudi oil facility"),
    ("Police fired tear gas at protesters in the capital.", "fired", "Police Forces", "Protesters"),
    ("Security forces opened fire on demonstrators.", "fire", "Military Forces", "Protesters"),
    ("Boko Haram fighters abducted dozens of students.", "abducted",
     "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Civilians"),
    ("Suspected ISIS militants ambushed an army convoy, killing six soldiers.", "killing",
     "Islamic State", "Military Forces"),
    ("Hezbollah and its allies fired rockets at Israeli positions.", "fired",
     "Hezbollah", "Military Forces of Israel"),
    ("The army and the police raided the camp.", "raided", "Military Forces", "camp"),
    ("Rioters torched several shops in the market.", "torched", "Rioters", "Civilians"),
    ("Gunmen killed three farmers in Zamfara state.", "killed",
     "Unidentified Armed Group", "Civilians"),
    ("Three farmers were killed by gunmen.", "killed", "Unidentified Armed Group", "Civilians"),
    ("Taliban fighters stormed the district headquarters.", "stormed",
     "Taliban", "district headquarters"),
    ("An airstrike by the Saudi-led coalition hit a wedding party.", "airstrike",
     "Military Forces of Saudi Arabia", "wedding party"),
    ("Wagner mercenaries and Malian soldiers executed civilians in the village.", "executed",
     "Wagner Group", "Civilians"),
    ("A suicide bomber blew himself up at a mosque.", "blew", "Unidentified Armed Group", None),
    ("The attack was carried out by the Pakistani Taliban.", "attack",
     "Tehrik-i-Taliban Pakistan", None),
    ("Troops clashed with Fano militiamen near Gondar.", "clashed",
     "Military Forces", "Fano Militia"),
    ("The rebels said they had shot down a government helicopter.", "shot",
     "Unidentified Armed Group", "Military Forces"),
    ("Protesters clashed with police in Nairobi.", "clashed", "Protesters", "Police Forces"),
    ("It is not clear who carried out the attack.", "attack", None, None),
    ("The bomb exploded near the market.", "exploded", None, None),
    ("No group has claimed responsibility for the attack.", "attack", None, None),
    ("Officials blamed the attack on Hamas.", "attack", "Hamas Movement", None),
    ("Three people were killed in the attack on Monday.", "attack", None, "Civilians"),
    ("Militants stormed the village on Monday. They killed five villagers.", "killed",
     "Unidentified Armed Group", "Civilians"),
    ("Russia launched a missile strike on Kyiv.", "strike", "Military Forces of Russia", "Kyiv"),
    ("The attack on the convoy was blamed on al-Qaeda.", "attack", "Al Qaeda", "Military Forces"),
    ("Israeli troops shot dead a Palestinian man in Jenin.", "shot",
     "Military Forces of Israel", "Civilians (Palestine)"),
    ("A roadside bomb killed two Nigerian soldiers.", "killed", None, "Military Forces of Nigeria"),
    ("Turkish drones struck PKK positions in northern Iraq.", "struck",
     "Military Forces of Turkey", "PKK: Kurdistan Workers Party"),
    ("Dozens of fighters were killed in IS attacks in the desert.", "killed",
     "Islamic State", "Unidentified Armed Group"),
    ("Insurgents attacked members of the Afghan security forces.", "attacked",
     "Unidentified Armed Group", "Military Forces of Afghanistan"),
    ("A roadside bomb killed a Russian major general.", "killed",
     None, "Military Forces of Russia"),
    ("Investigators found screws, metal balls and batteries.", "found", "Investigators", "screws"),
    ("Baaj (IraqiNews.com) Iraqi paramilitary troops recaptured a village.", "recaptured",
     "Military Forces of Iraq", "Civilians"),
    ("Unidentified armed men have gunned down a doctor in Baghlan province.", "gunned",
     "Unidentified Armed Group", "Civilians"),
    ("Thousands of Sudanese rallied in the capital on Wednesday.", "rallied",
     "Civilians (Sudan)", None),
    ("The minister accused the rebels of attacking the convoy.", "attacking",
     "Unidentified Armed Group", "Military Forces"),
    ("The Islamic State (IS) militants seized control of the border crossing.", "seized",
     "Islamic State", "border crossing"),
    ("Turkish jets destroyed depots and hideouts used by PKK fighters in northern Iraq.",
     "destroyed", "Military Forces of Turkey", "PKK: Kurdistan Workers Party"),
    ("Police shot Chad Smith on Sunday.", "shot", "Police Forces", "Chad Smith"),
    # a participle without an auxiliary after a passive or "with": its subject is the victim
    ("Two soldiers were killed and four civilians wounded when rebels shelled the base.",
     "wounded", None, "Civilians"),
    ("The blast killed two people, with 15 villagers wounded.", "wounded", None, "Civilians"),
    ("Gunmen have wounded five villagers.", "wounded", "Unidentified Armed Group", "Civilians"),
    ("Police killed two and wounded three protesters.", "wounded", "Police Forces", "Protesters"),
    # a raised or controlled subject: the agent of the passive support verb it depends on
    ("The bombing is thought to have been perpetrated by Al-Shabaab.", "bombing",
     "Al Shabaab", None),
    ("The attack appears to have been carried out by the Taliban.", "attack", "Taliban", None),
    ("The attack is believed to have killed ten people.", "attack", None, None),
    # a speaker is not who acts in what he refers to
    ("The spokesman said, referring to a mortar attack last month targeting a checkpoint.",
     "targeting", None, "Military Forces"),
    # a relative clause after an address is not about its last toponym
    ("A bomb exploded at a market in Mosul, Iraq which killed nine people.", "killed",
     None, "Civilians"),
    ("Russia, which shelled the city, denied the charge.", "shelled",
     "Military Forces of Russia", "city"),
    # the seed article (published 2022-08-25)
    ("A US base in Syria near the Iraqi border has been struck by rocket fire, an Iraqi security "
     "source has told Sputnik.", "struck", None, US),
    ("The US military base in Deir ez-Zor on the border with Iraq came under rocket fire today.",
     "fire", None, US),
    ("CENTCOM, the unified combatant command responsible for US military operations in the Middle "
     "East, announced earlier that the US warplanes had carried out airstrikes targeting "
     "\"infrastructure facilities used by groups affiliated with Iran's Islamic Revolutionary "
     "Guard Corps.\"", "airstrikes", US,
     "groups affiliated with Iran's Islamic Revolutionary Guard Corps"),
    ("\"These precision strikes are intended to defend and protect US forces from attacks such as "
     "the ones on 15 August against US personnel by Iran-backed groups,\" CENTCOM spokesman Joe "
     "Buccino said, referring to a rocket attack last week targeting a facility where US forces "
     "are housed.", "ones", "Iran-backed groups", US),
    # who a description is said to be, when that names a known group or a state's forces
    ("Gunmen believed to be members of al-Shabaab attacked a police station.", "attacked",
     "Al Shabaab", "police station"),
    ("Fighters identified as members of the M23 seized the town.", "seized",
     "M23: March 23 Movement", "town"),
    ("Gunmen believed to be from a nearby village attacked a police station.", "attacked",
     "Unidentified Armed Group", "police station"),
    # a force's possessive pronoun gives its country; a group's keeps the group
    ("The Israeli military said its aircraft struck a depot.", "struck",
     "Military Forces of Israel", "depot"),
    ("Kenya said its troops killed ten militants.", "killed",
     "Military Forces of Kenya", "Unidentified Armed Group"),
    ("The villagers said their men attacked the camp.", "attacked", "Civilians", "camp"),
    # a force noun modifying an event noun did it; one modifying its target did not
    ("Two militants were killed in an army raid on a hideout.", "killed", "Military Forces",
     "Unidentified Armed Group"),
    ("A police station attack killed two officers.", "attack", None, "Police Forces"),
    # what is launched is the instrument; at what, the target
    ("Houthi rebels launched a drone at a commercial ship.", "launched",
     "Houthi Movement", "commercial ship"),
    # an infinitive of purpose tells whom an attack was aimed at, when nothing else does
    ("Soldiers launched an assault to neutralize the gunmen inside the hotel.", "assault",
     "Military Forces", "Unidentified Armed Group"),
    ("Police raided the house to search it.", "raided", "Police Forces", "Civilians"),
    ("Troops stormed the compound to free the hostages.", "stormed", "Military Forces",
     "compound"),
    ("Troops launched an assault to free the hostages.", "assault", "Military Forces", None),
    # a country invaded is the target, where the text says so
    ("Russian troops invaded Ukraine on Monday.", "invaded", "Military Forces of Russia",
     "Ukraine"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "actor1", "actor2"), ROLE_CASES)
def test_roles(nlp: Language, text: str, trigger: str, actor1: str | None,
               actor2: str | None) -> None:
    actors = find_actors(_trigger(nlp(text), trigger), RES)
    roles = _roles(actors)
    assert (roles.get("actor1"), roles.get("actor2")) == (actor1, actor2)
    for a in actors:
        assert a.span is not None and a.span.text == text[a.span.start:a.span.end] == a.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "role", "name"),
    [
        ("The Syrian army, backed by Russian warplanes, shelled rebel positions near Idlib.",
         "shelled", "assoc_actor_1", "Military Forces of Russia"),
        ("Wagner mercenaries and Malian soldiers executed civilians in the village.", "executed",
         "assoc_actor_1", "Military Forces of Mali"),
        ("The army and the police raided the camp.", "raided", "assoc_actor_1", "Police Forces"),
        ("The rebels, supported by Rwanda, seized the town.", "seized", "assoc_actor_1",
         "Military Forces of Rwanda"),
        ("Hezbollah and its allies fired rockets at Israeli positions.", "fired",
         "assoc_actor_1", "allies"),
        ("The US warplanes had carried out airstrikes targeting infrastructure used by groups "
         "affiliated with Iran's Islamic Revolutionary Guard Corps.", "airstrikes", "assoc_actor_2",
         "Military Forces of Iran - Islamic Revolutionary Guard Corps"),
    ],
)
def test_associates(nlp: Language, text: str, trigger: str, role: str, name: str) -> None:
    assert (role, name) in {(a.role, a.name) for a in find_actors(_trigger(nlp(text), trigger),
                                                                   RES)}


@pytest.mark.model
def test_a_parenthesized_alias_is_kept_whole(nlp: Language) -> None:
    doc = nlp("So-called Islamic State (IS) has claimed responsibility for the attack in Spain.")
    assert [a.text for a in find_actors(_trigger(doc, "attack"), RES)] == [
        "So-called Islamic State (IS)"]


@pytest.mark.model
def test_a_person_named_like_a_country_has_no_country(nlp: Language) -> None:
    actors = find_actors(_trigger(nlp("Police shot Chad Smith on Sunday."), "shot"), RES)
    assert [(a.role, a.country) for a in actors] == [("actor1", None), ("actor2", None)]


@pytest.mark.model
def test_a_list_of_things_has_no_associates(nlp: Language) -> None:
    doc = nlp("Investigators found screws, metal balls and batteries.")
    assert [a.role for a in find_actors(_trigger(doc, "found"), RES)] == ["actor1", "actor2"]


@pytest.mark.model
def test_seed_facility_stands_for_the_forces_housed_there(nlp: Language) -> None:
    text = ("CENTCOM spokesman Joe Buccino said, referring to a rocket attack last week "
            "targeting a facility where US forces are housed.")
    actors = find_actors(_trigger(nlp(text), "attack"), RES)
    assert [(a.role, a.text, a.country, a.kind) for a in actors] == [
        ("actor2", "US forces", "USA", "State forces")]
