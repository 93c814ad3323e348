"""Turning a file's bytes into text: UTF-8 first, then the encoding the file declares, then
detection (charset-normalizer). Owns the decision of which encoding a file is in."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# The WHATWG Encoding Standard reads these labels as windows-1252, as browsers do: pages that
# say Latin-1 are in practice written in its superset (curly quotes, dashes in 0x80-0x9f).
_READ_AS_WINDOWS_1252 = {"latin_1", "iso8859_1", "ascii", "cp819"}
# Among encodings that read the bytes equally cleanly, the one legacy text is most often in
# (the web's default for undeclared pages); charset-normalizer alone often names a cousin
# (cp1250) that turns "à Genève" into "ŕ Genčve".
_PREFERRED_LEGACY = "cp1252"
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_SNIFF_BYTES = 4096


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python's name for the codec, e.g. "utf-8", "cp1252"


class UndecodableText(ValueError):
    """The bytes are not UTF-8 and no encoding reads them with confidence."""


def decode_bytes(raw: bytes, declared: str | None = None) -> Decoded:
    """The text of ``raw``: UTF-8 (with or without BOM) when it is valid UTF-8, else the
    ``declared`` encoding when it reads the bytes without error, else the encoding that
    charset-normalizer finds reads them most cleanly. Raises :class:`UndecodableText`."""
    try:
        return Decoded(raw.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    for decode in (_decode_as_declared, _decode_by_detection):
        decoded = decode(raw, declared)
        if decoded is not None:
            return decoded
    raise UndecodableText(f"not valid UTF-8 (byte 0x{raw[utf8_error.start]:02x} at offset "
                          f"{utf8_error.start}) and no other encoding reads it with confidence")


def html_declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in its ``<meta charset>`` or ``http-equiv`` tag."""
    match = _HTML_CHARSET.search(raw[:_SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def codec_name(label: str | None) -> str | None:
    """Python's canonical name for an encoding label, None for a label Python does not know."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return _PREFERRED_LEGACY if name.replace("-", "_") in _READ_AS_WINDOWS_1252 else name


def _decode_as_declared(raw: bytes, declared: str | None) -> Decoded | None:
    name = codec_name(declared)
    if name is None or name in ("utf-8", "utf-8-sig"):
        return None
    try:
        return Decoded(raw.decode(name), name)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_by_detection(raw: bytes, _declared=None) -> Decoded | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if not matches:
        return None
    cleanest = min(match.chaos for match in matches)
    tied = [match for match in matches if match.chaos <= cleanest]
    chosen = next((m for m in tied if _PREFERRED_LEGACY in m.could_be_from_charset), tied[0])
    name = _PREFERRED_LEGACY if _PREFERRED_LEGACY in chosen.could_be_from_charset else chosen.encoding
    try:
        return Decoded(raw.decode(codec_name(name) or name), codec_name(name) or name)
    except (UnicodeDecodeError, LookupError):
        return Decoded(str(chosen), codec_name(chosen.encoding) or chosen.encoding)
