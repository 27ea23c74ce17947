from __future__ import annotations

import json
from pathlib import Path

import pytest

from spotrep.ingest.files import read_sources, split_front_matter
from spotrep.ingest.records import article_from_mapping, normalize_published
from spotrep.records import Article, Failure


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-08-25", ("2022-08-25", None)),
        ("2022-08-25T14:03:00Z", ("2022-08-25", None)),
        ("2022-08-25T14:03:00+03:00", ("2022-08-25", None)),
        ("2022-08-25 14:03", ("2022-08-25", None)),
        (None, (None, None)),
        ("", (None, None)),
    ],
)
def test_normalize_published(value: str | None, expected: tuple[str | None, None]) -> None:
    assert normalize_published(value) == expected


@pytest.mark.parametrize("value", ["25/08/2022", "last Tuesday", "2022-13-45", 20220825])
def test_normalize_published_explains_what_it_cannot_read(value: object) -> None:
    iso, warning = normalize_published(value)
    assert iso is None
    assert warning is not None and "unparseable publication date" in warning


@pytest.mark.parametrize(
    ("text", "meta", "body"),
    [
        ("---\noutlet: Wire\npublished: 2024-01-02\n---\nBody.", {"outlet": "Wire",
         "published": "2024-01-02"}, "Body."),
        ("No header here.\n", {}, "No header here.\n"),
        ("---\nnot: ours\n---\nBody.", {}, "---\nnot: ours\n---\nBody."),
        ("---\noutlet: Wire\nno end marker", {}, "---\noutlet: Wire\nno end marker"),
    ],
)
def test_split_front_matter(text: str, meta: dict[str, str], body: str) -> None:
    assert split_front_matter(text) == (meta, body)


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"id": "x"}, "input record has no 'text'"),
        ({"id": "x", "text": 5}, "input record has a 'text' that is not a string"),
        ([1, 2], "input record is a JSON array, not an object"),
        ("text", "input record is a JSON string, not an object"),
    ],
)
def test_article_from_mapping_refuses_bad_records(record: object, reason: str) -> None:
    out = article_from_mapping(record, "line-1")
    assert isinstance(out, Failure)
    assert out.reason == reason


def test_article_from_mapping_ignores_unknown_keys() -> None:
    out = article_from_mapping({"text": "T", "id": 7, "label": "ATTACK", "outlet": "W"})
    assert out == Article.create("T", id="7", outlet="W")


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_read_sources_handles_every_kind_of_file(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", b"---\noutlet: Wire\npublished: 2024-01-02\n---\nTroops left.\n")
    rows = [{"id": "j1", "text": "One."}, "nope", {"id": "j3"}]
    lines = [json.dumps(r) for r in rows] + ["{broken", ""]
    write(tmp_path / "b.jsonl", "\n".join(lines).encode())
    write(tmp_path / "c.txt", b"\x00\x01\x02binary")
    write(tmp_path / "d.txt", "caf\u00e9".encode("latin-1"))
    write(tmp_path / "e.txt", "\ufeffWindows\r\nlines\r\n".encode())
    write(tmp_path / "ignored.png", b"\x89PNG")
    out = list(read_sources([tmp_path, tmp_path / "missing.txt"]))
    kinds = [(type(o).__name__, o.id if isinstance(o, Article) else o.reason) for o in out]
    assert kinds[0][0] == "Article"
    first = out[0]
    assert isinstance(first, Article)
    assert (first.text, first.outlet, first.published) == ("Troops left.\n", "Wire", "2024-01-02")
    assert kinds[1] == ("Article", "j1")
    assert kinds[2][1] == "input record is a JSON string, not an object"
    assert isinstance(out[2], Failure) and out[2].article_id.endswith("b.jsonl:2")
    assert kinds[3][1].endswith("b.jsonl:3: input record has no 'text'")
    assert kinds[4][1].startswith("not JSON")
    assert "binary file" in kinds[5][1]
    assert "not valid UTF-8" in kinds[6][1]
    fifth = out[7]
    assert isinstance(fifth, Article) and fifth.text == "Windows\nlines\n"
    assert kinds[8][1].endswith("missing.txt: no such file or folder")
    assert len(out) == 9


def test_read_sources_names_an_empty_text_file(tmp_path: Path) -> None:
    (out,) = read_sources([write(tmp_path / "blank.txt", b"---\noutlet: W\n---\n  \n")])
    assert out == Failure("blank.txt", f"{tmp_path / 'blank.txt'}: empty text",
                          str(tmp_path / "blank.txt"))


def test_read_sources_extracts_html_main_text(tmp_path: Path) -> None:
    para = "Militants attacked an army post near the border on Sunday, officials said. " * 4
    html = (
        "<html><head><title>Post attacked</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Post attacked</h1><p>{para}</p><p>{para}</p></article>"
        "<footer>Copyright</footer></body></html>"
    )
    (out,) = read_sources([write(tmp_path / "page.html", html.encode())])
    assert isinstance(out, Article)
    assert "Militants attacked an army post" in out.text
    assert "Copyright" not in out.text
    assert out.title == "Post attacked"


def test_read_sources_reports_html_without_text(tmp_path: Path) -> None:
    (out,) = read_sources([write(tmp_path / "empty.html", b"<html><body></body></html>")])
    assert isinstance(out, Failure)
    assert "no article text found" in out.reason
