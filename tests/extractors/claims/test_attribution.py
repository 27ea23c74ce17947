"""Claims: forms, speakers, channels and event links.

Unit tests build parsed Docs by hand; tests marked ``model`` read sentences written for these
tests (and the seed article, which is ours) with the installed English pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from hand_docs import parsed_doc
from spotrep.extractors import claims
from spotrep.pipeline import Pipeline, load_pipeline
from spotrep.records import Claim, Event, Span

# word, space after, tag, pos, dep, head, lemma, entity (IOB)
Row = tuple[str, bool, str, str, str, int, str, str]


def build(rows: list[Row]) -> Doc:
    return parsed_doc(
        words=[r[0] for r in rows],
        spaces=[r[1] for r in rows],
        tags=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        heads=[r[5] for r in rows],
        lemmas=[r[6] for r in rows],
        ents=[r[7] for r in rows],
    )


# The source said the base was hit.
INDIRECT: list[Row] = [
    ("The", True, "DT", "DET", "det", 1, "the", "O"),
    ("source", True, "NN", "NOUN", "nsubj", 2, "source", "O"),
    ("said", True, "VBD", "VERB", "ROOT", 2, "say", "O"),
    ("the", True, "DT", "DET", "det", 4, "the", "O"),
    ("base", True, "NN", "NOUN", "nsubjpass", 6, "base", "O"),
    ("was", True, "VBD", "AUX", "auxpass", 6, "be", "O"),
    ("hit", False, "VBN", "VERB", "ccomp", 2, "hit", "O"),
    (".", False, ".", "PUNCT", "punct", 2, ".", "O"),
]

# "The base was hit," Joe Buccino said.
DIRECT: list[Row] = [
    ('"', False, "``", "PUNCT", "punct", 9, '"', "O"),
    ("The", True, "DT", "DET", "det", 2, "the", "O"),
    ("base", True, "NN", "NOUN", "nsubjpass", 4, "base", "O"),
    ("was", True, "VBD", "AUX", "auxpass", 4, "be", "O"),
    ("hit", False, "VBN", "VERB", "ccomp", 9, "hit", "O"),
    (",", False, ",", "PUNCT", "punct", 9, ",", "O"),
    ('"', True, "''", "PUNCT", "punct", 9, '"', "O"),
    ("Joe", True, "NNP", "PROPN", "compound", 8, "Joe", "B-PERSON"),
    ("Buccino", True, "NNP", "PROPN", "nsubj", 9, "Buccino", "I-PERSON"),
    ("said", False, "VBD", "VERB", "ROOT", 9, "say", "O"),
    (".", False, ".", "PUNCT", "punct", 9, ".", "O"),
]

# They signed the said agreement.
SAID_ADJECTIVE: list[Row] = [
    ("They", True, "PRP", "PRON", "nsubj", 1, "they", "O"),
    ("signed", True, "VBD", "VERB", "ROOT", 1, "sign", "O"),
    ("the", True, "DT", "DET", "det", 4, "the", "O"),
    ("said", True, "VBN", "VERB", "amod", 4, "say", "O"),
    ("agreement", False, "NN", "NOUN", "dobj", 1, "agreement", "O"),
    (".", False, ".", "PUNCT", "punct", 1, ".", "O"),
]

# The base was hit, according to officials.
ACCORDING: list[Row] = [
    ("The", True, "DT", "DET", "det", 1, "the", "O"),
    ("base", True, "NN", "NOUN", "nsubjpass", 3, "base", "O"),
    ("was", True, "VBD", "AUX", "auxpass", 3, "be", "O"),
    ("hit", False, "VBN", "VERB", "ROOT", 3, "hit", "O"),
    (",", True, ",", "PUNCT", "punct", 3, ",", "O"),
    ("according", True, "VBG", "VERB", "prep", 3, "accord", "O"),
    ("to", True, "IN", "ADP", "prep", 5, "to", "O"),
    ("officials", False, "NNS", "NOUN", "pobj", 6, "official", "O"),
    (".", False, ".", "PUNCT", "punct", 3, ".", "O"),
]


@pytest.fixture(scope="module")
def res() -> claims.ClaimResources:
    return claims.load()


def attributed(found: tuple[Claim, ...]) -> list[Claim]:
    return [c for c in found if c.form != "unattributed"]


@pytest.mark.parametrize(
    ("rows", "form", "content", "speaker_text", "name", "kind", "cue"),
    [
        (INDIRECT, "indirect", "the base was hit", "The source", "The source", "anonymous", "said"),
        (DIRECT, "direct", '"The base was hit,"', "Joe Buccino", "Joe Buccino", "person", "said"),
        (ACCORDING, "according_to", "The base was hit", "officials", "officials", "anonymous",
         "according to"),
    ],
)
def test_forms_from_hand_built_parses(
    res: claims.ClaimResources,
    rows: list[Row],
    form: str,
    content: str,
    speaker_text: str,
    name: str,
    kind: str,
    cue: str,
) -> None:
    doc = build(rows)
    [claim] = attributed(claims.find_claims(doc, (), res))
    assert claim.form == form
    assert claim.content.text == content
    assert claim.speaker.text == speaker_text
    assert claim.speaker.name == name
    assert claim.speaker.kind == kind
    assert claim.cue is not None and claim.cue.text == cue
    for span in (claim.content, claim.cue, claim.speaker.span):
        assert span is not None and doc.text[span.start : span.end] == span.text


def test_said_as_adjective_is_no_cue(res: claims.ClaimResources) -> None:
    found = claims.find_claims(build(SAID_ADJECTIVE), (), res)
    assert attributed(found) == []
    assert [c.speaker.kind for c in found] == ["outlet"]


def event(trigger: tuple[int, int], text: str, eid: str = "e1") -> Event:
    return Event(eid, "AIR_STRIKE", "reported", Span.of(text, *trigger))


@pytest.mark.parametrize(
    ("rows", "trigger_word", "linked"),
    [
        (INDIRECT, "hit", True),
        (INDIRECT, "source", False),
        (DIRECT, "hit", True),
        (ACCORDING, "hit", True),
        (ACCORDING, "officials", False),
    ],
)
def test_events_in_the_content_are_linked(
    res: claims.ClaimResources, rows: list[Row], trigger_word: str, linked: bool
) -> None:
    doc = build(rows)
    token = next(t for t in doc if t.text == trigger_word)
    ev = event((token.idx, token.idx + len(token)), doc.text)
    [claim] = attributed(claims.find_claims(doc, (ev,), res))
    assert claim.events == (("e1",) if linked else ())


def test_outlet_assertion_links_its_events(res: claims.ClaimResources) -> None:
    doc = build(SAID_ADJECTIVE)
    ev = event((4, 10), doc.text)
    [claim] = claims.find_claims(doc, (ev,), res)
    assert claim.form == "unattributed"
    assert claim.speaker.text is None and claim.speaker.name is None
    assert claim.events == ("e1",)


# --- with the English pipeline ---------------------------------------------------------------


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return load_pipeline()


def read(pipeline: Pipeline, text: str) -> list[Claim]:
    found = claims.find_claims(pipeline.nlp(text), (), pipeline.resources.claims)
    return attributed(found)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "form", "content_starts"),
    [
        ("“The airport was shelled overnight,” the governor said.", "direct", "“The airport"),
        ('"It was shelled," he said, "and it burned."', "direct", '"It was shelled,"'),
        ('The mayor said: "Nobody was hurt in the blast."', "direct", '"Nobody'),
        ("The mayor said that nobody was hurt in the blast.", "indirect", "nobody was hurt"),
        ("The army told reporters the town had been retaken.", "indirect", "the town"),
        ("The minister announced the ceasefire would hold.", "indirect", "the ceasefire"),
        ("Officials believe the militia wants to expand.", "indirect", "the militia"),
        ('The mayor said the strike was a "cowardly act" by the rebels.', "mixed", "the strike"),
        ("Five people died, according to the local hospital.", "according_to", "Five people"),
        ("In the latest poll, the mayor leads by ten points.", "according_to", "the mayor"),
        ("The bridge, the mayor said, had collapsed overnight.", "indirect", "The bridge"),
        ('The mayor said last week in Kyiv, "The bridge is gone."', "direct", '"The bridge'),
        ("Mayor Hale: Bridge Will Reopen Next Week", "indirect", "Bridge Will"),
        ("The commander was said to have fled the city.", "indirect", "The commander"),
    ],
)
def test_forms(pipeline: Pipeline, text: str, form: str, content_starts: str) -> None:
    first = read(pipeline, text)[0]
    assert first.form == form
    assert first.content.text.startswith(content_starts)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "content_starts"),
    [
        # the parse may make the dateline's town the subject: the speaker is the word after
        ("BONN, May 6 (GWS) - The opposition party's leader said on Wednesday that taxes "
         "would rise.", "The opposition party's leader", "taxes would rise"),
        ("GRAZ, May 6 (GWS) — Former minister Anne Roche told reporters the plan would fail.",
         "Former minister Anne Roche", "the plan"),
        # a speaker's phrase starts after the dateline
        ("TAMALE (GWS) - A former district official says the fund was empty.",
         "A former district official", "the fund"),
        # negative: a bare "NAME:" may open a transcript's turn, and names its speaker
        ("MARTHA STONE: We will win this race in November.", "MARTHA STONE", "We will win"),
    ],
)
def test_no_speaker_from_the_dateline(
    pipeline: Pipeline, text: str, speaker: str, content_starts: str
) -> None:
    first = read(pipeline, text)[0]
    assert first.speaker.text == speaker
    assert first.content.text.startswith(content_starts)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("HOMS (GWS) - Farmers blocked the main road near the mill on Sunday.",
         "Farmers blocked the main road near the mill on Sunday"),
        ("Road closed\nMOSUL, Iraq — Farmers blocked the main road near the mill.",
         "Farmers blocked the main road near the mill"),
        # negative: capitals and a comma but no dash or outlet: where the dateline ends is
        # not known
        ("KASSALA, Farmers blocked the main road near the mill on Sunday.",
         "KASSALA, Farmers blocked the main road near the mill on Sunday"),
    ],
)
def test_outlet_claims_start_after_the_dateline(
    pipeline: Pipeline, text: str, content: str
) -> None:
    found = claims.find_claims(pipeline.nlp(text), (), pipeline.resources.claims)
    assert [c.content.text for c in found if c.form == "unattributed"] == [content]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The 'counterterrorism' pretext was never explained to the residents.",
        'Her new novel, "The Long Night", sold well in the spring.',
        "The convoy crossed the border at dawn and reached the town by noon.",
        "The said agreement was signed in the capital.",
        "“I think we will win,” the candidate declared on Monday.",
        "In the morning, the convoy reached the town.",
        "Groups supporting the rebels crossed the border.",
        "Correction: An earlier version of this story misspelled the name of the town.",
        "For instance: the convoy reached the town before the bridge fell.",
        "Q: Have you talked to the governor about the bridge?",
    ],
)
def test_no_spurious_attributions(pipeline: Pipeline, text: str) -> None:
    found = read(pipeline, text)
    assert all(c.form == "direct" for c in found)
    assert len(found) <= 1


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker_text", "name", "kind", "role"),
    [
        (
            "A police source told Reuters the bridge was mined. The bridge collapsed at noon, "
            "the source said.",
            "the source", "A police source", "anonymous", None,
        ),
        (
            "Defense Ministry spokeswoman Anna Berg said the bridge was mined. Later, the "
            "spokeswoman said it had collapsed.",
            "the spokeswoman", "Anna Berg", "person", "Defense Ministry spokeswoman",
        ),
        (
            "Governor Mark Hale said the bridge was mined. He added that it had collapsed.",
            "He", "Mark Hale", "person", "Governor",
        ),
        (
            "Local officials said the bridge was mined. They added that it had collapsed.",
            "They", "Local officials", "anonymous", None,
        ),
        (
            "Mayor Tom Reed spoke on Monday. Reed said that the bridge had collapsed.",
            "Reed", "Tom Reed", "person", "Mayor",
        ),
        (
            "A Pentagon spokesman said the bridge was mined. The spokesman added that it fell.",
            "The spokesman", "A Pentagon spokesman", "government", "Pentagon spokesman",
        ),
        (
            "Ms. Anna Berg met Mr. Tom Reed on Monday. She said that the bridge had collapsed.",
            "She", "Anna Berg", "person", None,
        ),
        (
            "The bridge was closed by Mayor Tom Reed, who said that it had collapsed.",
            "who", "Tom Reed", "person", "Mayor",
        ),
        (
            "Governor Mark Hale was quick to add that the bridge had collapsed.",
            "Governor Mark Hale", "Mark Hale", "person", "Governor",
        ),
        (
            "The mayor's office put out a statement saying the bridge had collapsed.",
            "The mayor's office", "The mayor's office", "government", None,
        ),
    ],
)
def test_speakers_resolve_to_the_earlier_mention(
    pipeline: Pipeline, text: str, speaker_text: str, name: str, kind: str, role: str | None
) -> None:
    last = read(pipeline, text)[-1]
    assert last.speaker.text == speaker_text
    assert last.speaker.name == name
    assert last.speaker.kind == kind
    assert last.speaker.role == role


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("CNN reported that the bridge had collapsed.", "media"),
        ("The Pentagon said that the bridge had collapsed.", "government"),
        ("US officials said that the bridge had collapsed.", "government"),
        ("A source said that the bridge had collapsed.", "anonymous"),
        ("Syrian media said that the bridge had collapsed.", "media"),
    ],
)
def test_speaker_kinds(pipeline: Pipeline, text: str, kind: str) -> None:
    [claim] = read(pipeline, text)
    assert claim.speaker.kind == kind


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("A source told Sputnik that the base was hit.", "told Sputnik"),
        ("The minister said in a statement that the base was hit.", "in a statement"),
        ("The minister said on state television that the base was hit.", "on state television"),
        ("The minister wrote on Twitter that the base was hit.", "on Twitter"),
        ("The minister told reporters that the base was hit.", "told reporters"),
        ("In a statement, the ministry said that the base was hit.", "In a statement"),
        ("The minister told his wife that the base was hit.", None),
        ("The minister said on Monday that the base was hit.", None),
    ],
)
def test_channels(pipeline: Pipeline, text: str, channel: str | None) -> None:
    [claim] = read(pipeline, text)
    assert (claim.channel.text if claim.channel else None) == channel


SEED = Path(__file__).parent.parent / "data" / "seed_b77aa55227adc9dc.txt"


@pytest.mark.model
def test_seed_article(pipeline: Pipeline) -> None:
    text = SEED.read_text(encoding="utf-8")
    found = claims.find_claims(pipeline.nlp(text), (), pipeline.resources.claims)
    by_name = {c.speaker.name: c for c in found if c.speaker.name}
    for name in (
        "an Iraqi security source", "CENTCOM", "Joe Buccino", "US officials", "Ned Price",
        "Nasser Kanaani", "Syrian officials", "Syrian media", "Donald Trump", "Bashar Assad",
    ):
        assert name in by_name, name
    source = [c for c in found if c.speaker.name == "an Iraqi security source"]
    assert any(c.channel and c.channel.text == "told Sputnik" for c in source)
    assert any(c.speaker.text == "the source" for c in source)
    assert by_name["Ned Price"].channel is not None
    assert "CNN" in by_name["Ned Price"].channel.text
    assert by_name["Joe Buccino"].speaker.role == "CENTCOM spokesman"
    assert by_name["Nasser Kanaani"].speaker.role == "Iranian Foreign Ministry spokesman"
    assert any(
        c.speaker.text == "The spokesman" and c.speaker.name == "Nasser Kanaani" for c in found
    )
    assert by_name["US officials"].form == "according_to"
    outlet = [c for c in found if c.form == "unattributed"]
    assert any(c.content.text.startswith("The United States has been occupying") for c in outlet)
    assert all(c.speaker.kind == "outlet" for c in outlet)
    assert not any(c.content.text.strip("'") == "counterterrorism" for c in found)
    for c in found:
        for span in (c.content, c.cue, c.speaker.span, c.channel.span if c.channel else None):
            assert span is None or text[span.start : span.end] == span.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("trigger_word", "linked"),
    [("destroyed", True), ("shelling", True), ("crater", False), ("mayor", False)],
)
def test_links_follow_what_the_cue_reports(
    pipeline: Pipeline, trigger_word: str, linked: bool
) -> None:
    text = "Standing near the crater, the mayor said that the shelling had destroyed the bridge."
    doc = pipeline.nlp(text)
    start = text.index(trigger_word)
    ev = event((start, start + len(trigger_word)), text)
    [claim] = attributed(claims.find_claims(doc, (ev,), pipeline.resources.claims))
    assert claim.events == (("e1",) if linked else ())


@pytest.mark.model
def test_linked_events_follow_the_events_order(pipeline: Pipeline) -> None:
    """Each claim lists the events it reports in the order the events are given, whichever
    it meets first in the text; an event outside its content is not listed."""
    doc = pipeline.nlp("The mayor said a drone hit the depot and a missile hit the school. "
                       "Troops shelled the village on Monday.")
    hits = [t for t in doc if t.text in ("hit", "shelled")]
    evs = tuple(event((t.idx, t.idx + len(t)), doc.text, eid)
                for t, eid in zip(reversed(hits), ("e1", "e2", "e3"), strict=True))
    found = claims.find_claims(doc, evs, pipeline.resources.claims)
    assert [(c.form, c.events) for c in found] == [
        ("indirect", ("e2", "e3")),
        ("unattributed", ("e1",)),
    ]
