"""Datelines: the place a story was filed from, opening its first sentence ("KABUL, Afghanistan
(AP) -", "BAGHDAD (Reuters) --"). A dateline names where, never who: its words are no actor."""

from __future__ import annotations

from spacy.tokens import Span, Token

DATELINE_DASHES = {"-", "--", "—", "–", ":"}
DATELINE_AGENCY = 6   # tokens of "(Reuters)", "(AP)", ", March 16" between place and dash
DATELINE_PLACE = 8    # tokens of an upper-case place ("RIO DE JANEIRO", "ST. PETERSBURG")


def dateline_tokens(sent: Span) -> list[int]:
    """The tokens of a dateline opening a sentence, dash included: an upper-case place, an
    optional ", Country", ", Month Day" or "(Agency)", then a dash ("KABUL, Afghanistan (AP) -",
    "BAGHDAD (Reuters) --"); [] when the sentence has none."""
    tokens = list(sent[:DATELINE_PLACE + DATELINE_AGENCY + 4])
    place = 0
    while place < min(len(tokens), DATELINE_PLACE) and (
            _dateline_word(tokens[place]) or (place > 0 and glued_hyphen(tokens[place]))):   # "PORT-AU-PRINCE"
        place += 1
    if place == 0 or not any(len(t.text) > 2 for t in tokens[:place]):
        return []
    for end in range(place, min(place + DATELINE_AGENCY + 4, len(tokens))):
        if tokens[end].text in DATELINE_DASHES and tokens[end - 1].whitespace_:   # "ISIS-K" is a name
            between = tokens[place:end]
            if all(t.is_punct or t.is_title or t.is_upper or t.like_num for t in between):
                return [t.i for t in tokens[:end + 1]]
            return []
    return []


def _dateline_word(token: Token) -> bool:
    return token.is_upper and (token.is_alpha or token.text == ".")


def glued_hyphen(token: Token) -> bool:
    """A hyphen inside a word ("Port-au-Prince"), not a dash between words."""
    return token.text == "-" and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_


def opens_dateline(span: Span, after: str) -> bool:
    """'KABUL - …', 'BRUSSELS -- …', 'KHARTOUM, March 16 (Xinhua) -- …': where the story was
    filed, not an actor."""
    starts_sentence = span.start == span.sent.start
    return starts_sentence and span.text.isupper() and len(span.text) > 3 and (
        after in ("-", "--", "—", "–", ":", ","))
