"""The explorer's pages as HTML: home, search, the cable reader, entity pages, the SPARQL
editor. Values in (``api.explorer.reads``, ``kg.search``), text out; every string from
the data goes through ``escape``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any
from urllib.parse import quote, urlencode

from api import html
from api.explorer import svg
from api.explorer.reads import CableRef, Entity, Meeting, Mention, Overview, Ref, met_with
from kg import search
from kg.rdf.iri import IRIs

KIND_NAMES = {
    "person": "Person",
    "organization": "Organization",
    "post": "Post",
    "place": "Place",
    "topic": "Topic",
    "role": "Role",
    "meeting": "Meeting",
}


def href(iri: str, iris: IRIs) -> str:
    return html.local_path(iri, iris) or iri


def link(ref: Ref, iris: IRIs) -> str:
    return f'<a href="{escape(href(ref.iri, iris))}">{escape(ref.label)}</a>'


def cable_link(cable: CableRef, *, paragraph: int | None = None) -> str:
    anchor = "" if paragraph is None else f"#p{paragraph}"
    return f'<a href="/cable/{quote(cable.reference_id)}{anchor}">{escape(cable.reference_id)}</a>'


def cable_rows(cables: Iterable[CableRef]) -> str:
    rows = "".join(
        f'<tr><td>{cable_link(c)}</td><td class="date">{escape(c.created[:10])}</td>'
        f"<td>{escape(c.title)}</td></tr>"
        for c in cables
    )
    if not rows:
        return "<p>None.</p>"
    return (
        '<table><thead><tr><th scope="col">Cable</th><th scope="col">Date</th>'
        f'<th scope="col">Subject</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _marked(snippet: str) -> str:
    """A snippet from the index, escaped, its matches in ``<mark>``."""
    return escape(snippet).replace(search.MARK_START, "<mark>").replace(search.MARK_END, "</mark>")


# -- home --------------------------------------------------------------------------------


def home(overview: Overview, iris: IRIs, *, examples: Sequence[tuple[str, str]]) -> str:
    figures = "".join(
        f"<li><strong>{value}</strong>{escape(name)}</li>"
        for value, name in (
            (overview.cables, "cables"),
            (overview.people, "people"),
            (overview.organizations, "organizations"),
            (overview.meetings, "meetings"),
        )
    )
    span = (
        f"<p>Cables dated from <strong>{escape(overview.first)}</strong> to "
        f"<strong>{escape(overview.last)}</strong>.</p>"
        if overview.first
        else ""
    )
    connected = "".join(
        f"<li>{link(ref, iris)} <span class='muted'>met {met} "
        f"{'person' if met == 1 else 'people'} in {meetings} "
        f"meeting{'s' * (meetings != 1)}</span></li>"
        for ref, met, meetings in overview.connected
    )
    queries = "".join(
        f'<li><a href="{escape(html.query_link("/query", query))}">{escape(title)}</a> '
        f'(<a href="{escape(html.query_link("/sparql", query))}">as SPARQL JSON</a>)</li>'
        for title, query in examples
    )
    return html.page(
        "cablegraph",
        "<p>A knowledge graph of US diplomatic cables: who met whom, when, about what, "
        "and which paragraph says so.</p>"
        '<form action="/search" method="get" role="search" class="big">'
        '<label for="home-q">Search the cables and the names in them</label> '
        '<input id="home-q" type="search" name="q" placeholder="Titov, Kosovo, 07MOSCOW628 …">'
        ' <button type="submit">Search</button></form>'
        f'<ul class="figures" aria-label="The corpus">{figures}</ul>{span}'
        f'<h2>Cables by month</h2><div class="chart">{svg.timeline(overview.months)}</div>'
        f"<h2>Most connected people</h2><ul>{connected or '<li>No meetings yet.</li>'}</ul>"
        f"<h2>Newest cables</h2>{cable_rows(overview.newest)}"
        "<h2>For those who query</h2><ul>"
        '<li><a href="/sparql">/sparql</a>: the SPARQL 1.1 endpoint; '
        '<a href="/query">the SPARQL editor</a></li>'
        '<li><a href="/graphql">/graphql</a>: GraphQL, with GraphiQL</li>'
        '<li><a href="/queries">/queries</a>: saved queries, run by name</li>'
        '<li><a href="/graphs?default">/graphs</a>: the Graph Store protocol</li>'
        f"</ul><h3>Example queries</h3><ul>{queries}</ul>",
    )


# -- search ------------------------------------------------------------------------------

FACET_NAMES = (
    ("origin", "Origin"),
    ("year", "Year"),
    ("classification", "Classification"),
    ("tag", "TAGS"),
)


def search_page(
    text: str,
    results: search.Results | None,
    filters: search.Filters,
    iris: IRIs,
    *,
    offset: int,
    limit: int,
    note: str = "",
) -> str:
    form = (
        '<form action="/search" method="get" role="search">'
        '<label for="q">Words to find (every one must occur; "quotes" keep a phrase)</label> '
        f'<input id="q" type="search" name="q" value="{escape(text)}"> '
        '<button type="submit">Search</button></form>'
    )
    if note:
        form += f'<p class="error" role="status">{escape(note)}</p>'
    if results is None:
        return html.page("Search", form)
    current = {name: getattr(filters, name) for name, _ in FACET_NAMES}

    def url(**changes: Any) -> str:
        params = {"q": text, **current, **changes}
        return "/search?" + urlencode({k: v for k, v in params.items() if v})

    facets = []
    for name, title in FACET_NAMES:
        values: Sequence[tuple[str, int]] = getattr(results.facets, name)
        if not values and not current[name]:
            continue
        items = []
        for value, count in values:
            chosen = current[name] == value
            target = url(**{name: "" if chosen else value})
            mark = ' aria-current="true"' if chosen else ""
            items.append(
                f'<li><a href="{escape(target)}"{mark}>{escape(value)}</a>'
                f'<span class="muted">{count}</span></li>'
            )
        facets.append(f"<h3>{title}</h3><ul>{''.join(items)}</ul>")
    names = "".join(
        f'<li><a href="{escape(href(hit.iri, iris))}">{escape(hit.name or hit.iri)}</a> '
        f'<span class="kind">{escape(hit.kind)}</span> '
        f'<span class="muted">{_marked(hit.snippet)}</span></li>'
        for hit in results.names
    )
    hits = "".join(
        "<li>"
        + cable_link(CableRef(hit.reference_id, hit.title, hit.created), paragraph=hit.paragraph)
        + (f" ¶{escape(hit.number)}" if hit.number else " subject" if hit.paragraph is None else "")
        + f' <span class="muted">{escape(hit.created[:10])} · {escape(hit.origin)} · '
        f"{escape(hit.classification)}</span>"
        + ("" if hit.paragraph is None else f"<br>{escape(hit.title)}")
        + f"<div>{_marked(hit.snippet)}</div></li>"
        for hit in results.hits
    )
    more = ""
    if offset + limit < results.total:
        more = f'<p><a href="{escape(url(start=offset + limit))}">More passages</a></p>'
    summary = (
        f"<p role='status'>{results.total} passage{'s' * (results.total != 1)} in "
        f"{results.cables} cable{'s' * (results.cables != 1)}"
        + (f", showing {offset + 1}–{offset + len(results.hits)}" if results.hits else "")
        + ".</p>"
    )
    cables = "".join(
        f"<li>{cable_link(CableRef(refid, '', ''))}</li>" for refid in results.reference_ids
    )
    body = (
        f"{form}<div class='layout'><aside class='facets' aria-label='Narrow the search'>"
        f"{''.join(facets)}</aside><div>"
        + (f"<h2>Cables</h2><ul>{cables}</ul>" if cables else "")
        + (f"<h2>Names</h2><ul>{names}</ul>" if names else "")
        + f"<h2>Passages</h2>{summary}<ul class='hits'>{hits}</ul>{more}</div></div>"
    )
    return html.page(f"Search: {text}" if text else "Search", body)


# -- the cable reader --------------------------------------------------------------------


def marked_text(text: str, mentions: Sequence[Mention], iris: IRIs) -> str:
    """``text`` escaped, each mention a link to what it refers to (overlaps skipped)."""
    parts, at = [], 0
    for mention in mentions:
        if mention.start < at or mention.end > len(text) or mention.start >= mention.end:
            continue
        parts.append(escape(text[at : mention.start]))
        target = mention.target
        parts.append(
            f'<a class="m {escape(target.kind)}" href="{escape(href(target.iri, iris))}" '
            f'title="{escape(target.label)}">{escape(text[mention.start : mention.end])}</a>'
        )
        at = mention.end
    parts.append(escape(text[at:]))
    return "".join(parts)


def meeting_items(
    meetings: Iterable[Meeting], iris: IRIs, *, cable: bool = True, besides: Sequence[str] = ()
) -> str:
    """Meetings as a list: when, where told, with whom (``besides`` left out), about what."""
    items = []
    for meeting in meetings:
        where = meeting.paragraphs[0] if meeting.paragraphs else None
        told = ""
        if where is not None:
            told = (
                f' — <a href="/cable/{quote(meeting.cable.reference_id)}#p{where}">'
                f"read paragraph {where + 1}</a>"
            )
        people = ", ".join(
            link(ref, iris) for ref in meeting.participants if ref.iri not in besides
        )
        parties = ", ".join(link(ref, iris) for ref in meeting.parties if ref.iri not in besides)
        topics = ", ".join(link(ref, iris) for ref in meeting.topics)
        hosts = ", ".join(link(ref, iris) for ref in meeting.hosts)
        items.append(
            f'<li><a href="{escape(href(meeting.iri, iris))}">'
            f"{escape(meeting.date or 'undated')} {escape(meeting.kind)}</a>"
            f' <span class="kind">{escape(meeting.status)}</span>'
            + (f" in {cable_link(meeting.cable)}" if cable else "")
            + told
            + (f"<br>With: {people}" if people else "")
            + (f"<br>Parties: {parties}" if parties else "")
            + (f"<br>Host: {hosts}" if hosts else "")
            + (f"<br>About: {topics}" if topics else "")
            + "</li>"
        )
    return f"<ul class='meetings'>{''.join(items)}</ul>" if items else "<p>None.</p>"


def cable(
    reference_id: str,
    *,
    fields: Iterable[tuple[str, Any]],
    paragraphs: Iterable[dict[str, Any]],
    mentions: Mapping[int, Sequence[Mention]],
    meetings: Sequence[Meeting],
    cited_by: Sequence[CableRef],
    iris: IRIs,
    labels: Mapping[str, str],
) -> str:
    meta = "".join(
        f'<tr><th scope="row">{escape(name)}</th>'
        f"<td>{html.term_html(value, iris, labels)}</td></tr>"
        for name, value in fields
    )
    body = []
    for p in paragraphs:
        order = int(p.get("order", 0))
        text = marked_text(str(p["text"]), mentions.get(order, ()), iris)
        head = html.paragraph_head(p)
        body.append(
            f'<p class="paragraph" id="p{order}" tabindex="-1"><span class="head">{head}</span> '
            f'<span class="text">{text}</span></p>'
        )
    graph = iris.graph(reference_id)
    rdf = f"/graphs?{urlencode({'graph': graph})}"
    legend = (
        '<p class="legend muted">Names link to their pages: <span class="m person">people</span>'
        '<span class="m">organizations, topics</span><span class="m place">places</span></p>'
    )
    return html.page(
        reference_id,
        f"<table>{meta}</table>"
        f"<h2>Meetings it reports</h2>{meeting_items(meetings, iris, cable=False)}"
        f"<h2>Cited by</h2>{cable_rows(cited_by)}"
        f"<h2>Text</h2>{legend}{''.join(body) or '<p>(no paragraphs)</p>'}"
        f'<p class="data">Data: <a href="{escape(rdf)}">the named graph</a>, or ask this page '
        "for <code>text/turtle</code>, <code>application/n-triples</code>, "
        "<code>application/ld+json</code>.</p>",
    )


# -- entity pages ------------------------------------------------------------------------


def entity(found: Entity, iris: IRIs) -> str:
    kind = KIND_NAMES.get(found.kind, found.kind)
    parts = [f'<p class="kind">{escape(kind)}</p>']
    if found.names:
        parts.append(
            "<p>Also named: "
            + ", ".join(f"<strong>{escape(n)}</strong>" for n in found.names)
            + "</p>"
        )
    if found.facts:
        rows = "".join(
            f'<tr><th scope="row">{escape(name)}</th><td>'
            f"{link(value, iris) if isinstance(value, Ref) else escape(value)}</td></tr>"
            for name, value in found.facts
        )
        parts.append(f"<table>{rows}</table>")
    if found.kind == "meeting":
        parts.append(_meeting_body(found, iris))
    if found.roles:
        rows = "".join(
            f"<tr><td>{escape(role.as_of)}</td><td>{link(role.role, iris)}</td>"
            f"<td>{link(role.organization, iris) if role.organization else ''}</td>"
            f"<td>{cable_link(CableRef(role.cable, '', ''), paragraph=role.paragraph)}</td></tr>"
            for role in found.roles
            if role.cable
        )
        parts.append(
            '<h2>Roles over time</h2><table><thead><tr><th scope="col">As of</th>'
            '<th scope="col">Role</th><th scope="col">Organization</th>'
            f'<th scope="col">Source</th></tr></thead><tbody>{rows}</tbody></table>'
        )
    if found.kind == "person":
        others = met_with(found)
        picture = svg.ego(found.label, [(r, n, href(r.iri, iris)) for r, n in others])
        if picture:
            parts.append(f"<h2>Who {escape(found.label)} met</h2><div class='ego'>{picture}</div>")
        meetings = meeting_items(found.meetings, iris, besides=found.nodes)
        parts.append(f"<h2>Meetings</h2>{meetings}")
    elif found.kind != "meeting" and found.meetings:
        parts.append(f"<h2>Meetings</h2>{meeting_items(found.meetings, iris)}")
    if found.members:
        rows = "".join(
            f"<tr><td>{link(person, iris)}</td><td>{link(role, iris) if role else ''}</td>"
            f"<td>{escape(as_of)}</td></tr>"
            for person, role, as_of in found.members
        )
        parts.append(
            '<h2>People</h2><table><thead><tr><th scope="col">Person</th>'
            f'<th scope="col">Role</th><th scope="col">As of</th></tr></thead>{rows}</table>'
        )
    if found.kind != "meeting":
        parts.append(f"<h2>Cables</h2>{cable_rows(found.cables)}")
    data = html.local_path(found.iri, iris) or found.iri
    parts.append(
        f'<p class="data"><a href="{escape(data)}?view=data">Data</a>: the triples of '
        f"<code>{escape(found.iri)}</code>; Turtle, N-Triples or JSON-LD by Accept.</p>"
    )
    return html.page(found.label, "".join(parts))


def _meeting_body(found: Entity, iris: IRIs) -> str:
    if not found.meetings:
        return ""
    meeting = found.meetings[0]
    rows = [
        ("Date", escape(meeting.date or "undated")),
        ("Kind", escape(meeting.kind)),
        ("Status", escape(meeting.status)),
        ("Participants", ", ".join(link(r, iris) for r in meeting.participants)),
        ("Parties", ", ".join(link(r, iris) for r in meeting.parties)),
        ("Host", ", ".join(link(r, iris) for r in meeting.hosts)),
        ("Topics", ", ".join(link(r, iris) for r in meeting.topics)),
        ("Reported in", f"{cable_link(meeting.cable)} {escape(meeting.cable.title)}"),
        (
            "Told in",
            ", ".join(
                f'<a href="/cable/{quote(meeting.cable.reference_id)}#p{order}">'
                f"paragraph {order + 1}</a>"
                for order in meeting.paragraphs
            ),
        ),
    ]
    return (
        "<table>"
        + "".join(
            f'<tr><th scope="row">{name}</th><td>{value}</td></tr>' for name, value in rows if value
        )
        + "</table>"
    )
