"""Build plans into files: every (plan × unit) job on a pool of warm worker processes.

jobs (planning, sharding, job identity) → manifest (input hashes, incremental state) →
pool (local worker processes) → run (the build itself); progress and report show the result.
"""

from .jobs import Job, Outcome, Shard, job_slot, plan_jobs
from .manifest import MANIFEST, Manifest, code_identity, fonts_identity, project_identity
from .progress import BarProgress, LineProgress, Progress, make_progress
from .report import BuildResult, DocRecord, write_report
from .run import build

__all__ = ["MANIFEST", "BarProgress", "BuildResult", "DocRecord", "Job", "LineProgress",
           "Manifest", "Outcome", "Progress", "Shard", "build", "code_identity", "fonts_identity",
           "job_slot", "make_progress", "plan_jobs", "project_identity", "write_report"]
