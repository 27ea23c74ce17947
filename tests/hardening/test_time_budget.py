"""The per-article time budget holds wherever an article is worked on: in the main thread, in
any other thread (a server's, a Dask worker's), in ``--jobs`` workers and in engine tasks.

Time is a clock the tests move themselves: each stand-in stage "takes" a second of it, so the
tests are exact and fast (no timed assertions on the shared machine)."""

from __future__ import annotations

import pickle
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from spotrep import pipeline as pipeline_module
from spotrep.bounds import DEFAULT_TIME_BUDGET, BudgetExceeded, Deadline, time_budget
from spotrep.pipeline import Pipeline
from spotrep.records import Article, Failure, Result


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_a_deadline_passes_when_its_clock_says_so(clock: FakeClock) -> None:
    deadline = Deadline.after(2.0, clock)
    deadline.check()
    clock.now = 1.5
    assert deadline.remaining() == 0.5
    deadline.check()
    clock.now = 2.0
    assert deadline.remaining() == 0.0
    with pytest.raises(BudgetExceeded):
        deadline.check()


def test_no_deadline_never_passes(clock: FakeClock) -> None:
    deadline = Deadline.after(None, clock)
    clock.now = 1e12
    deadline.check()
    assert deadline.remaining() is None


# ---- the stages: each takes one second of the fake clock ------------------------------------

STAGES = ("places", "times", "events", "claims")


