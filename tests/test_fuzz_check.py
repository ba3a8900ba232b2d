"""Hypothesis drives tools/fuzz_check.py's mutations of the example plans on a CI budget:
`docgen check` must never raise, hang or report an error without file:line:col."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import fuzz_check  # noqa: E402

SEEDS = fuzz_check.seeds()
FOLDER = Path(tempfile.mkdtemp(prefix="docgen-hypothesis-"))
OPS = st.lists(st.tuples(st.integers(0, 7), st.floats(0, 1), st.floats(0, 1), st.integers(0, 999)),
               min_size=1, max_size=4)


@settings(max_examples=300, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, len(SEEDS) - 1), ops=OPS, csv_ops=st.lists(OPS, max_size=1))
def test_mutated_plans_get_located_errors_and_never_a_traceback(seed: int, ops, csv_ops) -> None:
    files = dict(SEEDS[seed].files)
    files["plan.yaml"] = fuzz_check.mutate(files["plan.yaml"], ops, fuzz_check.TOKENS)
    for name in [n for n in files if n.endswith(".csv")][:1]:
        for more in csv_ops:
            files[name] = fuzz_check.mutate(files[name], more, fuzz_check.CSV_TOKENS)
    out = fuzz_check.check_case(FOLDER, files)
    assert not out.traceback, out.traceback
    assert not out.unlocated, out.unlocated
    assert out.seconds < 5, f"slow case: {out.seconds:.1f} s"
