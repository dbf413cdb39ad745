"""``python -m benchmarks [--quick] [--output PATH]``."""

import sys

from ._harness import main

sys.exit(main())
