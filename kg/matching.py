r"""What "a person's name matches" means, stated once for every way of asking.

A name or alias matches the user's text when the words of the text, in a row, are among
its words: any case, whatever punctuation stands between them, never a part of a word.
"Wisner" and "frank-wisner" find "Frank Wisner"; "Arbatov" finds Aleksey Arbatov and not
Nadia Arbatova; "an" only someone named "An"; "Wisner Frank" no one. A word is a run of
letters, marks and digits; a text without a letter or digit matches nothing.

GraphQL (``api.gql``) and the saved queries (``queries/*.rq``) use the SPARQL below:
``user_words`` once per query (the text bound, never pasted), then ``has_words`` per
name. A saved query is a file, so it holds the same text verbatim;
``tests/test_matching.py`` checks that each one does, and that GraphQL and the saved
queries name the same people for the same text.
"""

from __future__ import annotations

#: What a word is made of, in SPARQL regular expressions (a backslash escaped for the
#: SPARQL string): letters, marks, digits.
_WORD = r"\\p{L}\\p{M}\\p{N}"


def user_words(text: str, words: str) -> str:
    """SPARQL: ``?words`` is bound to the words of ``?text`` as " word word ", and the
    solution is dropped unless ``?text`` holds a letter or digit."""
    return (
        f'FILTER(REGEX({text}, "[\\\\p{{L}}\\\\p{{N}}]"))\n'
        f'BIND(CONCAT(" ", REPLACE(REPLACE(LCASE({text}), "^[^{_WORD}]+|[^{_WORD}]+$", ""), '
        f'"[^{_WORD}]+", " "), " ") AS {words})'
    )


def has_words(name: str, words: str) -> str:
    """SPARQL: a FILTER that holds when the name or alias ``?name`` holds ``?words``
    (from ``user_words``) as whole words."""
    return (
        f'FILTER(CONTAINS(CONCAT(" ", REPLACE(LCASE(STR({name})), "[^{_WORD}]+", " "), " "), '
        f"{words}))"
    )
