"""``python -m kg.evaluate GOLD_DIR [--cable REFID] [--json] [--by-rule]``."""

from __future__ import annotations

import sys

from kg.evaluate import main

sys.exit(main())
