from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.robustness.procs import reap_children


@pytest.fixture(autouse=True)
def no_child_left_running() -> Iterator[None]:
    """A failed assertion must not leave writers or readers looping."""
    yield
    reap_children()
