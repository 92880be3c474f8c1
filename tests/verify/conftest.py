from pathlib import Path

import pytest

from tests.verify.helpers import policy_copy


@pytest.fixture
def policy(tmp_path) -> Path:
    """A copy of the fixture organisation's policy (docs/, data/, revisions/) to run verify in."""
    return policy_copy(tmp_path / "repo")
