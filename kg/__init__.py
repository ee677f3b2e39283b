"""vnpost-kg: a knowledge graph of Vietnam Post built from Vietnamese news articles.

The pipeline runs in one direction, one module per stage:
read -> extract -> resolve -> assemble -> check -> outputs (see README.md).
"""

__version__ = "0.1.0"
