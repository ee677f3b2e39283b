"""Errors a user can act on. The CLI prints their message (no traceback) and exits with `exit_code`."""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error the project raises on purpose."""

    exit_code = 2


class UserInputError(KgError):
    """Bad input from the user: a missing folder, a file where a folder is expected, a bad query."""


class DataFileError(KgError):
    """A rule or gazetteer file inside the package is inconsistent (names a term the ontology lacks...)."""
