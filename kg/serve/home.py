"""The query page: a textarea, a Run button and the competency questions as examples; works offline.

Its one inline script posts to /sparql and builds the result table with textContent, never innerHTML,
so values from the data stay text. The example queries sit in the page as escaped text.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import kg
from kg.errors import UserInputError
from kg.query import library, read_query
from kg.serve.links import Linker
from kg.serve.pages import esc, layout

SCRIPT = """
(function () {
  var main = document.querySelector("main");
  var endpoint = main.dataset.endpoint, base = main.dataset.base, local = main.dataset.local;
  var box = document.getElementById("query"), out = document.getElementById("results");
  function href(iri) {
    if (iri.indexOf(base + "id/") === 0) { return local + iri.slice(base.length); }
    return /^https?:\\/\\//i.test(iri) ? iri : null;
  }
  function cell(term) {
    var td = document.createElement("td");
    if (!term) { return td; }
    var target = term.type === "uri" ? href(term.value) : null;
    var node = document.createElement(target ? "a" : "span");
    if (target) { node.setAttribute("href", target); }
    node.textContent = term.value;
    td.appendChild(node);
    if (term["xml:lang"]) { var tag = document.createElement("span"); tag.className = "tag";
      tag.textContent = "@" + term["xml:lang"]; td.appendChild(tag); }
    return td;
  }
  function show(data, truncated) {
    out.replaceChildren();
    var note = document.createElement("p");
    if ("boolean" in data) { note.textContent = "Answer: " + data["boolean"]; out.appendChild(note); return; }
    var vars = data.head.vars, rows = data.results.bindings, table = document.createElement("table");
    var head = document.createElement("tr");
    vars.forEach(function (v) { var th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
    table.appendChild(head);
    rows.forEach(function (row) {
      var tr = document.createElement("tr");
      vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
      table.appendChild(tr);
    });
    note.textContent = rows.length + " row(s)" + (truncated ? ", cut at the endpoint's result limit" : "");
    out.appendChild(note);
    out.appendChild(table);
  }
  function fail(text) {
    var pre = document.createElement("pre");
    pre.className = "error";
    pre.textContent = text;
    out.replaceChildren(pre);
  }
  document.getElementById("run").addEventListener("click", function () {
    out.textContent = "Running…";
    fetch(endpoint, {method: "POST", body: new URLSearchParams({query: box.value}),
                     headers: {"Accept": "application/sparql-results+json"}})
      .then(function (response) {
        var truncated = response.headers.get("X-Result-Truncated") === "true";
        if (!response.ok) { return response.text().then(fail); }
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("json") < 0) { return response.text().then(function (t) { fail(t); }); }
        return response.json().then(function (data) { show(data, truncated); });
      })
      .catch(function (error) { fail(String(error)); });
  });
  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      box.value = document.getElementById(button.dataset.query).textContent;
      box.focus();
    });
  });
})();
"""
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
DEFAULT_QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?thing ?label WHERE { ?thing rdfs:label ?label } LIMIT 20
"""


def examples_folder(dist_dir: Path) -> Path | None:
    """The competency questions: a queries/ folder beside the output folder, else the project's own."""
    for folder in (Path(dist_dir).parent / "queries", Path(kg.__file__).resolve().parent.parent / "queries"):
        if folder.is_dir():
            return folder
    return None


def load_examples(folder: Path | None) -> list[tuple[str, str, str]]:
    """(file name, question in English, query text) of each .rq file; unreadable files are left out."""
    if folder is None:
        return []
    found = []
    for name, question in library(folder):
        try:
            found.append((name, question, read_query(folder / name)))
        except UserInputError:
            continue
    return found


def query_page(examples: list[tuple[str, str, str]], linker: Linker, public_base: str) -> str:
    """The page at /."""
    items = []
    stores = []
    for number, (name, question, text) in enumerate(examples):
        items.append(
            f'<li><button type="button" class="example" data-query="example-{number}">{esc(question or name)}'
            f'</button><span class="tag">{esc(name)}</span></li>'
        )
        stores.append(f'<pre hidden id="example-{number}">{esc(text)}</pre>')
    listing = f"<h2>Competency questions</h2><ul>{''.join(items)}</ul>" if items else ""
    body = (
        f'<h1 lang="en">Vietnam Post knowledge graph</h1>'
        '<p lang="en">Ask the graph in SPARQL (the default graph is the union of all named graphs), browse a '
        f'resource such as <a href="{esc(linker.path("/id/org/tong-cong-ty-buu-dien-viet-nam"))}">Tổng công ty '
        f'Bưu điện Việt Nam</a>, or download the <a href="{esc(linker.path("/void"))}">dumps</a>.</p>'
        f'<textarea id="query" rows="14" spellcheck="false" aria-label="SPARQL query">{esc(DEFAULT_QUERY)}</textarea>'
        '<p><button type="button" id="run">Run</button></p><div id="results" aria-live="polite"></div>'
        f"{listing}{''.join(stores)}<script>{SCRIPT}</script>"
    )
    attributes = (
        f'data-endpoint="{esc(linker.path("/sparql"))}" data-base="{esc(public_base)}" '
        f'data-local="{esc(linker.path("/"))}"'
    )
    return layout("vnpost-kg: SPARQL", body, linker, lang="en", main_attributes=attributes)
