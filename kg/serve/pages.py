"""HTML pages of resources: self-contained (one inline stylesheet, nothing fetched), every data text escaped.

The articles behind the graph are written by strangers, so no text from the data ever reaches the
page unescaped: labels, quotes and literals all pass through `esc`, and hrefs come from `Linker`.
"""

from __future__ import annotations

from html import escape

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.serve.describe import Description, EvidenceView
from kg.serve.links import Linker, compact
from kg.serve.store import Graphs, Term

XSD_ANY_URI = "http://www.w3.org/2001/XMLSchema#anyURI"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LONG_TEXT = 400

STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#f5c400;padding:.5em 1.5em}header a{color:#1d1d1f;font-weight:600;margin-right:1em}
main{max-width:70em;margin:0 auto;padding:1em 1.5em}h1{margin:.3em 0 0}.en{color:#555;margin:0}
.iri{font-family:monospace;font-size:.85em;color:#555;word-break:break-all}
table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border-bottom:1px solid #ddd;padding:.3em .5em;
vertical-align:top;text-align:left}th{width:28%;font-weight:500;color:#444}
.tag{font-size:.75em;color:#777;margin-left:.4em}blockquote{margin:.5em 0;padding:.5em 1em;background:#fff;
border-left:4px solid #f5c400}mark{background:#ffe680}.meta{font-size:.9em;color:#444;margin:.2em 0 1em}
.long{white-space:pre-wrap;max-height:30em;overflow:auto}textarea{width:100%;font-family:monospace}
button.example{display:block;margin:.2em 0;text-align:left;background:none;border:0;color:#0645ad;
cursor:pointer;padding:0;font:inherit}#results{overflow:auto}.error{color:#b00020;white-space:pre-wrap}
"""


def esc(text: str) -> str:
    """Text from the data, made safe for element content and quoted attributes."""
    return escape(text, quote=True)


def layout(title: str, body: str, linker: Linker, lang: str = "vi", main_attributes: str = "") -> str:
    """A whole page around its main content, with the site's navigation (attributes are trusted markup)."""
    nav = (
        f'<a href="{esc(linker.path("/"))}">vnpost-kg</a><a href="{esc(linker.path("/ontology"))}">ontology</a>'
        f'<a href="{esc(linker.path("/void"))}">dataset</a>'
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{STYLE}</style></head>"
        f"<body><header>{nav}</header><main{' ' + main_attributes if main_attributes else ''}>{body}</main>"
        "</body></html>\n"
    )


def not_found_page(path: str, linker: Linker) -> str:
    body = f"<h1>Not found</h1><p>No resource <code>{esc(path)}</code> in this graph.</p>"
    return layout("Not found", body, linker, lang="en")


class ResourcePage:
    """Renders one resource's description; labels of linked resources are looked up as needed."""

    def __init__(self, graphs: Graphs, linker: Linker) -> None:
        self.graphs = graphs
        self.linker = linker

    def render(self, description: Description) -> str:
        node = description.node
        labels = description.labels
        title = labels.get("vi") or self.graphs.label(node) or self.unlabelled_title(description)
        parts = [f'<h1 lang="vi">{esc(title)}</h1>']
        if labels.get("en") and labels["en"] != title:
            parts.append(f'<p class="en" lang="en">{esc(labels["en"])}</p>')
        parts.append(
            f'<p class="iri">{esc(node.value)} · <a href="?format=ttl">Turtle</a> '
            '<a href="?format=jsonld">JSON-LD</a> <a href="?format=nt">N-Triples</a></p>'
        )
        if description.types:
            parts.append("<p>Types: " + ", ".join(self.term(t) for t in description.types) + "</p>")
        if description.evidence:
            parts.append("<h2>Evidence</h2>" + "".join(self.evidence(view) for view in description.evidence))
        if description.facts:
            rows = "".join(
                f"<tr><th>{self.term(prop)}</th><td>{self.term(value)}{self.statement_link(statement)}</td></tr>"
                for prop, value, statement in description.facts
            )
            parts.append(f"<h2>Facts</h2><table>{rows}</table>")
        if description.incoming:
            rows = "".join(
                f"<tr><th>{self.term(prop)}</th><td>{self.term(subject)}</td></tr>"
                for subject, prop in description.incoming
            )
            more = description.incoming_total - len(description.incoming)
            note = f"<p>… and {more} more (ask the SPARQL endpoint for all).</p>" if more > 0 else ""
            parts.append(f"<h2>Incoming links</h2><table>{rows}</table>{note}")
        return layout(title, "".join(parts), self.linker)

    def unlabelled_title(self, description: Description) -> str:
        """A fact node has no label: its class and the last part of its IRI say what it is."""
        kinds = [self.graphs.label(each) for each in description.types]
        kind = next((each for each in kinds if each), None)
        name = self.short(description.node.value).rsplit("/", 1)[-1]
        return f"{kind}: {name}" if kind else self.short(description.node.value)

    def short(self, iri: str) -> str:
        """An IRI as link text: the path under <public_base>id/, or prefix:name, or the whole IRI."""
        base = self.graphs.resource_base
        return iri[len(base) :] if iri.startswith(base) and len(iri) > len(base) else compact(iri)

    def term(self, term: Term) -> str:
        """A value as HTML: a labelled link for a resource, escaped text for a literal."""
        if isinstance(term, NamedNode):
            return self.link(term)
        if isinstance(term, BlankNode):
            return f"<code>_:{esc(term.value)}</code>"
        if isinstance(term, Literal):
            return self.literal(term)
        return esc(str(term))  # a quoted triple (RDF 1.2): shown in its N-Triples form

    def link(self, node: NamedNode, text: str | None = None) -> str:
        label = text or self.graphs.label(node) or self.short(node.value)
        href = self.linker.href(node.value)
        if href is None:
            return f'<span title="{esc(node.value)}">{esc(label)}</span>'
        return f'<a href="{esc(href)}" title="{esc(node.value)}">{esc(label)}</a>'

    def literal(self, literal: Literal) -> str:
        value = literal.value
        if literal.language:
            tag = f'<span class="tag">@{esc(literal.language)}</span>'
        elif literal.datatype.value != XSD_STRING:
            tag = f'<span class="tag">{esc(compact(literal.datatype.value))}</span>'
        else:
            tag = ""
        if literal.datatype.value == XSD_ANY_URI and value.lower().startswith(("http://", "https://")):
            return f'<a href="{esc(value)}" rel="nofollow">{esc(value)}</a>{tag}'
        if len(value) > LONG_TEXT:
            lang = f' lang="{esc(literal.language)}"' if literal.language else ""
            summary = esc(value[:200].rstrip()) + "…"
            return f'<details><summary>{summary}</summary><div class="long"{lang}>{esc(value)}</div></details>{tag}'
        return esc(value) + tag

    def statement_link(self, statement: NamedNode | None) -> str:
        if statement is None:
            return ""
        return f' <span class="tag">({self.link(statement, "evidence")})</span>'

    def evidence(self, view: EvidenceView) -> str:
        quote = esc(view.before)
        if view.matched:
            quote += f"<mark>{esc(view.matched)}</mark>{esc(view.after)}"
        meta = []
        if view.matched_elsewhere:
            meta.append(f"matched: <mark>{esc(view.matched_elsewhere)}</mark>")
        if view.article is not None:
            meta.append("article: " + self.link(view.article, view.article_title))
        if view.sentence_index is not None:
            meta.append(f"sentence {esc(view.sentence_index)}")
        if view.rule is not None:
            meta.append("rule: " + self.link(view.rule, view.rule_label))
        if view.confidence is not None:
            meta.append(f"confidence {esc(view.confidence)}")
        meta.append(self.link(view.node, "evidence node"))
        return f'<blockquote lang="vi">{quote}</blockquote><p class="meta">{" · ".join(meta)}</p>'
