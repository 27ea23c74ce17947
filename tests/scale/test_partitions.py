from __future__ import annotations

import json
from pathlib import Path

import pytest
from generated import write_shards

from spotrep.errors import UsageError
from spotrep.records import Article, Failure
from spotrep.scale import Partition, RunDir, plan
from spotrep.scale.runs import write_atomically


def _ids(items: list[Article | Failure]) -> list[str]:
    return [i.id if isinstance(i, Article) else i.article_id for i in items]


@pytest.mark.parametrize(
    ("n", "per_shard", "size", "expected"),
    [
        (10, 10, 4, [(0, 4), (4, 8), (8, 10)]),
        (10, 5, 5, [(0, 5), (0, 5)]),
        (7, 3, 10, [(0, 3), (0, 3), (0, 1)]),
    ],
)
def test_shards_are_cut_into_slices_of_at_most_size(
    tmp_path: Path, n: int, per_shard: int, size: int, expected: list[tuple[int, int]]
) -> None:
    write_shards(tmp_path / "shards", n, per_shard)
    parts = plan([str(tmp_path / "shards")], size)
    assert [(p.start, p.stop) for p in parts] == expected
    assert [p.key for p in parts] == [f"{i:06d}" for i in range(len(expected))]
    ids = [i for p in parts for i in _ids(p.articles())]
    assert ids == [f"gen-{i:04d}" for i in range(n)]  # every article once, in order


def test_gzipped_shards_and_a_quoted_glob(tmp_path: Path) -> None:
    paths = write_shards(tmp_path, 6, 2)
    assert any(p.name.endswith(".gz") for p in paths)
    parts = plan([str(tmp_path / "shard-*.jsonl*")], 100)
    assert len(parts) == 3
    assert sum(len(p.articles()) for p in parts) == 6


def test_small_files_are_grouped_and_shards_stand_alone(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(f"Report {i}: gunmen attacked a village.")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "x", "text": "A shell hit."}) + "\n")
    (tmp_path / "README.md").write_text("not an article")
    parts = plan([str(tmp_path)], 2)
    assert [len(p.sources) for p in parts] == [2, 2, 1, 1]
    assert _ids(parts[-1].articles()) == ["x"]


def test_a_bad_line_fails_only_its_article(tmp_path: Path) -> None:
    shard = tmp_path / "s.jsonl"
    shard.write_text('{"id": "ok", "text": "Rockets hit a base."}\nnot json\n')
    (part,) = plan([str(shard)])
    ok, bad = part.articles()
    assert isinstance(ok, Article) and isinstance(bad, Failure)


def test_plan_is_the_same_for_the_same_inputs(tmp_path: Path) -> None:
    write_shards(tmp_path, 9, 4)
    assert plan([str(tmp_path)], 3) == plan([str(tmp_path)], 3)
    assert Partition.from_dict(plan([str(tmp_path)], 3)[1].to_dict()) == plan([str(tmp_path)], 3)[1]


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        plan([str(tmp_path / "missing.jsonl")])


def test_a_run_folder_refuses_another_plan(tmp_path: Path) -> None:
    write_shards(tmp_path / "in", 4, 4)
    run = RunDir(tmp_path / "run")
    run.create(plan([str(tmp_path / "in")], 2))
    run.create(plan([str(tmp_path / "in")], 2))  # the same plan: a rerun
    with pytest.raises(UsageError, match="other inputs"):
        run.create(plan([str(tmp_path / "in")], 3))


def test_atomic_write_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "part.parquet"
    write_atomically(target, b"one")
    write_atomically(target, b"two")  # a retry replaces its own file
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["part.parquet"]


def test_temp_files_of_killed_tasks_are_removed(tmp_path: Path) -> None:
    run = RunDir(tmp_path / "run")
    run.create([Partition("000000", ("x",))])
    (run.parts / ".000000.parquet.123.abcd.tmp").write_bytes(b"half")
    assert run.remove_temp_files() == 1
    assert list(run.parts.iterdir()) == []
