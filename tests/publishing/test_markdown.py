"""The Markdown renderer: heading anchors and TOC, reading time, plain text, and the sanitiser."""

import re
from html.parser import HTMLParser

import pytest

from publishing.markdown import ResolvedImage, render, render_preview


class MarkupCollector(HTMLParser):
    """Collects every tag with its attributes (entities decoded), leaving text out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.heading_texts: dict[str, str] = {}
        self._open_heading: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._open_heading = dict(attrs).get("id")
            self.heading_texts[self._open_heading] = ""

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._open_heading = None

    def handle_data(self, data):
        if self._open_heading is not None:
            self.heading_texts[self._open_heading] += data


def as_browser_reads(value: str) -> str:
    """An attribute value as a browser's URL parser sees it: tabs and newlines anywhere are dropped."""
    return re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f ")


def url_scheme(url: str) -> str | None:
    """The scheme of a URL as a browser reads it; None when the URL is relative."""
    match = re.match(r"([a-z][a-z0-9+.-]*):", as_browser_reads(url), flags=re.IGNORECASE)
    return match.group(1).lower() if match else None


def parse(html: str) -> MarkupCollector:
    collector = MarkupCollector()
    collector.feed(html)
    collector.close()
    return collector


def markup_only(html: str) -> str:
    """The tags and attributes of `html`, lowercased, with entities decoded and text left out."""
    return " ".join(
        f"<{tag} " + " ".join(f'{name}="{as_browser_reads(value or "")}"' for name, value in attrs) + ">"
        for tag, attrs in parse(html).tags
    ).lower()


def test_headings_get_ids_and_the_toc_points_at_them():
    rendered = render("# Title\n\nIntro.\n\n## What it is\n\nText.\n\n### In practice\n\nMore.\n\n#### Details\n")

    headings = parse(rendered.html).heading_texts
    assert rendered.toc_as_list() == [
        {"level": 1, "text": "Title", "anchor": "title"},
        {"level": 2, "text": "What it is", "anchor": "what-it-is"},
        {"level": 3, "text": "In practice", "anchor": "in-practice"},
        {"level": 4, "text": "Details", "anchor": "details"},
    ]
    assert headings == {entry.anchor: entry.text for entry in rendered.toc}
    assert '<h2 id="what-it-is">What it is</h2>' in rendered.html


def test_headings_below_level_4_stay_out_of_the_toc():
    rendered = render("## Kept\n\n##### Left out\n\n###### Also left out\n")

    assert [entry.anchor for entry in rendered.toc] == ["kept"]


def test_duplicate_headings_get_unique_anchors():
    rendered = render("## Examples\n\nOne.\n\n## Examples\n\nTwo.\n\n### Examples\n\nThree.\n")

    anchors = [entry.anchor for entry in rendered.toc]
    assert anchors == ["examples", "examples-1", "examples-2"]
    assert list(parse(rendered.html).heading_texts) == anchors


def test_toc_text_of_a_heading_with_inline_markup_is_its_plain_text():
    rendered = render("## Why `tokens` *really* matter\n")

    assert rendered.toc_as_list() == [
        {"level": 2, "text": "Why tokens really matter", "anchor": "why-tokens-really-matter"}
    ]


def test_heading_without_letters_still_gets_an_anchor():
    rendered = render("## ???\n")

    assert [entry.anchor for entry in rendered.toc] == ["section"]
    assert 'id="section"' in rendered.html


def test_toc_text_of_a_heading_with_inline_html_matches_the_sanitised_heading():
    rendered = render("## Hello <script>alert(1)</script>world\n")

    (entry,) = rendered.toc
    assert "<script" not in entry.text
    assert entry.text == parse(rendered.html).heading_texts[entry.anchor]


@pytest.mark.parametrize(
    ("words", "minutes"),
    [(0, 0), (1, 1), (199, 1), (200, 1), (201, 2), (400, 2), (401, 3), (1000, 5)],
)
def test_reading_time_rounds_up_at_200_words_a_minute(words, minutes):
    rendered = render(" ".join(["word"] * words))

    assert rendered.word_count == words
    assert rendered.reading_time_minutes == minutes


def test_reading_time_counts_the_words_readers_see_not_the_markup():
    rendered = render("## Two words\n\n**three** [more](https://example.com) `words`\n\n<!-- hidden comment -->")

    assert rendered.word_count == 5


def test_plain_text_drops_markup_and_collapses_whitespace():
    rendered = render("## Heading\n\nA **bold** and *soft*\nline with [a link](https://example.com) &amp; more.\n")

    assert rendered.text == "Heading A bold and soft line with a link & more."


def test_plain_text_leaves_out_removed_script_content():
    rendered = render("Before <script>var secret = 1;</script> after.")

    assert "secret" not in rendered.text
    assert rendered.text == "Before after."


@pytest.mark.parametrize("text", ["", None])
def test_empty_text_renders_to_nothing(text):
    rendered = render(text)

    assert (rendered.html, rendered.text, rendered.toc, rendered.reading_time_minutes) == ("", "", [], 0)


