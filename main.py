"""FieldApp entry point: everything happens in fieldapp.cli."""

import multiprocessing
import sys

from fieldapp.cli import main

if __name__ == "__main__":
    # A frozen server's workers (--workers) start this executable again: this line makes them
    # workers instead of a second app (a no-op when not frozen).
    multiprocessing.freeze_support()
    sys.exit(main())
