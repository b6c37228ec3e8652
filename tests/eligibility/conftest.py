"""Make the dev-set loader importable from the eligibility tests."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
