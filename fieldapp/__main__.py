"""`python -m fieldapp`: the same as main.py."""

import sys

from fieldapp.cli import main

sys.exit(main())