@pytest.fixture
def stages(monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> list[str]:
    """Every extractor replaced by one that takes a second and finds nothing; the list of the
    stages run, in order."""
    ran: list[str] = []

    def stage(name: str) -> Any:
        def run(*_args: object, **_kwargs: object) -> tuple[()]:
            ran.append(name)
            clock.now += 1.0
            return ()
        return run

    monkeypatch.setattr(pipeline_module.places, "find_places", stage("places"))
    monkeypatch.setattr(pipeline_module.times, "find_times", stage("times"))
    monkeypatch.setattr(pipeline_module.events, "find_events", stage("events"))
    monkeypatch.setattr(pipeline_module.claims, "find_claims", stage("claims"))
    return ran


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def slow_parser(clock: FakeClock, seconds: float) -> Language:
    """A blank English model with one component that takes ``seconds`` on articles holding
    "slow parse" (and no time otherwise)."""
    nlp = spacy.blank("en")
    name = f"slow_{id(clock)}_{seconds:g}".replace(".", "_")

    @Language.component(name)
    def slow(doc: Doc) -> Doc:
        if "slow parse" in doc.text:
            clock.now += seconds
        return doc

    nlp.add_pipe(name)
    nlp.add_pipe("sentencizer")
    return nlp


def make_pipeline(nlp: Language, clock: FakeClock, budget: float | None) -> Pipeline:
    res = SimpleNamespace(places=None, times=None, events=None, claims=None)
    return Pipeline(nlp=nlp, resources=res, time_budget=budget, clock=clock)  # type: ignore[arg-type]


def articles(*texts: str) -> list[Article]:
    return [Article.create(t, id=t.replace(" ", "-"), published="2024-01-01") for t in texts]


def kinds(outputs: list[Result | Failure]) -> list[str]:
    return [type(o).__name__ for o in outputs]


def test_the_deadline_is_checked_between_the_extractors(
    blank: Language, clock: FakeClock, stages: list[str]
) -> None:
    pipeline = make_pipeline(blank, clock, 2.5)
    (out,) = pipeline.run(articles("A strike hit the town."))
    assert isinstance(out, Failure)
    assert out.reason.startswith("took longer than 2.5 s (the per-article time budget)")
    assert stages == ["places", "times", "events"]  # claims never started


def test_an_article_within_its_budget_runs_every_stage(
    blank: Language, clock: FakeClock, stages: list[str]
) -> None:
    pipeline = make_pipeline(blank, clock, 4.5)
    (out,) = pipeline.run(articles("A strike hit the town."))
    assert isinstance(out, Result)
    assert stages == list(STAGES)


def test_a_slow_parse_fails_its_article_alone(clock: FakeClock, stages: list[str]) -> None:
    """The group's parse overruns, each article is parsed alone, and only the culprit fails
    (its parse overran before any extractor)."""
    pipeline = make_pipeline(slow_parser(clock, 50.0), clock, 10.0)
    texts = ("One report.", "A slow parse here.", "Another report.")
    out = list(pipeline.run(articles(*texts), batch_size=8))
    assert kinds(out) == ["Result", "Failure", "Result"]
    assert out[1].article_id == "A-slow-parse-here."  # type: ignore[union-attr]
    assert stages == list(STAGES) * 2


def run_in_thread(pipeline: Pipeline, items: list[Article]) -> list[Result | Failure]:
    with ThreadPoolExecutor(1) as pool:
        assert threading.current_thread() is threading.main_thread()
        return pool.submit(lambda: list(pipeline.run(items))).result()


def test_the_budget_holds_in_a_thread_that_is_not_the_main_thread(
    blank: Language, clock: FakeClock, stages: list[str]
) -> None:
    pipeline = make_pipeline(blank, clock, 2.5)
    out = run_in_thread(pipeline, articles("First report.", "Second report."))
    assert kinds(out) == ["Failure", "Failure"]
    assert all(o.reason.startswith("took longer than 2.5 s") for o in out)  # type: ignore[union-attr]
    assert stages == ["places", "times", "events"] * 2  # the run went on to the second


def test_a_slow_parse_in_a_thread_fails_alone(clock: FakeClock, stages: list[str]) -> None:
    pipeline = make_pipeline(slow_parser(clock, 50.0), clock, 10.0)
    out = run_in_thread(pipeline, articles("One report.", "A slow parse here."))
    assert kinds(out) == ["Result", "Failure"]


def test_no_budget_means_no_limit(blank: Language, clock: FakeClock, stages: list[str]) -> None:
    (out,) = make_pipeline(blank, clock, None).run(articles("A strike hit the town."))
    assert isinstance(out, Result)


# ---- the backstop between checks: a signal in the main thread, a timer elsewhere ------------


def busy(seconds: float) -> None:
    """Pure Python work (a signal or an asynchronous exception lands between bytecodes)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def backstop_outcome() -> list[str]:
    seen: list[str] = []
    try:
        with time_budget(0.05):
            busy(5.0)
        seen.append("ran to the end")
    except BudgetExceeded:
        seen.append("interrupted")
    with time_budget(0.05):  # done in time: nothing may fire afterwards
        pass
    busy(0.2)
    seen.append("nothing fired late")
    return seen


def test_the_backstop_interrupts_python_work_in_the_main_thread() -> None:
    assert backstop_outcome() == ["interrupted", "nothing fired late"]


def test_the_backstop_interrupts_python_work_in_another_thread() -> None:
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(backstop_outcome).result() == ["interrupted", "nothing fired late"]


# ---- the budget reaches every place the unit of work runs -----------------------------------


@pytest.fixture
def seen_budgets(monkeypatch: pytest.MonkeyPatch, blank: Language) -> list[float | None]:
    """``spotrep.api.process`` replaced by one that records the budget it was given."""
    import spotrep.api

    budgets: list[float | None] = []

    def process(items: Any, time_budget: float | None = DEFAULT_TIME_BUDGET,
                **_: Any) -> Iterator[Failure]:
        budgets.append(time_budget)
        for item in items:
            yield Failure(getattr(item, "id", "?"), "not extracted in this test")

    monkeypatch.setattr(spotrep.api, "process", process)
    monkeypatch.setattr(pipeline_module, "load_pipeline", lambda: SimpleNamespace(nlp=blank))
    return budgets


def test_a_worker_chunk_gets_the_pools_budget(
    seen_budgets: list[float | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    from spotrep.scale.pool import WorkerPool

    def in_process(self: WorkerPool, fn: Any, tasks: Any) -> Iterator[Any]:
        pickle.dumps(fn)  # what goes to a worker process must pickle
        return map(fn, tasks)

    monkeypatch.setattr(WorkerPool, "map", in_process)
    with WorkerPool(2, load=False, time_budget=4.0) as pool:
        out = list(pool.extract(articles("One.", "Two.")))
    assert len(out) == 2 and seen_budgets == [4.0]


def test_an_engine_task_gets_the_budget(
    seen_budgets: list[float | None], tmp_path: Any
) -> None:
    import cloudpickle

    from spotrep.scale import RunDir, plan
    from spotrep.scale.work import budgeted_task, extract_partition

    (tmp_path / "a.txt").write_text("On March 5 a strike hit Kharkiv.")
    (partition,) = plan([str(tmp_path / "a.txt")], 10)
    RunDir(tmp_path / "run").create([partition])
    assert budgeted_task(DEFAULT_TIME_BUDGET) is extract_partition
    task = cloudpickle.loads(cloudpickle.dumps(budgeted_task(3.0)))  # as Dask sends it
    counts = task(partition, str(tmp_path / "run"))
    assert counts.failures == 1 and seen_budgets == [3.0]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["ingest", "a.txt", "--jobs", "2", "--time-budget", "7"], 7.0),
        (["ingest", "a.txt", "--time-budget", "7"], 7.0),
        (["ingest", "a.txt", "--jobs", "2"], DEFAULT_TIME_BUDGET),
    ],
)
def test_ingest_passes_its_budget_to_every_extractor(
    argv: list[str], expected: float, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    import spotrep.store.ingest as ingest_module
    from spotrep.cli import main
    from spotrep.store.ingest import Summary

    given: dict[str, Any] = {}

    def ingest(store: Any, items: Any, **kwargs: Any) -> Summary:
        given.update(kwargs)
        return Summary()

    monkeypatch.setattr(ingest_module, "ingest", ingest)
    monkeypatch.chdir(tmp_path)
    assert main([*argv, "--db", str(tmp_path / "s.db"), "-q"]) == 0
    assert given["time_budget"] == expected
    assert given.get("extractor") is None  # --jobs reaches the worker pool


def test_extract_jobs_give_the_workers_its_budget(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    import spotrep.scale
    from spotrep.cli import main

    budgets: list[float | None] = []

    class Pool:
        def __init__(self, jobs: int, time_budget: float | None = None) -> None:
            budgets.append(time_budget)

        def __enter__(self) -> Pool:
            return self

        def __exit__(self, *_: object) -> None:
            return None

        def extract(self, items: Any) -> Iterator[Failure]:
            for item in items:
                yield Failure(item.id, "not extracted in this test")

    monkeypatch.setattr(spotrep.scale, "WorkerPool", Pool)
    (tmp_path / "a.txt").write_text("On March 5 a strike hit Kharkiv.")
    code = main(["extract", str(tmp_path / "a.txt"), "--jobs", "2", "--time-budget", "6", "-q",
                 "-o", str(tmp_path / "out.jsonl")])
    assert code == 1 and budgets == [6.0]
