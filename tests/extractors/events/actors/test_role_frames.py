"""Roles from predicate frames (data/events/frames.tsv) and pronouns resolved to the nearest
agreeing actor (coreference), on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from spotrep.extractors.events.actors.frames import load_frames
from spotrep.extractors.events.actors.names import load
from spotrep.extractors.events.actors.roles import find_actors
from spotrep.pipeline import load_pipeline

RES = load()


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline().nlp


def _trigger(doc: Doc, word: str) -> Token:
    return next(t for t in doc if t.text == word)


def _texts(text: str, trigger: str, nlp: Language) -> tuple[str | None, str | None]:
    actors = find_actors(_trigger(nlp(text), trigger), RES)
    roles = {a.role: a.text for a in actors}
    return roles.get("actor1"), roles.get("actor2")


def test_every_frame_row_is_read() -> None:
    frames = load_frames()
    assert frames.arguments["detonate"].patient == "instrument"
    assert "on" in frames.arguments["detonate"].preps("actor2")
    assert "at" in frames.arguments["detonate"].preps("place")
    assert "with" in frames.attributions["charge"]
    assert "of" in frames.attributions["convict"]
    assert frames.subject_role("explode") == "instrument"
    assert frames.subject_role("die") == "actor2"
    assert frames.subject_role("attack") is None
    assert "behind" in frames.attributions["be"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "actor1", "actor2"),
    [
        # charging language: the one charged, convicted or sentenced did the event
        ("A man was charged with the bombing of the station.", "bombing", "A man", "the station"),
        ("Two brothers were convicted of the attack on the mosque.", "attack",
         "Two brothers", "the mosque"),
        ("A court found Ali guilty of the murder of two officers.", "murder",
         "Ali", "two officers"),
        # arrest is no attribution: the arrested are suspects, the text names no attacker
        ("Police arrested three men over the killing of a journalist.", "killing",
         None, "a journalist"),
        # raising: the subject of a passive "believed" is who carried it out
        ("The group is believed to have carried out the attack on the convoy.", "attack",
         "The group", "the convoy"),
        # device verbs: the object is the instrument, "at the gate" is the place
        ("The attackers detonated a car bomb at the gate of the base.", "detonated",
         "The attackers", None),
        ("A man detonated his explosive vest on a crowded bus.", "detonated",
         "A man", "a crowded bus"),
        ("The suspects planted a bomb outside the police station.", "planted",
         "The suspects", None),
        ("Protesters threw stones at the police.", "threw", "Protesters", "the police"),
        # no attacker named: none guessed
        ("A bomb exploded near the market.", "exploded", None, None),
        ("A shell fell on the school.", "fell", None, None),
        # the subject of dying is the victim
        ("Four soldiers died in the ambush.", "died", None, "Four soldiers"),
        # a headline's participle without an auxiliary is a passive: the civilians are victims
        ("Five civilians killed in Russian airstrike", "killed", "Russian", "Five civilians"),
        ("Five civilians killed three soldiers.", "killed", "Five civilians", "three soldiers"),
        # the possessor of a victim noun suffered it; of an attack noun, did it
        ("The journalist's murder shocked the country.", "murder", None, "The journalist"),
        ("Russia's bombing killed dozens.", "bombing", "Russia", None),
        # continuing an attack is doing it; the subject names whom "its" stands for
        ("The army resumed its offensive against the rebels.", "offensive", "The army",
         "the rebels"),
        # stopping an attack is not doing it
        ("Police stopped the attack.", "attack", None, None),
        # a support verb the lemmatizer gets wrong ("waging" -> "wag") still names the agent
        ("Three countries are waging brutal assaults on the rebels.", "assaults",
         "Three countries", "the rebels"),
        # being behind an event names its agent; a compound trigger takes its head's arguments
        ("The Gulen movement is behind this coup attempt.", "coup", "The Gulen movement", None),
        ("Police said the gang was behind the bombing.", "bombing", "the gang", None),
        ("Soldiers waited behind the attack helicopters.", "attack", None, None),
        # a facility as the compound of an event noun is what was hit; a named actor acts
        ("The hospital attacks continued.", "attacks", None, "hospital"),
        ("Taliban attacks continued.", "attacks", "Taliban", None),
        ("The Paris attacks shocked Europe.", "attacks", None, None),
        # a support verb's clause on the event noun names its agent, by subject or "by"
        ("The strikes that the coalition carried out killed nine fighters.", "strikes",
         "the coalition", "nine fighters"),
        ("The attack that killed ten soldiers was launched at dawn.", "attack", None,
         "ten soldiers"),
        # a reciprocal event's "with" / "against" side; other events' "with" is no side
        ("Heavy clashes with the rebels left ten soldiers dead.", "clashes", None,
         "the rebels"),
        ("The army's battle against the Islamic State dragged on.", "battle", "The army",
         "the Islamic State"),
        ("An attack with rockets hit the base.", "attack", None, "the base"),
        # coming under attack "from" someone names who attacked; "at the hands of" who killed
        ("The convoy came under attack from militants near the border.", "attack",
         "militants", "The convoy"),
        ("The patrol came under fire near the border.", "fire", None, "The patrol"),
        ("Three protesters were killed at the hands of the security forces.", "killed",
         "the security forces", "Three protesters"),
        ("Two were killed at the checkpoint.", "killed", None, "Two"),
        # being at war: the subject fights
        ("The country has been at war since 2014.", "war", "The country", None),
        # object control: who is ordered to attack attacks; subject control: the subject
        ("The general ordered the troops to attack the village.", "attack", "the troops",
         "the village"),
        ("The rebels tried to attack the village.", "attack", "The rebels", "the village"),
        # verbs joined without their own object share the next one's
        ("Rebels shelled and destroyed the village.", "shelled", "Rebels", "the village"),
        ("Rebels shelled the town and destroyed the village.", "shelled", "Rebels", "the town"),
        # charging language with a gerund: the charged, convicted or suspected did it
        ("He was convicted of murdering three police officers.", "murdering", "He",
         "three police officers"),
        ("Prosecutors charged two men with attacking a synagogue.", "attacking", "two men",
         "a synagogue"),
        ("Police suspect the rebels of staging the ambush on the convoy.", "ambush",
         "the rebels", "the convoy"),
        ("The man accused of the attack on the mosque appeared in court.", "attack", "The man",
         "the mosque"),
        # nouns naming the perpetrator; "behind" after a noun that names an actor
        ("The suspect in the bombing of the market was arrested.", "bombing", "The suspect",
         "the market"),
        ("The gunmen behind the attack on the hotel were killed.", "attack", "The gunmen",
         "the hotel"),
        ("Nobody knows the motive behind the attack on the hotel.", "attack", None, "the hotel"),
        # "faces charges over the bombing": charges name no one
        ("He faces charges over the bombing of the station.", "bombing", None, "the station"),
        # who used a device placed or fired by someone; a device alone names no one
        ("A bomb planted by the rebels killed two soldiers.", "killed", "the rebels",
         "two soldiers"),
        ("The hospital was hit by a missile fired by the army.", "hit", "the army",
         "The hospital"),
        ("The hospital was hit by a missile.", "hit", None, "The hospital"),
        # who killed in an attack did it
        ("Militants killed 12 villagers in an attack on Sunday.", "attack", "Militants",
         "12 villagers"),
        # a verbal event between two sides
        ("Fighting between the army and rebels killed ten.", "Fighting", "the army", "rebels"),
        # "between" two places is where, for a verb that is no fighting
        ("The army took control of the road between Gao and Kidal.", "took", "The army",
         "the road"),
        ("The army took control of a town between Gao and Kidal.", "took", "The army",
         "a town"),
        # a light verb's object is the event: "to" names its target
        ("Unknown assailants set fire to a church.", "set", "Unknown assailants", "a church"),
        # a fight's conjoined subject names both sides; a reciprocal object the same side
        ("Troops and rebels clashed near the border.", "clashed", "Troops", "rebels"),
        ("Rival militias battled one another in the capital.", "battled", "Rival militias",
         "Rival militias"),
        ("Troops and police attacked the rebels.", "attacked", "Troops", "the rebels"),
        # a vehicle rammed or a load dropped is the instrument; into / on is the target
        ("The attacker rammed a truck into the crowd.", "rammed", "The attacker", "the crowd"),
        ("Helicopters dropped barrel bombs on the village.", "dropped", "Helicopters",
         "the village"),
        ("The soldiers dropped their weapons.", "dropped", "The soldiers", None),
        ("A suicide bomber detonated his vest among worshippers.", "detonated",
         "A suicide bomber", "worshippers"),
        # a device as the object of a control verb does not act: the subject does
        ("The attackers used knives to stab the guards.", "stab", "The attackers",
         "the guards"),
        ("The general ordered the troops to attack the village.", "attack", "the troops",
         "the village"),
        # the possessor of a victim noun acts when "of" names the victim
        ("Boko Haram's abduction of 200 schoolgirls shocked the world.", "abduction",
         "Boko Haram", "200 schoolgirls"),
        ("The schoolgirls' abduction shocked the world.", "abduction", None,
         "The schoolgirls"),
        # what a blast tears through is what it hit
        ("An explosion ripped through a market in the capital.", "explosion", None,
         "a market"),
        ("An explosion ripped the silence.", "explosion", None, "the silence"),
        # a passive participle with an agent, parsed as an apposition, is said of its noun
        ("The alleged killer, John Smith – shot dead by police – had pledged allegiance to a "
         "group.", "shot", "police", "The alleged killer, John Smith"),
        ("The killer – shot dead by police – had a record.", "shot", "police", "The killer"),
        # a participle the parse joined to a noun is its clause's: the clause's subject acts
        ("In practice, the army has taken back many towns with siege tactics, shelling and "
         "starving people until they leave.", "shelling", "the army", "people"),
    ],
)
def test_frames(nlp: Language, text: str, trigger: str, actor1: str | None,
                actor2: str | None) -> None:
    assert _texts(text, trigger, nlp) == (actor1, actor2)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "role", "named", "name"),
    [
        # a resolved pronoun is the actor its antecedent names: that phrase's text and span
        ("ISIS said it attacked the base.", "attacked", "actor1", "ISIS", "Islamic State"),
        ("The group said it attacked the base.", "attacked", "actor1", "The group",
         "Unidentified Armed Group"),
        # a possessive may be bound in its clause: "its" is the Taliban
        ("The Taliban said its attack killed ten soldiers.", "attack", "actor1", "The Taliban",
         "Taliban"),
        ("The rebels said they had shot down a government helicopter.", "shot", "actor1",
         "The rebels", "Unidentified Armed Group"),
        # a plain pronoun is not bound in its own clause: "it" is Aleppo, not Russia
        ("Aleppo matters to Russia, which will not stop bombing it.", "bombing", "actor2",
         "Aleppo", "Aleppo"),
        # a subject pronoun carries on the topic: the previous sentence's subject, not the
        # nearest noun
        ("Al-Shabaab seized the base from the government. It then attacked the airport.",
         "attacked", "actor1", "Al-Shabaab", "Al Shabaab"),
        # the topic is carried on over two sentences, before a nearer object ("the regime")
        ("Today the group is fighting alongside the army. Its allies are fighting to overthrow "
         "the regime. It is also battling the rebels.", "battling", "actor1", "the group",
         "Unidentified Armed Group"),
        # and through an earlier subject pronoun that stands for the same
        ("Al-Shabaab seized the base from the government. It held the town for a week. It "
         "then attacked the airport.", "attacked", "actor1", "Al-Shabaab", "Al Shabaab"),
        # an expletive "it" carries no topic: the pronoun looks further
        ("The army recaptured the town from Al-Shabaab. It is no wonder the town was quiet. It "
         "then attacked the airport.", "attacked", "actor1", "The army", "Military Forces"),
        # members of a group are named by it when they act, not when they are hit (a
        # victim's "its" may stand for the accuser, not the nearer accused)
        ("A militia accused the army of a drone strike that killed its fighters.", "killed",
         "actor2", "its fighters", "Unidentified Armed Group"),
        # a named armed group is "they" whatever its tag
        ("The Houthis have threatened shipping for months. On Tuesday they attacked a "
         "tanker.", "attacked", "actor1", "The Houthis", "Houthi Movement"),
        ("The farmer has threatened his neighbours for months. On Tuesday they attacked a "
         "tanker.", "attacked", "actor1", "they", None),
        # the speaker's "we" and a pronoun without an agreeing antecedent keep no name
        ("We will attack them.", "attack", "actor1", "We", None),
        ("Nobody knows why it attacked.", "attacked", "actor1", "it", None),
    ],
)
def test_pronouns(nlp: Language, text: str, trigger: str, role: str, named: str,
                  name: str | None) -> None:
    actors = find_actors(_trigger(nlp(text), trigger), RES)
    found = [(a.text, a.name) for a in actors if a.role == role]
    assert found == [(named, name)]
    for a in actors:
        assert a.span is not None and a.span.text == text[a.span.start:a.span.end] == a.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "description", "name"),
    [
        ("Al-Shabaab has waged an insurgency for years. On Monday the group attacked a base.",
         "attacked", "the group", "Al Shabaab"),
        # no named group before it: the description stays unnamed
        ("Gunmen stormed a hotel. The attackers killed ten guests.", "killed", "The attackers",
         "Unidentified Armed Group"),
        # a named description is its own name
        ("Al-Shabaab attacked a base. The Houthi group attacked a ship.", "attacked",
         "Al-Shabaab", "Al Shabaab"),
    ],
)
def test_definite_descriptions(nlp: Language, text: str, trigger: str, description: str,
                               name: str) -> None:
    doc = nlp(text)
    trigger_token = [t for t in doc if t.text == trigger][-1 if description != "Al-Shabaab" else 0]
    actors = find_actors(trigger_token, RES)
    assert [(a.text, a.name) for a in actors if a.role == "actor1"] == [(description, name)]
