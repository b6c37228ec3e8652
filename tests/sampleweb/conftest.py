"""Sample webs shared by the tests in this folder (each is a real server in a child process)."""

from __future__ import annotations

import pytest

from sampleweb.server import running_sample_web

SMALL = 60


@pytest.fixture(scope="session")
def access_log(tmp_path_factory):
    return tmp_path_factory.mktemp("sampleweb") / "access.jsonl"


@pytest.fixture(scope="session")
def web(access_log):
    """A fault-free sample web of 60 programs, logging every request."""
    with running_sample_web(programs=SMALL, access_log=str(access_log)) as w:
        yield w


@pytest.fixture(scope="session")
def truth(web):
    return {r["program_id"]: r for r in web.truth()}
