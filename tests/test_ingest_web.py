"""ingest from the web: real pages (trafilatura, htmldate), feeds (feedparser), encodings
(charset-normalizer), hard-wrapped text and headlines repeated in the body. Real files, real
libraries, the real command."""

from __future__ import annotations

import gzip
import json
from collections import Counter

from conftest import BENCHMARKS, need, run_cli

from detente.ingest import Document, Rejection, normalise_text, read_inputs

ARTICLES = BENCHMARKS / "external" / "article-extraction"
AP_SONDLAND = "82b6d780c792df78dcfb00484d50c86fbc7f324a9eb5835b7615f028edb9a574"  # hosted.ap.org


def _read(*paths, **kwargs):
    items = list(read_inputs([str(p) for p in paths], **kwargs))
    return ([i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Rejection)])


def _token_f1(extracted: str, truth: str) -> float:
    got, wanted = Counter(extracted.split()), Counter(truth.split())
    common = sum((got & wanted).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(wanted.values())
    return 2 * precision * recall / (precision + recall)


def test_real_ap_page_yields_its_article_text_and_date(tmp_path):
    truth = json.loads(need(ARTICLES / "ground-truth.json").read_text(encoding="utf-8"))[AP_SONDLAND]
    page = tmp_path / "sondland.html"
    page.write_bytes(gzip.decompress((ARTICLES / "html" / f"{AP_SONDLAND}.html.gz").read_bytes()))
    docs, rejected = _read(page, published="2000-01-01")
    assert not rejected
    doc = docs[0]
    assert _token_f1(doc.text, truth["articleBody"]) > 0.9
    assert doc.text.startswith("WASHINGTON (AP) — Ambassador Gordon Sondland")
    assert doc.published == "2019-11-20"  # the page's own date wins over --published
    assert doc.title == "Unpredictable Sondland faces questions about Trump, Ukraine"
    assert doc.encoding == "utf-8"


def test_page_without_main_text_is_a_fatal_rejection(tmp_path):
    menus = tmp_path / "menus.html"
    menus.write_text("<html><head><title>World news</title></head><body><nav><ul>"
                     "<li><a href='/'>Home</a></li><li><a href='/world'>World</a></li>"
                     "<li><a href='/politics'>Politics</a></li></ul></nav>"
                     "<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>",
                     encoding="utf-8")
    app = tmp_path / "app.html"
    app.write_text("<html><head><title>Live</title></head><body><div id='root'></div>"
                   "<script>render(window.__DATA__)</script>"
                   "<noscript>You need to enable JavaScript to run this app.</noscript></body></html>",
                   encoding="utf-8")
    result = run_cli("ingest", str(menus), str(app), "--db", str(tmp_path / "tmp.db"))
    assert result.returncode == 3, result.stderr
    for path in (menus, app):
        assert f"rejected: {path}: no main text found in the page" in result.stderr
    assert "2 input(s) rejected" in result.stderr


def test_latin1_text_and_windows_1252_html_are_read_with_the_right_characters(tmp_path):
    latin1 = tmp_path / "geneve.txt"
    latin1.write_bytes("Le ministre français a rencontré son homologue à Genève.\n".encode("latin-1"))
    html = tmp_path / "lavrov.html"
    html.write_bytes("""<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
        <title>Lavrov in Genève</title></head><body><article><h1>Lavrov in Genève</h1>
        <p>Sergei Lavrov said the talks in Genève had been “useful” – but that Moscow’s position on the
        sanctions had not changed, and he accused the European Union of bad faith over the €3 billion loan.</p>
        <p>The ministers agreed to meet again in Zürich in the spring, after their deputies had met twice.</p>
        </article></body></html>""".encode("cp1252"))
    docs, rejected = _read(latin1, html)
    assert not rejected
    text_doc, html_doc = docs
    assert text_doc.text == "Le ministre français a rencontré son homologue à Genève."
    assert text_doc.encoding == "cp1252"
    assert html_doc.encoding == "cp1252"
    assert "talks in Genève had been “useful” – but that Moscow’s position" in html_doc.text
    assert "the €3 billion loan" in html_doc.text and "in Zürich" in html_doc.text


def test_feed_with_nbsp_and_a_wrong_declared_encoding_is_recovered(tmp_path):
    feed = tmp_path / "gazette.rss"
    feed.write_bytes(("""<?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Gazette de Genève</title><link>http://example.org/</link>
        <item><guid isPermaLink="false">gazette-1</guid><title>Réunion à Genève</title>
        <link>http://example.org/reunion</link><pubDate>Fri, 06 Mar 2009 12:00:00 GMT</pubDate>
        <description>Clinton met&nbsp;Lavrov in Genève on Friday.</description></item>
        <item><guid isPermaLink="false">gazette-2</guid><title>Kerry in Moscow</title>
        <pubDate>Tue, 07 May 2013 22:30:00 -0400</pubDate>
        <description><![CDATA[<p>Kerry in Moscow</p><p>John Kerry met Vladimir Putin in
        the Kremlin.</p>]]></description></item>
        </channel></rss>""").encode("cp1252"))
    not_a_feed = tmp_path / "catalogue.xml"
    not_a_feed.write_text("<?xml version='1.0'?><catalogue><book>Diplomacy</book></catalogue>", encoding="utf-8")
    docs, rejected = _read(feed, not_a_feed)
    assert [(d.doc_id, d.title, d.published, d.url) for d in docs] == [
        ("gazette-1", "Réunion à Genève", "2009-03-06", "http://example.org/reunion"),
        ("gazette-2", "Kerry in Moscow", "2013-05-07", None)]
    assert docs[0].text == "Clinton met Lavrov in Genève on Friday."
    assert docs[1].text == "John Kerry met Vladimir Putin in the Kremlin."  # headline once
    assert {d.source for d in docs} == {"Gazette de Genève"}
    assert docs[0].encoding == "cp1252"
    assert [(r.origin, r.reason) for r in rejected] == [
        (str(not_a_feed), "XML file is not an RSS or Atom feed (no <item> or <entry>)")]


WRAPPED = """RUSSIA EXPELS TWO AMERICAN DIPLOMATS

Moscow ordered two American diplomats to leave the country on Monday,
the foreign ministry said, in retaliation for the expulsion of two
Russian officials from Washington last week.

The ministry listed its demands:
- the return of the two diplomatic compounds in Maryland and New York,
- an end to the new visa restrictions on Russian officials.

Sergei Ryabkov
Deputy Foreign Minister
"""


def test_hard_wrapped_text_is_joined_but_paragraphs_headings_and_lists_kept(tmp_path):
    expected = ("RUSSIA EXPELS TWO AMERICAN DIPLOMATS\n\n"
                "Moscow ordered two American diplomats to leave the country on Monday, the foreign "
                "ministry said, in retaliation for the expulsion of two Russian officials from "
                "Washington last week.\n\n"
                "The ministry listed its demands:\n"
                "- the return of the two diplomatic compounds in Maryland and New York,\n"
                "- an end to the new visa restrictions on Russian officials.\n\n"
                "Sergei Ryabkov\nDeputy Foreign Minister")
    assert normalise_text(WRAPPED) == expected
    (tmp_path / "wire.txt").write_text(WRAPPED.replace("\n", "\r\n"), encoding="utf-8")
    docs, _ = _read(tmp_path / "wire.txt")
    assert docs[0].text == expected


def test_headline_repeated_in_the_body_is_coded_once(tmp_path):
    body = ("<p>Russia and Ukraine agreed on Thursday to exchange prisoners held since the fighting "
            "began, the two foreign ministries said after talks mediated by Turkey in Istanbul.</p>"
            "<p>The exchange is to take place next week at the border, officials said, and would "
            "include journalists detained in the east of the country.</p>")
    repeated = tmp_path / "swap.html"
    repeated.write_text("<html><head><title>Russia and Ukraine agree prisoner swap | Example Wire</title>"
                        "</head><body><article><h1>Russia and Ukraine agree prisoner swap</h1>"
                        f"{body}</article></body></html>", encoding="utf-8")
    sentence = tmp_path / "expels.html"
    sentence.write_text("<html><head><title>Russia expels diplomats</title></head><body><article>"
                        "<p>Russia expels diplomats as often as it receives them, a former ambassador "
                        "wrote on Monday in a long essay on the habits of Russian diplomacy.</p>"
                        f"{body}</article></body></html>", encoding="utf-8")
    docs, rejected = _read(repeated, sentence)
    assert not rejected
    assert docs[0].text.startswith("Russia and Ukraine agreed on Thursday to exchange prisoners")
    assert "agree prisoner swap" not in docs[0].text
    assert docs[0].title == "Russia and Ukraine agree prisoner swap"
    assert docs[1].text.startswith("Russia expels diplomats as often as it receives them")
