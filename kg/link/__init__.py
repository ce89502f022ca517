"""Cross-cable identity: which person nodes are one person, how sure, and why.

A cable that gives a full name makes a global person node (``{base}person/vladimir-titov``);
one that gives only a surname ("DFM Titov") makes a node of its own
(``{base}cable/07MOSCOW628/person/person-titov``). ``link_people`` reads the store and
scores, for each such cable-local person, the global persons with exactly the same
surname (accents and case aside; never a shared stem: Arbatov is not Arbatova), and for
two global persons whose names differ only by a middle name or initial (William Burns,
William J. Burns), how likely they are one person. ``write_links`` puts the result in
one named graph, ``{base}graph/links``: ``owl:sameAs`` for
links at or above ``SAME_AS_THRESHOLD``, and a ``kg:IdentityLink`` node for every link
with its confidence and reasons. ``relink`` does both over the whole store (``kg link``);
``link_cables`` (``kg.link.update``) links only the people of the cables an ingest wrote,
against the store's index of names (``kg.link.index``), and gives the same links;
``kg ingest`` calls it after an ingest that changed anything.

The score starts from the name (same surname 0.45; same given name and surname, middles
compatible, 0.55) and adds or takes away for what the cables say around the two nodes:

    same role title (abbreviations expanded: DFM = Deputy Foreign Minister)  +0.30
        (+0.15 for a one-word title such as President, which many people hold)
    compatible titles (Deputy Minister / Deputy Foreign Minister)           +0.20 (+0.10)
    both have titles and none fits (Ambassador / Deputy Foreign Minister)   -0.30
        (-0.15 when the cables are three or more years apart: people move)
    a shared organization of their roles                                    +0.10
    a shared country (of a role or in the TAGS)                             +0.10
    the countries of their roles differ                                     -0.20
    else a role's country, none shared with the other's countries           -0.20
    cables of the same year +0.10, within two years +0.05, ten or more -0.10
    cables from the same post                                               +0.10
    both sign or classify cables of the same post (BURNS, the Ambassador)   +0.15
    given names or initials that conflict                                   -0.60
    honorifics of different genders (Mrs. Borrel, Mr. Borrel)               -0.50
    the same cable names both, apart (its extraction chose two people)      -0.40
    a less than certain extraction of the local person                      -(1 - c) / 2

and is kept between 0 and 0.95 (never certain: a surname is a surname). When several
people fit one node, each is marked down: by 0.30 when another fits about as well
(within 0.15: ambiguous, so no ``owl:sameAs``), by 0.05 for each one that fits clearly
less well. Global persons that are themselves linked at the threshold count as one.
"""

from __future__ import annotations

from kg.link.links import (
    SAME_AS_THRESHOLD,
    Link,
    LinkStore,
    link_triples,
    links_graph,
    write_links,
)
from kg.link.names import Name, Title
from kg.link.score import link_people, relink
from kg.link.update import link_cables

__all__ = [
    "SAME_AS_THRESHOLD",
    "Link",
    "LinkStore",
    "Name",
    "Title",
    "link_cables",
    "link_people",
    "link_triples",
    "links_graph",
    "relink",
    "write_links",
]
