"""ingest: every format, document identity, and every kind of bad input."""

from __future__ import annotations

import json

from detente.ingest import Document, Rejection, normalise_text, read_inputs


def _read(*paths, **kwargs):
    items = list(read_inputs([str(p) for p in paths], **kwargs))
    return ([i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Rejection)])


def test_plain_text_gets_published_date_from_option(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Russia expelled two American diplomats on Monday.\n", encoding="utf-8")
    docs, rejected = _read(path, published="2013-02-01")
    assert not rejected
    assert docs[0].published == "2013-02-01"
    assert docs[0].text == "Russia expelled two American diplomats on Monday."
    assert docs[0].origin == str(path)


def test_identity_is_a_hash_of_normalised_text(tmp_path):
    (tmp_path / "a.txt").write_text("Moscow  protested.\r\nWashington replied.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Moscow protested.\nWashington replied.\n\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Moscow protested loudly.", encoding="utf-8")
    docs, _ = _read(tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt")
    assert docs[0].doc_id == docs[1].doc_id != docs[2].doc_id
    assert len(docs[0].doc_id) == 16 and docs[0].content_hash.startswith(docs[0].doc_id)


def test_normalise_keeps_paragraphs_and_drops_control_characters():
    assert normalise_text("a\u00a0 b\x07\n\n\n\nc ") == "a b\n\nc"


def test_markdown_front_matter_gives_id_title_and_date(tmp_path):
    path = tmp_path / "brief.md"
    path.write_text("---\nid: brief-1\ntitle: Spy swap\npublished: 2010-07-09\n---\n"
                    "# Spy swap\n\nThe United States and Russia **exchanged** prisoners in [Vienna](http://x).\n",
                    encoding="utf-8")
    docs, rejected = _read(path, published="1999-01-01")
    assert not rejected
    doc = docs[0]
    assert (doc.doc_id, doc.title, doc.published) == ("brief-1", "Spy swap", "2010-07-09")
    assert "exchanged prisoners in Vienna" in doc.text and "**" not in doc.text and "http" not in doc.text
    assert doc.text.startswith("The United States")  # the title is not repeated as the first heading


def test_markdown_soft_wraps_are_joined_and_headings_and_list_items_keep_their_lines(tmp_path):
    path = tmp_path / "brief.md"
    path.write_text("## Demands\nMoscow listed its demands to Washington on Monday in a note that\n"
                    "the foreign ministry handed to the American ambassador.\n"
                    "- the return of the two diplomatic compounds in Maryland and New York\n"
                    "- an end to the new visa restrictions on Russian officials\n", encoding="utf-8")
    docs, _ = _read(path)
    assert docs[0].text == ("Demands\n\nMoscow listed its demands to Washington on Monday in a note that "
                            "the foreign ministry handed to the American ambassador.\n\n"
                            "the return of the two diplomatic compounds in Maryland and New York\n\n"
                            "an end to the new visa restrictions on Russian officials")


def test_html_keeps_main_text_only(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("""<html><head><title>Sanctions</title>
        <meta property="article:published_time" content="2014-03-17T10:00:00Z">
        <script>var tracking = 1;</script><style>p {color: red}</style></head>
        <body><nav><a href="/">Home</a> Menu item</nav>
        <article><h1>US sanctions Russian officials</h1>
        <p>The United States imposed sanctions on seven Russian officials.</p></article>
        <footer>Copyright notice</footer></body></html>""", encoding="utf-8")
    docs, _ = _read(path)
    doc = docs[0]
    assert doc.title == "US sanctions Russian officials" and doc.published == "2014-03-17"
    assert doc.text == "The United States imposed sanctions on seven Russian officials."
    for noise in ("tracking", "color", "Menu item", "Copyright"):
        assert noise not in doc.text


def test_jsonl_and_csv_records(tmp_path):
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text(json.dumps({"id": "x1", "text": "Kyiv protested.", "published": "2014-03-01",
                                 "title": "T", "source": "wire", "url": "http://example.org/1"}) + "\n", encoding="utf-8")
    table = tmp_path / "docs.csv"
    table.write_text('id,text,published\nc1,"Moscow, in turn, protested.",2014-03-02\n', encoding="utf-8")
    docs, rejected = _read(jsonl, table)
    assert not rejected
    assert [(d.doc_id, d.published) for d in docs] == [("x1", "2014-03-01"), ("c1", "2014-03-02")]
    assert docs[0].source == "wire" and docs[0].url == "http://example.org/1"
    assert docs[1].text == "Moscow, in turn, protested."


def test_rss_and_atom_feeds(tmp_path):
    rss = tmp_path / "feed.rss"
    rss.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
        <item><guid>item-1</guid><title>Reset</title><pubDate>Fri, 06 Mar 2009 12:00:00 GMT</pubDate>
        <link>http://example.org/reset</link>
        <description>&lt;p&gt;Clinton met Lavrov in Geneva.&lt;/p&gt;</description></item>
        </channel></rss>""", encoding="utf-8")
    atom = tmp_path / "feed.atom"
    atom.write_text("""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
        <entry><id>urn:1</id><title>Talks</title><updated>2013-08-09T00:00:00Z</updated>
        <link href="http://example.org/talks"/><summary>Kerry met Lavrov in Washington.</summary></entry></feed>""",
                    encoding="utf-8")
    docs, rejected = _read(rss, atom)
    assert not rejected
    assert [(d.doc_id, d.published, d.url) for d in docs] == [
        ("item-1", "2009-03-06", "http://example.org/reset"), ("urn:1", "2013-08-09", "http://example.org/talks")]
    assert docs[0].text == "Clinton met Lavrov in Geneva."


def test_bad_inputs_are_named_with_their_reason_and_good_ones_kept(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text("Russia expelled a US diplomat.", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "noise.txt").write_bytes(bytes(range(128, 256)) * 3)
    (folder / "lines.jsonl").write_text('{"id": "ok", "text": "NATO met."}\n{"id": "bad", "text": \n'
                                        '{"id": "also-ok", "text": "Kyiv protested."}\n', encoding="utf-8")
    (folder / "huge.txt").write_text("word " * 1_100_000, encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    docs, rejected = _read(folder)
    assert sorted(d.doc_id for d in docs if d.doc_id in ("ok", "also-ok")) == ["also-ok", "ok"]
    assert any("Russia expelled" in d.text for d in docs)
    reasons = {r.origin.replace(str(folder) + "/", ""): r.reason for r in rejected}
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["empty.txt"] == "empty file"
    assert reasons["noise.txt"].startswith("not valid UTF-8 (byte 0x80 at offset 0) and no other encoding")
    assert reasons["lines.jsonl:2"].startswith("malformed JSON")
    assert "over the 1 MB limit" in reasons["huge.txt"]
    assert reasons["photo.jpg"].startswith("unsupported file type")


def test_empty_folder_and_missing_path(tmp_path):
    (tmp_path / "empty").mkdir()
    docs, rejected = _read(tmp_path / "empty", tmp_path / "missing.txt")
    assert not docs
    assert [r.reason for r in rejected] == ["folder contains no documents", "no such file or folder"]


def test_bad_date_is_rejected_not_guessed(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('{"id": "a", "text": "Moscow protested.", "published": "sometime"}\n', encoding="utf-8")
    docs, rejected = _read(path)
    assert not docs and rejected[0].reason.startswith("bad publication date")
