"""`python -m kg` is the same as the `vnpost-kg` command."""

import sys

from kg.cli import main

sys.exit(main())
