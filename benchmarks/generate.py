"""A seeded corpus of generated cables shaped like the release, for benchmarks.

    python -m benchmarks.generate --cables 10000 -o cables.csv [--seed 1]

Each cable is a ``cables.csv`` row (the dump layout the parser reads, written with
``kg.sources.write_row``): a routing header, then a body with the classification line,
E.O. and TAGS lines, a subject, often a REF block naming earlier generated cables, a
"Classified By" line, numbered paragraphs with their classification markings, and the
signer's surname. The proportions follow the release:

- origins from ``data/posts.tsv``, 279 posts weighted by their share of the release;
- dates over 1966-2010, most of them 2004-2010; classifications as the release has them;
- TAGS: the post's country almost always, then subject tags drawn with realistic weights
  (PREL and PGOV on about half the cables), now and then a program tag or another country;
- people from ``data/names.tsv`` (given names and surnames of 18 naming cultures, about
  27,000 distinct full names): each post meets officials of its country's culture, drawn
  by a Zipf-like law, so a few hundred people are in many cables and most in one or two;
  Washington visitors and each post's chief of mission likewise;
- meetings ("Ambassador Smith met with Foreign Minister Ali Haddad, accompanied by ..."),
  organizations, places, and the dirt of real cables: page-break section lines, words
  split at a line end, redacted names (``XXXXXXXXXXXX``), lower-case header lines and the
  all-capitals text of old cables.

The same seed and count give the same bytes; a longer corpus starts with a shorter one's
cables (cable N does not depend on how many follow it).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import re
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import kg.sources

DATA = Path(__file__).resolve().parent / "data"
ROUTING = Path(kg.sources.__file__).resolve().parent.parent / "data" / "routing" / "route2name.csv"
SEED = 20070213
_REFERENCE_ID = re.compile(r"^(\d{2})([A-Z]+)(\d+)$")

# The release's classifications and their shares (of 251,287 cables).
CLASSIFICATIONS: tuple[tuple[str, int], ...] = (
    ("UNCLASSIFIED", 75_792),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", 58_095),
    ("CONFIDENTIAL", 97_070),
    ("CONFIDENTIAL//NOFORN", 4_678),
    ("SECRET", 11_322),
    ("SECRET//NOFORN", 4_330),
)
# Cables per year, roughly as in the release: a thin tail back to 1966.
YEARS: tuple[tuple[int, int], ...] = (
    *((year, 40) for year in range(1966, 1990)),
    *((year, 350) for year in range(1990, 2000)),
    (2000, 1_000),
    (2001, 1_600),
    (2002, 2_400),
    (2003, 4_200),
    (2004, 12_000),
    (2005, 26_000),
    (2006, 39_000),
    (2007, 42_000),
    (2008, 45_000),
    (2009, 52_000),
    (2010, 8_000),
)
# Subject TAGS and their share of cables, in percent (the rest of subject-tags.txt: 0.3).
SUBJECT_TAGS: dict[str, float] = {
    "PREL": 52,
    "PGOV": 46,
    "ECON": 18,
    "PHUM": 14,
    "ETRD": 11,
    "MARR": 10,
    "PTER": 9,
    "EFIN": 8,
    "KDEM": 7,
    "SENV": 5,
    "EAID": 5,
    "SNAR": 5,
    "ENRG": 5,
    "PINR": 4,
    "KPAO": 4,
    "OVIP": 4,
    "ASEC": 3,
    "KCRM": 3,
    "KJUS": 3,
    "CASC": 3,
    "PINS": 3,
    "PARM": 3,
    "MNUC": 2,
    "EPET": 2,
    "ELAB": 2,
    "SOCI": 2,
    "SMIG": 2,
    "KWMN": 2,
    "EAGR": 2,
    "ECIN": 1.5,
    "EINV": 1.5,
    "TBIO": 1.5,
    "KIRF": 1,
    "KTIP": 1,
    "KNNP": 1,
    "MOPS": 1,
    "PREF": 1,
    "AMGT": 1,
    "APER": 0.8,
    "BEXP": 0.8,
    "ELTN": 0.6,
    "EAIR": 0.5,
    "KFLU": 0.4,
}
PROGRAM_TAGS = ("KISL", "KPKO", "KOLY", "KNAR", "KMDR", "KSUM", "KTFN", "KPAL", "KIRC")
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MARKS = {"UNCLASSIFIED": "(U)", "UNCLASSIFIED//FOR OFFICIAL USE ONLY": "(SBU)"}
HEADINGS = {
    "UNCLASSIFIED": "UNCLAS",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY": "UNCLAS",
    "CONFIDENTIAL": "C O N F I D E N T I A L",
    "CONFIDENTIAL//NOFORN": "C O N F I D E N T I A L",
    "SECRET": "S E C R E T",
    "SECRET//NOFORN": "S E C R E T",
}
PRECEDENCE = (("R", "ROUTINE", 60), ("P", "PRIORITY", 30), ("O", "IMMEDIATE", 10))

# Roles of the officials a post meets; each a title the cables write before a name.
ROLES = (
    ("Foreign Minister", 3),
    ("Deputy Foreign Minister", 6),
    ("Prime Minister", 1),
    ("President", 1),
    ("Defense Minister", 2),
    ("Interior Minister", 2),
    ("Finance Minister", 2),
    ("Deputy Minister", 6),
    ("Minister", 4),
    ("MP", 10),
    ("Director General", 8),
    ("Director", 10),
    ("Governor", 5),
    ("Chairman", 5),
    ("Special Envoy", 2),
    ("Ambassador", 6),
    ("Mayor", 3),
    ("Prosecutor General", 1),
    ("Spokesman", 2),
    ("Dr.", 6),
    ("Mr.", 10),
    ("Ms.", 5),
)
US_ROLES = (
    ("Assistant Secretary", 4),
    ("Deputy Assistant Secretary", 6),
    ("Under Secretary", 2),
    ("Deputy Secretary", 1),
    ("Senator", 4),
    ("Congressman", 4),
    ("Special Envoy", 2),
    ("General", 3),
    ("Admiral", 1),
    ("Coordinator", 1),
)
ORGANIZATIONS = (
    "Ministry of Foreign Affairs",
    "Ministry of Defense",
    "Ministry of Interior",
    "Ministry of Finance",
    "Ministry of Energy",
    "Central Bank",
    "National Security Council",
    "Supreme Court",
    "Election Commission",
    "Anti-Corruption Commission",
    "Chamber of Commerce",
    "National Oil Company",
    "Red Crescent Society",
    "Bar Association",
    "Journalists Union",
    "Human Rights Commission",
    "Institute for Strategic Studies",
    "Center for Policy Research",
)
PARTIES = (
    "National Democratic Party",
    "People's Party",
    "Socialist Party",
    "Liberal Party",
    "Green Party",
    "Justice and Development Party",
    "Union for Progress",
    "Popular Front",
)
COMPANY_HEADS = ("Group", "Holdings", "Energy Company", "Bank", "Construction Company")
THEMES = (
    ("bilateral relations", "PREL"),
    ("the upcoming elections", "PGOV"),
    ("counterterrorism cooperation", "PTER"),
    ("the energy sector", "ENRG"),
    ("trade and investment", "ETRD"),
    ("human rights", "PHUM"),
    ("military cooperation", "MARR"),
    ("the budget", "EFIN"),
    ("counternarcotics", "SNAR"),
    ("assistance programs", "EAID"),
    ("nonproliferation", "MNUC"),
    ("press freedom", "KDEM"),
    ("climate change", "SENV"),
    ("the visa program", "CVIS"),
    ("refugee flows", "PREF"),
    ("regional security", "PREL"),
)
REGIONS = (
    "Kosovo",
    "Iran",
    "Iraq",
    "Afghanistan",
    "Pakistan",
    "North Korea",
    "Georgia",
    "Darfur",
    "Lebanon",
    "Gaza",
    "Venezuela",
    "Cuba",
    "Somalia",
    "Burma",
    "Zimbabwe",
    "Russia",
    "China",
)
SAYS = (
    "said",
    "stressed",
    "noted",
    "explained",
    "added",
    "complained",
    "argued",
    "asserted",
    "emphasized",
    "agreed",
    "asked",
    "warned",
    "acknowledged",
)
MEETS = (
    "met with",
    "called on",
    "met separately with",
    "hosted",
    "dined with",
    "paid a courtesy call on",
    "spoke with",
)
# Parts of the sentences that fill a cable out: combined, they seldom repeat.
ACTORS = (
    "The government",
    "The ministry",
    "Opposition leaders",
    "Local officials",
    "Party officials",
    "Business leaders",
    "Civil society groups",
    "The central bank",
    "Security forces",
    "Several parliamentarians",
    "Provincial authorities",
    "The ruling coalition",
    "Independent analysts",
    "Diplomatic contacts",
    "Senior military officers",
    "The press",
)
ACTIONS = (
    "announced plans to expand",
    "expressed doubts about",
    "continued to press for",
    "have quietly opposed",
    "publicly welcomed",
    "are preparing new rules on",
    "called for an inquiry into",
    "moved to restrict",
    "sought more funding for",
    "warned against delays in",
    "reported progress on",
    "remain divided over",
)
OBJECTS = (
    "the reform package",
    "fuel subsidies",
    "the border agreement",
    "the new media law",
    "the privatization program",
    "local elections",
    "the anti-corruption campaign",
    "customs procedures",
    "the pipeline project",
    "refugee returns",
    "the draft constitution",
    "police training",
    "the water agreement",
    "wheat imports",
    "the pension system",
)
SEQUELS = (
    "according to figures released on {day}",
    "despite {count} arrests in {place} last month",
    "after talks in {place} that ran {count} hours",
    "with {count} million dollars promised by donors",
    "although turnout in {place} was below {percent} percent",
    "a step that {surname} has long resisted",
    "while {count} protesters gathered outside the ministry in {place}",
    "in a statement issued by {surname}'s office",
)
CLOSERS = (
    "Post will continue to follow developments closely.",
    "We will report further septel.",
    "The figures could not be confirmed independently.",
    "Contacts gave differing accounts of the decision.",
    "This is consistent with what other missions here have told us.",
)


@dataclass(frozen=True, slots=True)
class Post:
    """A post that sends cables: ``station`` as reference IDs spell it."""

    station: str
    name: str
    country: str
    culture: str
    weight: int

    @property
    def routing(self) -> str:
        """The routing header's telegraphic form: ``"AMEMBASSY MOSCOW"``."""
        kind, _, city = self.name.partition(" ")
        prefix = {"Embassy": "AMEMBASSY", "Consulate": "AMCONSUL", "Mission": "USMISSION"}
        if self.name == "Secretary of State":
            return "SECSTATE WASHDC"
        if kind in prefix:
            return f"{prefix[kind]} {city.upper()}"
        return self.name.upper()


