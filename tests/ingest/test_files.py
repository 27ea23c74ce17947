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


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mon, 24 Jun 2024 10:00:00 GMT", "2024-06-24"),
        ("Mon, 24 Jun 2024 23:30:00 -0500", "2024-06-24"),  # the date as the outlet wrote it
        ("2024-06-24T23:30:00-05:00", "2024-06-24"),
        ("25 August 2022", "2022-08-25"),
        ("Aug. 25, 2022", "2022-08-25"),
        ("Thursday, 25 August 2022 14:00 BST", "2022-08-25"),
        ("25/08/2022", "2022-08-25"),  # 25 is no month: not ambiguous
    ],
)
def test_normalize_published_reads_common_forms(value: str, expected: str) -> None:
    assert normalize_published(value) == (expected, None)


def test_normalize_published_warns_when_ambiguous() -> None:
    iso, warning = normalize_published("03/04/2022")
    assert iso == "2022-03-04"
    assert warning is not None and "ambiguous" in warning and "2022-04-03" in warning


@pytest.mark.parametrize(
    ("value", "why"),
    [("0001-01-01", "outside"), ("9999-12-31", "outside"), ("August 2022", "no day"),
     ("x" * 500, "unparseable")],
)
def test_normalize_published_drops_out_of_range_and_partial_dates(value: str, why: str) -> None:
    iso, warning = normalize_published(value)
    assert iso is None
    assert warning is not None and why in warning


@pytest.mark.parametrize("value", ["last Tuesday", "2022-13-45", 20220825, "25/08/22"])
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
        ("---\nnot: ours\n---\nBody.", {"not": "ours"}, "Body."),
        ("---\njust a rule\n---\nBody.", {}, "---\njust a rule\n---\nBody."),
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
    latin = out[6]  # not UTF-8: read by a guess, with a warning
    assert isinstance(latin, Article) and latin.text.startswith("caf")
    assert any("not UTF-8: decoded as" in n for n in latin.notes)
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


def test_unknown_front_matter_keys_are_a_warning_not_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"---\noutlet: Wire\nauthor: Ann\n---\nTroops left.\n")
    (out,) = read_sources([path])
    assert isinstance(out, Article)
    assert (out.text, out.outlet) == ("Troops left.\n", "Wire")
    assert any("unknown front-matter key(s) ignored: author" in n for n in out.notes)


BAD_JSONL_LINES = [
    ('{"id": "s", "text": "lone \\ud800 surrogate"}', "Article"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"id": "t", "text": ["not", "a", "string"]}', "not a string"),
    ('{"id": "u", "text": "ok", "outlet": {"a": 1}, "published": 5}', "Article"),
    ('{"id": "n", "text": "NUL \\u0000 inside"}', "Article"),
    ('{"id": "big", "text": "x", "title": ' + "9" * 5000 + "}", "not JSON"),
    ("\x00\x01 garbage", "not JSON"),
]


@pytest.mark.parametrize(("line", "outcome"), BAD_JSONL_LINES)
def test_a_bad_jsonl_line_fails_only_itself(tmp_path: Path, line: str, outcome: str) -> None:
    good = json.dumps({"id": "g1", "text": "Troops left."})
    good2 = json.dumps({"id": "g2", "text": "Troops came back."})
    path = tmp_path / "mixed.jsonl"
    path.write_text(f"{good}\n{line}\n{good2}\n", encoding="utf-8", errors="surrogatepass")
    out = list(read_sources([path]))
    assert len(out) == 3
    assert [o.id for o in (out[0], out[2]) if isinstance(o, Article)] == ["g1", "g2"]
    middle = out[1]
    if outcome == "Article":
        assert isinstance(middle, Article)
        middle.text.encode("utf-8")  # storable: no lone surrogate, no NUL
        assert "\x00" not in middle.text
    else:
        assert isinstance(middle, Failure) and outcome in middle.reason
        assert "mixed.jsonl:2" in f"{middle.article_id} {middle.reason}"


def test_line_separators_inside_json_strings_do_not_split_lines(tmp_path: Path) -> None:
    rows = [{"id": "a", "text": "One\u2028two\u0085three\u2029four."}, {"id": "b", "text": "B."}]
    path = write(tmp_path / "seps.jsonl",
                 "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode())
    out = list(read_sources([path]))
    assert [o.id for o in out if isinstance(o, Article)] == ["a", "b"]
    assert isinstance(out[0], Article) and out[0].text == rows[0]["text"]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Troops left Kidal.\n".encode("utf-16"), "Troops left Kidal.\n"),
        ("Troops left Kidal.\n".encode("utf-16-le"), "Troops left Kidal.\n"),
        ("Troops left Kidal.\n".encode("utf-32"), "Troops left Kidal.\n"),
    ],
)
def test_utf16_and_utf32_files_are_text(tmp_path: Path, data: bytes, text: str) -> None:
    (out,) = read_sources([write(tmp_path / "wide.txt", data)])
    assert isinstance(out, Article) and out.text == text


def test_real_binary_is_still_refused(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    (out,) = read_sources([write(tmp_path / "image.txt", png)])
    assert isinstance(out, Failure) and "binary" in out.reason


def test_jsonl_lines_from_bytes_survive_bad_bytes_and_keep_separators() -> None:
    import io

    from spotrep.ingest.files import articles_from_jsonl, jsonl_lines

    data = b'{"id": "a", "text": "bad \xff byte"}\r\n{"id": "b", "text": "x\xe2\x80\xa8y"}\n'
    out = list(articles_from_jsonl(jsonl_lines(io.BytesIO(data)), "<stdin>"))
    assert [o.id for o in out if isinstance(o, Article)] == ["a", "b"]
    assert isinstance(out[0], Article) and out[0].text == "bad \ufffd byte"
    assert isinstance(out[1], Article) and out[1].text == "x\u2028y"
