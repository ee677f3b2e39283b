"""The files of the output folder a client may download, and their media types.

Only regular files directly inside the folder are served, looked up by name in a listing of the
folder, never by joining a client's path onto it: `../`, encoded or not, names nothing.
"""

from __future__ import annotations

from pathlib import Path

from kg.outputs import DUMPS, ONTOLOGY_DUMP, ONTOLOGY_HTML, ONTOLOGY_RDFXML


def _with_charset(media_type: str) -> str:
    return media_type + "; charset=utf-8" if media_type.startswith("text/") else media_type


MEDIA_TYPES = {
    **{Path(name).suffix: _with_charset(media) for name, (_, media) in DUMPS.items()},
    ".rdf": "application/rdf+xml",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
}
ONTOLOGY_FILES = {"html": ONTOLOGY_HTML, "ttl": ONTOLOGY_DUMP, "rdf": ONTOLOGY_RDFXML}


def served_file(dist_dir: Path, name: str) -> Path | None:
    """The regular file `name` directly inside the output folder, if there is one (symlinks excluded)."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    for entry in dist_dir.iterdir():
        if entry.name == name and entry.is_file() and not entry.is_symlink():
            return entry
    return None


def media_type(path: Path) -> str:
    return MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