@dataclass(frozen=True, slots=True)
class Person:
    """A generated person: ``role`` is the title the cables write before the name."""

    given: str
    surname: str
    role: str
    culture: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"

    @property
    def titled(self) -> str:
        return f"{self.role} {self.name}"


class Zipf:
    """Draws ranks 0..n-1 with probability proportional to 1 / (rank + 2) ** exponent."""

    def __init__(self, n: int, exponent: float = 1.1) -> None:
        weights = [1 / (rank + 2) ** exponent for rank in range(n)]
        self.cumulative = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random) -> int:
        point = rng.random() * self.cumulative[-1]
        return min(bisect.bisect_left(self.cumulative, point), len(self.cumulative) - 1)


def _rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def posts() -> tuple[Post, ...]:
    """The posts of ``data/posts.tsv``, heaviest first."""
    return tuple(Post(s, n, c, k, int(w)) for w, s, n, c, k in _rows("posts.tsv"))


@cache
def indicators() -> dict[str, str]:
    """Routing indicators by telegraphic post name: ``"AMEMBASSY MOSCOW" -> "RUEHMO"``."""
    found: dict[str, str] = {}
    for line in ROUTING.read_text(encoding="utf-8").splitlines():
        indicator, _, name = line.partition(",")
        found.setdefault(name.strip(), indicator.strip())
    return found


