"""Opening a store never surprises: only ``create`` makes one, and every odd ``--db`` is one
clear line with exit status 2 (``StoreOpenError`` is a ``UsageError``)."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from store_records import build_event, build_result

from spotrep.cli import main
from spotrep.errors import StoreOpenError, UsageError
from spotrep.store import Store


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # free once closed: nothing listens there


def _store(path: Path) -> Path:
    with Store.open(path, create=True) as s:
        for n in range(30):
            s.add_result(build_result(f"a{n}", (build_event(fatalities=n),), text="x" * 3000))
    return path


def _truncated(tmp: Path) -> str:
    path = _store(tmp / "whole.db")
    cut = tmp / "cut.db"
    cut.write_bytes(path.read_bytes()[:6000])
    return str(cut)


def _other_app(tmp: Path) -> str:
    path = tmp / "notes.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    return str(path)


def _text_file(tmp: Path) -> str:
    (tmp / "notes.txt").write_text("not a database\n" * 10)
    return str(tmp / "notes.txt")


def _empty_file(tmp: Path) -> str:
    (tmp / "empty.db").write_bytes(b"")
    return str(tmp / "empty.db")


ODD: list[tuple[str, Callable[[Path], str], str]] = [
    ("missing", lambda t: str(t / "typo.db"), "no spotrep store at"),
    ("missing in a missing folder", lambda t: str(t / "no" / "such" / "x.db"),
     "no spotrep store at"),
    ("folder", lambda t: str(t), "is a folder"),
    ("text file", _text_file, "not a SQLite database"),
    ("empty file", _empty_file, "not a SQLite database"),
    ("truncated store", _truncated, "database disk image is malformed"),
    ("another program's database", _other_app, "holds no spotrep store"),
    ("mysql", lambda t: "mysql://u:secret@127.0.0.1/db", "not a store spotrep can use"),
    ("http", lambda t: "https://example.org/db", "not a store spotrep can use"),
    ("unreachable postgres",
     lambda t: f"postgresql://u:secret@127.0.0.1:{_closed_port()}/db", "cannot be opened"),
]


@pytest.mark.parametrize(("what", "make", "message"), ODD, ids=[o[0] for o in ODD])
@pytest.mark.parametrize("command", ["events", "incidents", "failures", "export"])
def test_read_commands_refuse_odd_stores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str,
    make: Callable[[Path], str], message: str, command: str,
) -> None:
    db = make(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    extra = ["--format", "jsonl", "-o", str(tmp_path / "x.jsonl")] if command == "export" else []
    assert main([command, "--db", db, *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err
    assert "secret" not in err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing created


INGEST_ODD = [o for o in ODD if not o[0].startswith("missing") and o[0] not in (
    "empty file", "another program's database")]
INGEST_ODD.append(("another program's database", _other_app, "SQLite database of something else"))


@pytest.mark.parametrize(("what", "make", "message"), INGEST_ODD, ids=[o[0] for o in INGEST_ODD])
def test_ingest_refuses_odd_stores_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str,
    make: Callable[[Path], str], message: str,
) -> None:
    db = make(tmp_path)
    (tmp_path / "in.txt").write_text("On March 5 a strike hit Kharkiv.")
    assert main(["ingest", str(tmp_path / "in.txt"), "--db", db, "-q"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err


def test_only_create_makes_a_store(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "new.db"
    with pytest.raises(StoreOpenError, match="no spotrep store") as exc:
        Store.open(target)
    assert isinstance(exc.value, UsageError)
    assert not (tmp_path / "sub").exists()
    with Store.open(target, create=True):
        pass
    with Store.open(target) as s:  # now it exists
        assert s.events() == []


def test_an_empty_file_may_become_a_store(tmp_path: Path) -> None:
    with Store.open(_empty_file(tmp_path), create=True) as s:
        assert s.counts()["articles"] == 0


def test_the_env_var_names_the_store_read_commands_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPOTREP_DB", str(tmp_path / "typo.db"))
    assert main(["events"]) == 2
    assert "no spotrep store at" in capsys.readouterr().err
    assert not (tmp_path / "typo.db").exists()