def test_safe_markdown_keeps_its_formatting():
    rendered = render(
        "A [link](https://example.com/a?b=1) and ![alt](https://example.com/i.png) "
        "and [mail](mailto:team@example.com).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n"
    )

    assert '<a href="https://example.com/a?b=1" rel="noopener noreferrer">link</a>' in rendered.html
    assert '<img src="https://example.com/i.png" alt="alt">' in rendered.html
    assert 'href="mailto:team@example.com"' in rendered.html
    assert "<table>" in rendered.html
    assert "<s>gone</s>" in rendered.html


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example">',
    '<div style="background:url(javascript:alert(1))">',
    "<style>body{}</style>",
    "<object data=x>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<math><mi xlink:href="javascript:alert(1)">',
    "<form action=javascript:alert(1)><button>",
    "![x](javascript:alert(1))",
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<a href='jav&#x09;ascript:alert(1)'>x</a>",
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<img src="data:text/html,<script>alert(1)</script>">',
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<details open ontoggle=alert(1)>x</details>",
    "<body onload=alert(1)>",
    "<embed src=x>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "## Heading <img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    '<a href="  javascript:alert(1)">x</a>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
]
FORBIDDEN = [
    "<script",
    "onerror",
    "onload",
    "ontoggle",
    "javascript:",
    "vbscript:",
    "data:text",
    "<iframe",
    "style=",
    "<object",
    "<embed",
    "<svg",
    "<math",
    "<form",
    "<style",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_nothing_executable_survives_rendering(payload):
    html = render(payload).html

    # Markdown that refuses to become a link stays as inert, escaped text (e.g. "[x](javascript:...)"),
    # so URL schemes are checked in the tags and attributes; raw markup is checked in the whole output.
    markup = markup_only(html)
    for needle in FORBIDDEN:
        assert needle not in markup, f"{needle!r} survived in {html!r}"
    for needle in [n for n in FORBIDDEN if n.startswith("<") or n.endswith("=")] + ["onerror=", "onload="]:
        assert needle not in html.lower(), f"{needle!r} survived in {html!r}"


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_every_surviving_tag_and_attribute_is_allowed(payload):
    allowed_attributes = {"href", "title", "src", "alt", "width", "height", "colspan", "rowspan", "start", "id", "rel"}

    for tag, attrs in parse(render(payload).html).tags:
        assert tag not in {"script", "iframe", "object", "embed", "svg", "math", "form", "style", "body", "button"}
        assert {name for name, _ in attrs} <= allowed_attributes
        for name, value in attrs:
            if name in {"href", "src"}:
                assert url_scheme(value or "") in {None, "http", "https", "mailto"}


@pytest.mark.parametrize(
    "text",
    [
        "## Preview\n\nSame **HTML** as publication.",
        "<script>alert(1)</script>[x](javascript:alert(1))",
        "",
        "## A\n## A",
    ],
)
def test_editor_preview_is_exactly_what_publication_stores(text):
    assert render_preview(text) == render(text).html


def test_a_fenced_code_block_keeps_its_language_for_highlighting():
    html = render("```python\nprint('hi')\n```").html

    assert '<code class="language-python">' in html


@pytest.mark.parametrize(
    "markup",
    [
        '<code class="evil">x</code>',
        '<code class="language-js evil">x</code>',
        '<p class="language-js">x</p>',
        '<span class="language-js">x</span>',
    ],
)
def test_no_other_class_survives_and_only_code_takes_a_language(markup):
    assert "class=" not in render(markup).html


def test_crlf_line_endings_render_as_lf_ones():
    assert render("## Title\r\n\r\nOne\r\ntwo").html == render("## Title\n\nOne\ntwo").html
    assert "\r" not in render("A\r\n\r\nB\rC").html


# --- Image sources resolved by the caller (media_library resolves library references) ---------


def test_image_resolver_is_asked_once_for_every_image_source_of_the_text():
    asked = []

    def resolver(sources):
        asked.append(sources)
        return {}

    render("![a](image:1) text ![b](image:2)\n\n- ![c](image:1)", images=resolver)

    assert asked == [["image:1", "image:2"]]


def test_resolved_image_gets_its_url_size_and_alt_text_where_none_is_written():
    def resolver(sources):
        return {"image:7": ResolvedImage(url="https://cdn.example.org/a.png", alt="Library alt", width=40, height=30)}

    html = render("![](image:7) and ![Written alt](image:7)", images=resolver).html

    assert html == (
        '<p><img src="https://cdn.example.org/a.png" alt="Library alt" width="40" height="30"> and '
        '<img src="https://cdn.example.org/a.png" alt="Written alt" width="40" height="30"></p>\n'
    )


def test_image_resolved_to_nothing_is_shown_as_its_alt_text():
    html = render("See ![the chart](image:404).", images=lambda sources: dict.fromkeys(sources)).html

    assert html == "<p>See the chart.</p>\n"


def test_sources_the_resolver_leaves_out_are_kept_as_written():
    html = render("![x](https://example.org/x.png)", images=lambda sources: {}).html

    assert html == '<p><img src="https://example.org/x.png" alt="x"></p>\n'


def test_resolved_url_is_still_sanitised():
    def resolver(sources):
        return {"image:1": ResolvedImage(url="javascript:alert(1)", alt="x")}

    assert "javascript" not in render("![](image:1)", images=resolver).html
