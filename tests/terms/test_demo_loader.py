"""The demo glossary command and the admin login command: complete, published, and safe to run again."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from faqs.models import FAQ, PublishedFAQ
from terms.models import (
    Category,
    Comparison,
    ComparisonVersion,
    RelatedTerm,
    SlugRedirect,
    Term,
    TermRelation,
    TermStatus,
    TermVersion,
)
from terms.relations import broader_cycle
from terms.services import delete_term, publish_term, unpublish_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo_glossary")


def counts() -> dict[str, int]:
    return {
        "categories": Category.objects.count(),
        "terms": Term.objects.count(),
        "term versions": TermVersion.objects.count(),
        "comparisons": Comparison.objects.count(),
        "comparison versions": ComparisonVersion.objects.count(),
        "faqs": FAQ.objects.count(),
        "published faqs": PublishedFAQ.objects.count(),
        "related links": RelatedTerm.objects.count(),
        "typed relations": TermRelation.objects.count(),
        "redirects": SlugRedirect.objects.count(),
    }


def live_term_ids() -> set[int]:
    return set(TermVersion.objects.live(at=timezone.now()).values_list("term_id", flat=True))


def test_demo_glossary_has_at_least_30_terms_in_4_categories(demo):
    assert Term.objects.count() >= 30
    assert Category.objects.filter(terms__isnull=False).distinct().count() >= 4
    assert not Term.objects.filter(category__isnull=True).exists()


def test_every_demo_term_is_live_except_the_retired_one(demo):
    retired = Term.objects.get(status=TermStatus.RETIRED)

    assert live_term_ids() == set(Term.objects.exclude(pk=retired.pk).values_list("pk", flat=True))
    assert TermVersion.objects.count() == Term.objects.count()


def test_demo_glossary_uses_every_relation_type(demo):
    assert set(TermRelation.objects.values_list("type", flat=True)) == {"broader", "narrower", "see_also"}
    assert all(version.relations for version in TermVersion.objects.filter(term__relations__isnull=False))


def test_demo_glossary_has_one_deprecated_and_one_retired_term_each_pointing_to_a_live_successor(demo, client):
    deprecated = Term.objects.get(status=TermStatus.DEPRECATED)
    retired = Term.objects.get(status=TermStatus.RETIRED)

    page = client.get(f"/api/v1/terms/{deprecated.slug}/").json()
    assert (page["status"], page["replaced_by"]["slug"]) == ("deprecated", deprecated.successor.slug)
    redirect = client.get(f"/api/v1/terms/{retired.slug}/")
    assert redirect.status_code == 301
    assert redirect["Location"].endswith(f"/api/v1/terms/{retired.successor.slug}/")
    assert {deprecated.successor_id, retired.successor_id} <= live_term_ids()


def test_demo_relations_form_no_loop_of_broader_terms(demo):
    for term in Term.objects.filter(relations__isnull=False).distinct():
        relations = list(term.relations.values_list("type", "target_id"))
        assert broader_cycle(term_id=term.pk, relations=relations) is None, term.slug


def test_every_demo_term_explains_itself_in_at_least_150_words_with_headings(demo):
    for version in TermVersion.objects.live(at=timezone.now()):
        assert len(version.body_text.split()) >= 150, version.slug
        assert len(version.toc) >= 2, version.slug
        assert version.reading_time_minutes >= 1, version.slug


def test_every_demo_term_has_2_to_5_faqs_published_with_it(demo):
    for version in TermVersion.objects.live(at=timezone.now()):
        assert 2 <= len(version.faqs) <= 5, version.slug
        assert all(faq["answer_html"].startswith("<p>") for faq in version.faqs), version.slug
        assert version.published_faqs.count() == len(version.faqs)


def test_every_demo_term_links_related_terms_that_exist(demo):
    term_ids = set(Term.objects.values_list("pk", flat=True))
    for version in TermVersion.objects.live(at=timezone.now()):
        assert version.related_term_ids, version.slug
        assert set(version.related_term_ids) <= term_ids - {version.term_id}, version.slug


def test_demo_glossary_has_at_least_6_live_comparisons(demo):
    live = ComparisonVersion.objects.live(at=timezone.now())

    assert Comparison.objects.count() >= 6
    assert live.count() == Comparison.objects.count()
    assert all(version.points and version.body_html for version in live)


def test_demo_glossary_has_live_site_wide_faqs(demo):
    site_wide = FAQ.objects.site_wide()

    assert site_wide.exists()
    live = PublishedFAQ.objects.live(at=timezone.now()).site_wide()
    assert set(live.values_list("faq_id", flat=True)) == set(site_wide.values_list("pk", flat=True))


def test_loading_the_demo_glossary_twice_changes_nothing(demo):
    before = counts()

    call_command("load_demo_glossary")

    assert counts() == before


def test_second_run_says_nothing_changed(demo, capsys):
    call_command("load_demo_glossary")

    assert "already loaded; nothing changed" in capsys.readouterr().out


def test_demo_loader_never_overwrites_an_editors_later_change(demo):
    term = Term.objects.get(slug="token")
    term.short_definition = "An editor's own definition."
    term.save()
    versions_before = TermVersion.objects.count()

    call_command("load_demo_glossary")

    term.refresh_from_db()
    assert term.short_definition == "An editor's own definition."
    assert TermVersion.objects.count() == versions_before
    assert term.versions.count() == 1


def test_demo_loader_never_republishes_a_withdrawn_term(demo):
    term = Term.objects.get(slug="token")
    unpublish_term(term=term, by=None)

    call_command("load_demo_glossary")

    assert term.pk not in live_term_ids()
    assert term.versions.count() == 1


def test_demo_loader_never_brings_back_what_an_editor_deleted(demo):
    term = Term.objects.get(slug="token")
    unpublish_term(term=term, by=None)  # a live term is withdrawn before it may be deleted
    delete_term(term=term, by=None)
    before = counts()

    call_command("load_demo_glossary")

    assert not Term.objects.filter(slug="token").exists()
    assert counts() == before


def test_demo_loader_runs_again_after_an_editor_renamed_a_demo_terms_slug(demo):
    term = Term.objects.get(slug="token")
    term.slug = "tokens"
    term.save()
    publish_term(term=term, by=None)
    before = counts()

    call_command("load_demo_glossary")

    assert counts() == before


def test_demo_loader_does_not_bring_back_a_site_wide_faq_an_editor_reworded(demo):
    faq = FAQ.objects.site_wide().first()
    faq.question = "A question the editor rewrote?"
    faq.save()
    before = counts()

    call_command("load_demo_glossary")

    assert counts() == before
