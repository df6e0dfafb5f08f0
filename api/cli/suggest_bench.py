"""The fitted-state rows of ``verbinder bench suggest``: nobody waits on a fit.

Measured at seed size through :class:`api.services.Services` (the object the routes and pages
call), each row as a ratio to the warm p95 of the same run:

- start: a new service loads the saved ranker and builds its facts (what ``serve`` does before the
  first request), then the first request;
- the first request after a write (a feedback answer), repeated for several writes, answered from
  the facts before the writes with the asker's live facts;
- requests while the facts are rebuilt in the background (once the writes pause);
- the first request with an ``as_of`` not asked for before;
- requests while a ranker refit runs in the background (a separate process, as in ``serve``);
- "Mijn team" (coalition + nudges of a team): warm, and the first after a write.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from graph.store import GraphStore

__all__ = ["bench_lifecycle", "lifecycle_table"]


def _ms(fn: Callable[[], Any]) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def _row(case: str, ms: list[float], warm_p95: float, note: str = "") -> dict[str, Any]:
    p50, p95 = float(np.percentile(ms, 50)), float(np.percentile(ms, 95))
    return {
        "case": case,
        "n": len(ms),
        "p50_ms": round(p50, 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(max(ms), 1),
        "ratio_p95": round(p95 / warm_p95, 2) if warm_p95 > 0 else None,
        "note": note,
    }


def bench_lifecycle(
    store: GraphStore, encoder: str, as_of: dt.date, n: int = 20
) -> list[dict[str, Any]]:
    """The rows described in the module docstring (``store`` holds the seed and a saved ranker;
    ``encoder`` names the configured encoder)."""
    from api.services import Services, prepare_for_serving
    from api.settings import get_settings
    from matcher.suggest.feedback import record_feedback

    settings = get_settings().model_copy(update={"encoder": encoder})
    snapshots = getattr(store, "snapshot_cache", None)
    if snapshots is not None:  # a fresh start reads the store
        snapshots.clear()
    services = Services(store, settings)
    t = time.perf_counter()
    prepare_for_serving(services)  # as `serve` does at start
    services.warm(as_of)
    start_ms = (time.perf_counter() - t) * 1000
    sug = services.suggester
    st = sug.state(as_of)
    staff = [st.tg.ids[i] for i in st.tg.nodes_of("staff")]
    orgs = [st.tg.ids[i] for i in st.tg.nodes_of("organisation")]
    teams = [st.tg.ids[i] for i in st.tg.nodes_of("team")]
    rng = np.random.default_rng(0)
    asked = [str(s) for s in rng.choice(staff, min(3 * n, len(staff)), replace=False)]

    def ask(i: int, day: dt.date = as_of) -> None:
        services.suggest(staff=asked[i % len(asked)], as_of=day, k=10)

    first = [_ms(lambda: ask(0))]
    warm = [_ms(lambda i=i: ask(i)) for i in range(n)]  # type: ignore[misc]
    warm += [_ms(lambda i=i: ask(i)) for i in range(n)]  # type: ignore[misc]
    warm_p95 = float(np.percentile(warm, 95))
    version = sug.answered_from[1]
    rows = [
        _row("warm (baseline)", warm, warm_p95, f"ranker version {version}"),
        _row("first after start, saved model", first, warm_p95, f"start {start_ms / 1000:.1f} s"),
    ]

    after_write, stale = [], 0
    for i in range(n):
        record_feedback(
            store, asked[i], orgs[i % len(orgs)], "declined", date=as_of, context="suggestion"
        )
        after_write.append(_ms(lambda i=i: ask(i)))  # type: ignore[misc]
        stale += sug.answered_from[0] < store.revision
    rows.append(
        _row("first after a write", after_write, warm_p95, f"{stale}/{n} from earlier facts")
    )
    sug.wait()

    record_feedback(store, asked[0], orgs[0], "met", date=as_of, context="suggestion")
    ask(0)  # notices the write; the rebuild starts once writes pause
    time.sleep(sug.FACTS_QUIET_SECONDS + 0.2)
    rebuilding, i = [], 0
    while "facts" in sug.running_jobs and i < 20 * n:
        rebuilding.append(_ms(lambda i=i: ask(i)))  # type: ignore[misc]
        i += 1
    sug.wait()
    rows.append(
        _row("during a facts rebuild", rebuilding or [0.0], warm_p95, "after the writes pause")
    )

    days = [as_of - dt.timedelta(days=7 * (j + 1)) for j in range(n)]
    rows.append(
        _row(
            "first with a new as_of",
            [_ms(lambda j=j: ask(j, days[j])) for j in range(n)],  # type: ignore[misc]
            warm_p95,
            f"ranker fits: {sug.cache_sizes['rankers']}",
        )
    )

    for i in range(n):  # warm again after the writes
        ask(i)
    before = [v.version for v in sug.model_versions]
    job = sug.refit_in_background(as_of)
    during, i = [], 0
    while job is not None and job.is_alive() and i < 20 * n:
        during.append(_ms(lambda i=i: ask(i)))  # type: ignore[misc]
        i += 1
    sug.wait()
    saved = [v.version for v in sug.model_versions if v.version not in before]
    where = "a separate process" if sug.refitter is not None else "a thread"
    rows.append(
        _row(
            "during a background refit",
            during or [0.0],
            warm_p95,
            f"{where} saved version {saved[0]}" if saved else f"{where} saved nothing",
        )
    )

    if teams:
        rows += _team_rows(services, store, teams[0], orgs, as_of)
    return rows


def _team_rows(
    services: Any, store: GraphStore, team: str, orgs: list[str], as_of: dt.date
) -> list[dict[str, Any]]:
    """ "Mijn team" (coalition and nudges) warm, and first after each of five writes."""
    from matcher.suggest.feedback import record_feedback

    def team_page() -> None:
        services.coalition(team, as_of=as_of, k=5)
        services.agenda(team=team, as_of=as_of, horizon_days=60)  # what the page calls

    team_page()
    team_warm = [_ms(team_page) for _ in range(5)]
    team_after = []
    for i in range(5):
        services.wait_background()  # each write starts from a settled service
        record_feedback(store, team, orgs[-1 - i], "declined", date=as_of, context="coalition")
        team_after.append(_ms(team_page))
    services.wait_background()
    base = float(np.percentile(team_warm, 95))
    team_rows = [
        _row("Mijn team, warm", team_warm, base),
        _row("Mijn team, first after a write", team_after, base),
    ]
    for r in team_rows:
        r["note"] = "ratio to Mijn team warm p95"
    return team_rows


def lifecycle_table(rows: list[dict[str, Any]]) -> list[str]:
    head = (
        f"{'seed: fitted state':<34}{'n':>4}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        f"{'p95/warm':>10}  note"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r['case']:<34}{r['n']:>4}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['max_ms']:>9}"
            f"{r['ratio_p95']:>10}  {r['note']}"
        )
    return lines
