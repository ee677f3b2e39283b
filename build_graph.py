"""Build the knowledge graph: `python build_graph.py [--corpus DIR] [--out DIR]`.

The same as `vnpost-kg build`, for those who run scripts rather than commands.
"""

import sys

from kg.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
