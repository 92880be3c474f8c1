from pathlib import Path

import pytest

from tests.verify.helpers import policy_copy


@pytest.fixture
def policy(tmp_path) -> Path:
    """A copy of the real policy (docs/ and data/) to run verify in."""
    return policy_copy(tmp_path / "repo")
