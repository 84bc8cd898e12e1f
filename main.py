"""FieldApp entry point: everything happens in fieldapp.cli."""

import sys

from fieldapp.cli import main

if __name__ == "__main__":
    sys.exit(main())
