"""References to other items in Markdown (`[text](term:42)`): parsing, and rendering through a resolver."""

import pytest

from publishing.links import (
    Reference,
    ReferenceInText,
    ResolvedLink,
    parse_reference,
    public_markdown,
    references_in,
)
from publishing.markdown import render


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("term:42", Reference("term", 42)),
        ("comparison:7", Reference("comparison", 7)),
        (" term:3 ", Reference("term", 3)),
    ],
)
def test_a_reference_names_a_term_or_comparison_by_id(href, expected):
    assert parse_reference(href) == expected
    assert expected.code == href.strip()


@pytest.mark.parametrize(
    "href",
    ["term:0", "term:abc", "term:", "terms:4", "Term:4", "category:4", "term:4/", "term:4#x", "/glossary/rag/", "x"],
)
def test_anything_else_is_not_a_reference(href):
    assert parse_reference(href) is None


def test_references_are_found_with_their_link_text_in_order():
    text = (
        "Read [Foundation *Model*](term:4), then [the comparison](comparison:9).\n\n"
        "Not in code: `[x](term:5)`\n\n    [indented](term:6)\n\n"
        "Reference style: [FM][fm].\n\n[fm]: term:4\n"
    )
    assert references_in(text) == [
        ReferenceInText(Reference("term", 4), "Foundation Model"),
        ReferenceInText(Reference("comparison", 9), "the comparison"),
        ReferenceInText(Reference("term", 4), "FM"),
    ]


def test_a_text_without_references_has_none():
    assert references_in("A [link](https://example.com/) and term: 4.") == []


def resolver(answers: dict[str, ResolvedLink]):
    return lambda reference: answers.get(reference.code)


def test_a_resolved_reference_links_to_the_url_the_resolver_answers():
    html = render(
        "See [FM](term:4).", resolve_link=resolver({"term:4": ResolvedLink("https://site/glossary/fm/")})
    ).html.strip()
    assert html == '<p>See <a href="https://site/glossary/fm/" rel="noopener noreferrer">FM</a>.</p>'


def test_an_unresolved_reference_is_its_plain_text():
    html = render("See [the *draft*](term:5) here.", resolve_link=resolver({})).html.strip()
    assert html == "<p>See the <em>draft</em> here.</p>"


def test_without_a_resolver_every_reference_is_plain_text():
    assert render("See [FM](term:4) and <term:5>.").html.strip() == "<p>See FM and term:5.</p>"


def test_other_links_are_left_alone_beside_references():
    html = render("[out](https://example.com/) [in](term:4) [gone](term:5)", resolve_link=resolver({})).html.strip()
    assert html == '<p><a href="https://example.com/" rel="noopener noreferrer">out</a> in gone</p>'


def test_a_resolved_title_is_kept_and_the_url_still_passes_the_sanitiser():
    answers = {"term:4": ResolvedLink("/admin/terms/term/4/change/", title="Term “FM” (live)"), "term:5": None}
    answers["term:6"] = ResolvedLink("javascript:alert(1)")
    html = render("[a](term:4) [b](term:6)", resolve_link=resolver(answers)).html
    assert 'href="/admin/terms/term/4/change/"' in html
    assert 'title="Term “FM” (live)"' in html
    assert "javascript" not in html


def test_a_reference_in_a_heading_keeps_the_table_of_contents_text():
    rendered = render("## About [FM](term:4)\n\nText.", resolve_link=resolver({}))
    assert rendered.toc_as_list() == [{"level": 2, "text": "About FM", "anchor": "about-fm"}]
    assert rendered.html.startswith('<h2 id="about-fm">About FM</h2>')


def test_references_in_tables_and_lists_resolve_too():
    link = ResolvedLink("https://site/x/")
    html = render("- [a](term:4)\n\n| h |\n| - |\n| [b](term:4) |", resolve_link=resolver({"term:4": link})).html
    assert html.count('href="https://site/x/"') == 2


# --- the public copy of the Markdown -------------------------------------------------------


def test_public_markdown_writes_resolved_references_as_links_and_the_rest_as_text():
    answers = {"term:4": ResolvedLink("https://site/glossary/fm/")}
    source = (
        "See [FM](term:4), [a draft](term:5), <term:4> and <term:5>.\n\n"
        "Code stays: `[c](term:5)`\n\n```\n[block](term:5)\n```\n\n"
        "[Full][fm], [gone][g] and [fm][].\n\n[fm]: term:4\n[g]: comparison:9\n"
    )

    written = public_markdown(source, resolver(answers))

    assert written == (
        "See [FM](https://site/glossary/fm/), a draft, <https://site/glossary/fm/> and term:5.\n\n"
        "Code stays: `[c](term:5)`\n\n```\n[block](term:5)\n```\n\n"
        "[Full][fm], gone and [fm][].\n\n[fm]: https://site/glossary/fm/\n"
    )


def test_public_markdown_renders_like_the_published_html():
    answers = {"term:4": ResolvedLink("https://site/glossary/fm/")}
    source = "See [FM](term:4) and [a draft](term:5); [ref][r].\n\n[r]: term:4\n"
    assert (
        render(public_markdown(source, resolver(answers))).html == render(source, resolve_link=resolver(answers)).html
    )


def test_public_markdown_without_references_is_the_text_itself():
    text = "No [links](https://example.com/) to items here.\r\n"
    assert public_markdown(text, None) is text