def _weighted(pairs: Sequence[tuple[str, float]], rng: random.Random) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


@cache
def people(seed: int = SEED, per_culture: int = 2_000) -> dict[str, tuple[Person, ...]]:
    """Every culture's people, most often met first (rank 0 is drawn most)."""
    rng = random.Random(f"people-{seed}")
    pools: dict[str, tuple[Person, ...]] = {}
    taken: set[str] = set()
    for culture, _countries, given, surnames in _rows("names.tsv"):
        pairs = [
            (g, s) for g in dict.fromkeys(given.split()) for s in dict.fromkeys(surnames.split())
        ]
        rng.shuffle(pairs)
        roles = US_ROLES if culture == "anglo" else ROLES
        pool: list[Person] = []
        for g, s in pairs:
            if g == s or f"{g} {s}" in taken:
                continue
            taken.add(f"{g} {s}")
            pool.append(Person(g, s, _weighted(roles, rng), culture))
            if len(pool) == per_culture:
                break
        pools[culture] = tuple(pool)
    return pools


@cache
def chiefs(seed: int = SEED) -> dict[tuple[str, int], Person]:
    """Each post's chief of mission for each three-year term (signs the cables)."""
    rng = random.Random(f"chiefs-{seed}")
    anglo = people(seed)["anglo"]
    found: dict[tuple[str, int], Person] = {}
    for post in posts():
        for term in range(1966 // 3, 2011 // 3 + 1):
            person = anglo[rng.randrange(300, len(anglo))]
            found[(post.station, term)] = Person(
                person.given, person.surname, "Ambassador", "anglo"
            )
    return found


def _date(rng: random.Random) -> datetime:
    year = int(_weighted([(str(y), w) for y, w in YEARS], rng))
    start = datetime(year, 1, 1) if year < 2010 else datetime(2010, 1, 1)
    days = 365 if year < 2010 else 58  # the release ends in late February 2010
    return start + timedelta(minutes=rng.randrange(days * 24 * 60))


def _tags(post: Post, rng: random.Random) -> list[str]:
    tags = [code for code, share in SUBJECT_TAGS.items() if rng.random() * 100 < share]
    if not tags:
        tags = [_weighted(list(SUBJECT_TAGS.items()), rng)]
    if rng.random() < 0.12:
        tags.append(rng.choice(PROGRAM_TAGS))
    if post.country != "US" or rng.random() < 0.5:
        tags.append(post.country if post.country != "US" else rng.choice(posts()[:60]).country)
    if rng.random() < 0.2:
        tags.append(rng.choice(posts()[:120]).country)
    return list(dict.fromkeys(tags))


CULTURES = ("anglo", "arabic", "russian", "hispanic", "chinese", "french", "german")


class _Generator:
    """The state a corpus is generated with: the seed's random draws, serial numbers."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.posts = posts()
        self.post_weights = list(itertools.accumulate(p.weight for p in self.posts))
        self.pools = people(seed)
        self.zipf = {c: Zipf(len(pool)) for c, pool in self.pools.items()}
        self.serials: dict[tuple[int, str], int] = {}
        self.recent: dict[str, list[str]] = {}

    def person(self, culture: str) -> Person:
        return self.pools[culture][self.zipf[culture].draw(self.rng)]

    def post(self) -> Post:
        point = self.rng.random() * self.post_weights[-1]
        return self.posts[bisect.bisect_left(self.post_weights, point)]

    def reference_id(self, post: Post, created: datetime) -> str:
        key = (created.year, post.station)
        self.serials[key] = self.serials.get(key, 0) + self.rng.randint(1, 40)
        return f"{created.year % 100:02d}{post.station}{self.serials[key]}"

    def references(self, post: Post) -> list[str]:
        seen = self.recent.get(post.station, []) + self.recent.get("STATE", [])
        if not seen or self.rng.random() < 0.45:
            return []
        return sorted(set(self.rng.sample(seen, min(len(seen), self.rng.randint(1, 3)))))

    def remember(self, post: Post, reference_id: str) -> None:
        recent = self.recent.setdefault(post.station, [])
        recent.append(reference_id)
        del recent[:-20]

    def cable(self, number: int) -> dict[str, object]:
        rng = self.rng
        post = self.post()
        created = _date(rng)
        reference_id = self.reference_id(post, created)
        classification = _weighted(CLASSIFICATIONS, rng)
        references = self.references(post)
        self.remember(post, reference_id)
        chief = chiefs(self.seed)[(post.station, created.year // 3)]
        culture = post.culture if post.country != "US" else self.posts[rng.randrange(80)].culture
        header = self.header(post, created, reference_id, classification)
        body = self.body(post, created, reference_id, classification, references, chief, culture)
        return {
            "record_id": number,
            "created": created,
            "reference_id": reference_id,
            "origin": post.name,
            "classification": classification,
            "references": references,
            "header": header,
            "body": body,
        }

    def header(self, post: Post, created: datetime, reference_id: str, classification: str) -> str:
        rng = self.rng
        letter, word, _ = PRECEDENCE[rng.choices(range(3), weights=[p[2] for p in PRECEDENCE])[0]]
        own = indicators().get(post.routing, "RUEH" + post.station[:2])
        serial = reference_id.removeprefix(f"{created.year % 100:02d}{post.station}")
        stamp = f"{created.day:02d}{created.hour:02d}{created.minute:02d}Z"
        lines = [
            f"VZCZCXRO{rng.randrange(10_000):04d}",
            f"{letter}{letter} RUEHWEB",
            "",
            f"DE {own} #{int(serial) % 10_000:04d} {created.timetuple().tm_yday:03d}"
            f"{created.hour:02d}{created.minute:02d}",
            "ZNY CCCCC ZZH" if classification.startswith(("CONF", "SECRET")) else "ZNR UUUUU ZZH",
            f"{letter} {stamp} {MONTHS[created.month - 1]} {created.year % 100:02d}",
            f"FM {post.routing}",
        ]
        if post.station == "STATE":
            others = [p for p in rng.sample(self.posts[:120], rng.randint(1, 4)) if p is not post]
            lines.append(f"TO ALL DIPLOMATIC AND CONSULAR POSTS {word}")
            lines += [f"{indicators().get(p.routing, 'RUEHXX')}/{p.routing} {word}" for p in others]
        else:
            lines.append(f"TO RUEHC/SECSTATE WASHDC {word} {rng.randrange(1, 9999):04d}")
            for other in rng.sample(self.posts[:150], rng.randint(0, 4)):
                if other is not post:
                    lines.append(
                        f"{indicators().get(other.routing, 'RUEHXX')}/{other.routing} {word}"
                    )
        for i, line in enumerate(lines):
            if line.startswith("RUEH"):
                lines[i] = "INFO " + line  # the first addressee of the INFO block
                break
        lines.append("BT")
        return "\n".join(lines)

    def body(
        self,
        post: Post,
        created: datetime,
        reference_id: str,
        classification: str,
        references: list[str],
        chief: Person,
        culture: str,
    ) -> str:
        rng = self.rng
        station = post.station
        serial = int(reference_id.removeprefix(f"{created.year % 100:02d}{station}"))
        heading = f"{HEADINGS[classification]} {station} {serial:06d}"
        mark = MARKS.get(classification, "(C)" if classification.startswith("CONF") else "(S)")
        tags = _tags(post, rng)
        hosts = list(dict.fromkeys(self.person(culture) for _ in range(rng.randint(1, 4))))
        visitor = self.person("anglo") if rng.random() < 0.3 else None
        theme, _ = rng.choice(THEMES)
        region = rng.choice(REGIONS)
        subject = f"{hosts[0].surname.upper()} ON {theme.upper()} AND {region.upper()}"
        if rng.random() < 0.4:
            subject = f"{region.upper()}: {rng.choice(('ROUNDUP', 'SCENESETTER', 'OUTLOOK'))}"
        decl = created.replace(year=created.year + 10, day=min(created.day, 28))
        lines = [heading, "", "SIPDIS", ""]
        if classification.startswith("UNCLASSIFIED//"):
            lines[2:2] = ["SENSITIVE", ""]
        else:
            lines.append(f"E.O. 12958: DECL: {decl:%m/%d/%Y}")
        lines.append(f"TAGS: {' '.join(tags)}")
        lines.append(f"SUBJECT: {subject}")
        if references:
            lines.append("")
            letters = "ABCDEFG"
            lines.append(
                "REF: "
                + " ".join(f"{letters[i]}. {self._cited(r)}" for i, r in enumerate(references))
            )
        lines.append("")
        if not classification.startswith("UNCLASSIFIED"):
            lines.append(f"Classified By: Ambassador {chief.name} for reasons 1.4 (b) and (d).")
            lines.append("")
        paragraphs = self.paragraphs(created, chief, hosts, visitor, theme, region)
        text = "\n".join(lines)
        for n, paragraph in enumerate(paragraphs, 1):
            wrapped = textwrap.fill(f"{n}. {mark} {paragraph}", width=70)
            text += "\n" + wrapped + "\n"
        text += f"{chief.surname.upper()}\n"
        section = f"{HEADINGS[classification]} SECTION 02 OF 02 {station} {serial:06d}"
        return self.dirty(text, section, created)

    def _cited(self, reference_id: str) -> str:
        """``"07MOSCOW628"`` as REF blocks write it: ``"07 MOSCOW 628"``."""
        match = _REFERENCE_ID.match(reference_id)
        return " ".join(match.groups()) if match else reference_id

    def paragraphs(
        self,
        created: datetime,
        chief: Person,
        hosts: list[Person],
        visitor: Person | None,
        theme: str,
        region: str,
    ) -> list[str]:
        rng = self.rng
        main, *others = hosts
        day = f"{MONTH_NAMES[created.month - 1]} {created.day}"
        organization = rng.choice(ORGANIZATIONS)
        party = rng.choice(PARTIES)
        company = f"{self.person(main.culture).surname} {rng.choice(COMPANY_HEADS)}"
        found = [
            f"Summary: {main.role} {main.name} told the Ambassador on {day} that the "
            f"government would press ahead on {theme}, but cautioned that {region} would "
            f"complicate matters. End Summary.",
        ]
        host = f"Ambassador {chief.surname}" if visitor is None else visitor.titled
        companions = [p.titled for p in others]
        meeting = f"On {day}, {host} {rng.choice(MEETS)} {main.titled}"
        if companions:
            joined = (
                companions[0]
                if len(companions) == 1
                else (", ".join(companions[:-1]) + " and " + companions[-1])
            )
            meeting += f", who was accompanied by {joined}"
        meeting += f", to discuss {theme} and {region}."
        if visitor is not None:
            meeting += f" Ambassador {chief.surname} also attended."
        found.append(meeting)
        found.append(
            f"{main.surname} {rng.choice(SAYS)} that the {organization} was ready to work with "
            f"the {party} on {theme}. {self.sentence(day, region)}"
        )
        for person in others:
            found.append(
                f"{person.surname} {rng.choice(SAYS)} that {region} remained a concern for "
                f"the {organization}. {self.sentence(day, region)}"
            )
        # Most cables are a few kilobytes; some run long.
        for _ in range(min(int(rng.lognormvariate(1.7, 0.7)), 30)):
            found.append(" ".join(self.sentence(day, region) for _ in range(rng.randint(2, 6))))
        if rng.random() < 0.35:
            other = self.person(main.culture)
            found.append(
                f"Separately, PolOff {rng.choice(MEETS)} {other.titled} of the {company}, "
                f"who {rng.choice(SAYS)} that {theme} would not change soon."
            )
        if rng.random() < 0.5:
            found.append(
                f"Comment: {self.sentence(day, region)} {rng.choice(CLOSERS)} End Comment."
            )
        return found

    def sentence(self, day: str, region: str) -> str:
        """One sentence of a cable's running text, rarely the same twice."""
        rng = self.rng
        sequel = rng.choice(SEQUELS).format(
            day=day,
            count=rng.randint(2, 900),
            percent=rng.randint(20, 70),
            place=rng.choice((region, *REGIONS[:8])),
            surname=self.person(rng.choice(CULTURES)).surname,
        )
        return f"{rng.choice(ACTORS)} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}, {sequel}."

    def dirty(self, text: str, section: str, created: datetime) -> str:
        """The wear of real cables, some of it on some cables."""
        rng = self.rng
        lines = text.split("\n")
        if rng.random() < 0.25 and len(lines) > 40:
            # A page break repeats the classification and section line mid-text.
            at = rng.randrange(20, len(lines) - 10)
            lines[at:at] = ["", section, ""]
        if rng.random() < 0.15:
            # A word split at a line end.
            at = rng.randrange(len(lines))
            words = lines[at].split(" ")
            if len(words[-1]) > 6:
                lines[at] = " ".join([*words[:-1], words[-1][:3]])
                lines.insert(at + 1, words[-1][3:])
        if rng.random() < 0.1:
            # A protected source, redacted in the release.
            for i, line in enumerate(lines):
                if "accompanied by" in line or "told the Ambassador" in line:
                    lines[i] = line.replace("accompanied by", "accompanied by XXXXXXXXXXXX and", 1)
                    break
        if rng.random() < 0.05:
            lines = [
                line.replace("TAGS:", "tags:").replace("SUBJECT:", "subject:") for line in lines
            ]
        text = "\n".join(lines)
        if created.year < 1990:
            text = text.upper()  # telegrams of that time were all capitals
        return text


def generate(count: int, *, seed: int = SEED) -> Iterator[dict[str, object]]:
    """``count`` cables as keyword arguments of ``kg.sources.write_row``."""
    generator = _Generator(seed)
    for n in range(count):
        yield generator.cable(n + 1)


def write_corpus(path: Path, count: int, *, seed: int = SEED) -> Path:
    """Write ``count`` generated cables to ``path`` as cables.csv; returns ``path``."""
    with path.open("w", encoding="utf-8", newline="") as out:
        for row in generate(count, seed=seed):
            kg.sources.write_row(out, **row)  # type: ignore[arg-type]
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__)
    parser.add_argument("--cables", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("-o", "--output", type=Path, default=Path("cables.csv"))
    args = parser.parse_args(argv)
    write_corpus(args.output, args.cables, seed=args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
