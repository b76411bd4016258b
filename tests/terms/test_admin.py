"""The glossary admin through its real views: pages render, forms save inlines, actions and the review page publish."""

import re
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.contrib import admin
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from editorial.services import approve, record_content_change, submit_for_review
from faqs.models import FAQ, PublishedFAQ, SiteWideFAQ
from faqs.services import publish_site_faq
from terms.models import Comparison, ComparisonVersion, ReviewState, SlugRedirect, Term, TermVersion
from terms.services import publish_term, unpublish_term
from tests.factories import (
    CallToActionFactory,
    CategoryFactory,
    ComparisonFactory,
    FAQFactory,
    RelatedTermFactory,
    TermAliasFactory,
    TermFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Every model of ours registered in the admin, as "<app>_<model>" of its URL names.
ADMIN_MODELS = [
    "terms_category",
    "terms_calltoaction",
    "terms_term",
    "terms_comparison",
    "terms_slugredirect",
    "faqs_sitewidefaq",
]
# Read-only: the publication history, kept when a working copy is deleted (tests/terms/test_deletion.py).
READ_ONLY_ADMIN_MODELS = ["terms_termversion", "terms_comparisonversion"]


def management_form(prefix: str, *, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


# The inline formsets of the term form, by prefix (as rendered on the add page).
TERM_INLINE_PREFIXES = ["aliases", "related_links", "relations", "faqs", "versions"]


def term_form(**fields) -> dict:
    """POST data of the term form with every inline's management form and no inline rows."""
    data = {
        "name": "Foundation Model",
        "slug": "",
        "category": "",
        "short_definition": "A large model trained on broad data and adapted to many tasks.",
        "body": "## What it is\n\nA model trained once and adapted to many tasks.",
        "cta": "",
        "seo_title": "",
        "seo_description": "",
        "status": "active",
        "successor": "",
        "autolink_mentions": "on",  # checked by default, as a browser posts it
    }
    for prefix in TERM_INLINE_PREFIXES:
        data |= management_form(prefix)
    return data | fields


def term_form_of(term: Term, **fields) -> dict:
    """POST data of the change form of an existing term, its inline rows left untouched."""
    saved = {
        "name": term.name,
        "slug": term.slug,
        "category": str(term.category_id or ""),
        "short_definition": term.short_definition,
        "body": term.body,
        "status": term.status,
        "successor": str(term.successor_id or ""),
    }
    return term_form(**(saved | fields))


def seen_lock_version(client, term: Term) -> str:
    """The edit version the term's change page hands out, as a browser would post it back."""
    response = client.get(reverse("admin:terms_term_change", args=[term.pk]))
    (value,) = re.findall(r'<input type="hidden" name="seen_lock_version" value="(\d+)"', response.content.decode())
    return value


def change_form_of(client, term: Term, **fields) -> dict:
    """`term_form_of` plus the lock version read from the change page: what a fresh save posts."""
    return term_form_of(term, **fields) | {"seen_lock_version": seen_lock_version(client, term)}


def approved(*items: Term | Comparison) -> None:
    """Arrangement shortcut: mark items approved, the state publishing needs."""
    for item in items:
        type(item).objects.filter(pk=item.pk).update(review_state=ReviewState.APPROVED)


def workflow_url(term: Term) -> str:
    return reverse("admin:terms_term_workflow", args=[term.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def is_live(obj) -> bool:
    return obj.versions.live(at=timezone.now()).exists()


def state_column(response, name: str) -> str:
    """The text of the publication column in the changelist row of the item called `name`."""
    for row in re.findall(r"<tr.*?</tr>", response.content.decode(), flags=re.DOTALL):
        if re.search(rf">{re.escape(name)}</a>", row):
            (cell,) = re.findall(r'class="field-state_badge">(.*?)</td>', row, flags=re.DOTALL)
            return unescape(re.sub(r"<[^>]+>", "", cell)).strip()
    raise AssertionError(f"No changelist row for {name!r}")


def publication_summary(response) -> str:
    """The text of the read-only publication summary on a change page."""
    match = re.search(r"● [^<]*", response.content.decode())
    assert match, "No publication summary on the page"
    return unescape(match.group(0)).strip()


@pytest.fixture
def one_of_each():
    """One saved object for every admin model, by URL name."""
    comparison = ComparisonFactory(published=True)
    return {
        "terms_category": CategoryFactory(),
        "terms_calltoaction": CallToActionFactory(),
        "terms_term": comparison.term_a,
        "terms_comparison": comparison,
        "terms_slugredirect": SlugRedirect.objects.create(old_slug="old-slug", term=comparison.term_b),
        "faqs_sitewidefaq": SiteWideFAQ.objects.get(pk=FAQFactory(published=True).pk),
    }


@pytest.fixture
def reviewer(db):
    """A second superuser: an item is approved by someone other than its submitter."""
    return UserFactory(username="chief", superuser=True)


@pytest.fixture
def states():
    """Four terms, one in each publication state, named after it."""
    an_hour_ago = timezone.now() - timedelta(hours=1)
    draft = TermFactory(name="Draft term")
    live = TermFactory(name="Live term", published=True)
    withdrawn = TermFactory(name="Withdrawn term", published=True)
    unpublish_term(term=withdrawn, by=None)
    changed = TermFactory(name="Changed term")
    with time_machine.travel(an_hour_ago, tick=False):
        publish_term(term=changed, by=None)
    changed.body += "\n\nAn edit after publication."
    changed.save()
    record_content_change(item=changed)  # what an admin save of changed content does
    return {"draft": draft, "live": live, "changed": changed, "withdrawn": withdrawn}


def test_every_model_of_ours_in_the_admin_is_covered_here():
    registered = {
        f"{model._meta.app_label}_{model._meta.model_name}"
        for model in admin.site._registry
        if model._meta.app_label in {"terms", "faqs"}
    }

    assert registered == set(ADMIN_MODELS) | set(READ_ONLY_ADMIN_MODELS)


@pytest.mark.parametrize("url_name", ADMIN_MODELS)
def test_changelist_renders_for_a_superuser(admin_client, one_of_each, url_name):
    response = admin_client.get(reverse(f"admin:{url_name}_changelist"))

    assert response.status_code == 200
    assert str(one_of_each[url_name]) in unescape(response.content.decode())


@pytest.mark.parametrize("url_name", ADMIN_MODELS)
def test_add_page_renders_for_a_superuser(admin_client, url_name):
    response = admin_client.get(reverse(f"admin:{url_name}_add"))

    assert response.status_code == 200
    assert b'name="_save"' in response.content


@pytest.mark.parametrize("url_name", ADMIN_MODELS)
def test_change_page_renders_for_a_superuser(admin_client, one_of_each, url_name):
    obj = one_of_each[url_name]

    response = admin_client.get(reverse(f"admin:{url_name}_change", args=[obj.pk]))

    assert response.status_code == 200
    assert b'name="_save"' in response.content


@pytest.mark.parametrize("url_name", ["terms_term", "terms_comparison", "faqs_sitewidefaq"])
def test_publishable_changelist_searches(admin_client, one_of_each, url_name):
    obj = one_of_each[url_name]
    searched_field = {"terms_term": "name", "terms_comparison": "title", "faqs_sitewidefaq": "question"}[url_name]

    response = admin_client.get(reverse(f"admin:{url_name}_changelist"), {"q": getattr(obj, searched_field)})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_term_search_finds_a_term_by_its_alias(admin_client):
    term = TermFactory(name="Retrieval-Augmented Generation")
    TermAliasFactory(term=term, name="RAG")
    TermFactory(name="Fine-tuning")

    response = admin_client.get(reverse("admin:terms_term_changelist"), {"q": "rag"})

    assert list(response.context["cl"].result_list) == [term]


def test_term_changelist_shows_each_terms_publication_state(admin_client, states):
    response = admin_client.get(reverse("admin:terms_term_changelist"))

    assert response.status_code == 200
    assert state_column(response, "Draft term") == "● Draft (never published)"
    assert state_column(response, "Live term") == "● Live"
    assert state_column(response, "Changed term") == "● Live, with unpublished changes"
    assert state_column(response, "Withdrawn term") == "● Withdrawn"


@pytest.mark.parametrize("state", ["draft", "live", "changed", "withdrawn"])
def test_term_changelist_filters_by_publication_state(admin_client, states, state):
    response = admin_client.get(reverse("admin:terms_term_changelist"), {"publication": state})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [states[state]]


def test_term_add_form_has_the_fields_and_inline_prefixes_these_tests_post(admin_client):
    response = admin_client.get(reverse("admin:terms_term_add"))

    names = set(re.findall(r'name="([^"]+)"', response.content.decode()))
    management = {name for name in names if name.endswith(("TOTAL_FORMS", "INITIAL_FORMS"))}
    assert management == {
        f"{prefix}-{field}" for prefix in TERM_INLINE_PREFIXES for field in ("TOTAL_FORMS", "INITIAL_FORMS")
    }
    assert set(term_form()) <= names


def test_adding_a_term_with_inlines_saves_its_faqs_aliases_and_related_terms(admin_client, superuser):
    category = CategoryFactory()
    related = TermFactory(name="Large Language Model")
    data = term_form(category=str(category.pk)) | management_form("faqs", total=2) | management_form("aliases", total=1)
    data |= management_form("related_links", total=1)
    data |= {
        "faqs-0-question": "Is every LLM a foundation model?",
        "faqs-0-answer": "Most *are*.",
        "faqs-0-suggested_in_widget": "on",
        "faqs-0-order": "1",
        "faqs-1-question": "Who trains them?",
        "faqs-1-answer": "Large labs.",
        "faqs-1-order": "2",
        "aliases-0-name": "FM",
        "related_links-0-related": str(related.pk),
        "related_links-0-order": "1",
    }

    response = admin_client.post(reverse("admin:terms_term_add"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    term = Term.objects.get(name="Foundation Model")
    assert term.slug == "foundation-model"
    assert term.category == category
    assert list(term.faqs.values_list("question", "answer", "suggested_in_widget")) == [
        ("Is every LLM a foundation model?", "Most *are*.", True),
        ("Who trains them?", "Large labs.", False),
    ]
    assert list(term.aliases.values_list("name", flat=True)) == ["FM"]
    assert list(term.related_terms.all()) == [related]
    assert (term.created_by, term.updated_by) == (superuser, superuser)
    assert not term.versions.exists(), "saving must not publish"


def test_saving_a_published_term_in_the_admin_leaves_the_live_version_unchanged(admin_client):
    term = TermFactory(published=True)
    published_definition = term.short_definition

    response = admin_client.post(
        reverse("admin:terms_term_change", args=[term.pk]),
        change_form_of(admin_client, term, short_definition="Zeppelin draft."),
    )

    assert response.status_code == 302
    term.refresh_from_db()
    assert term.short_definition == "Zeppelin draft."
    live = term.versions.live(at=timezone.now()).get()
    assert (live.number, live.short_definition) == (1, published_definition)
    changelist = admin_client.get(reverse("admin:terms_term_changelist"))
    assert state_column(changelist, term.name) == "● Live, with unpublished changes"


def test_duplicate_term_name_re_renders_the_form_with_the_error_and_the_typed_text(admin_client):
    TermFactory(name="Foundation Model", slug="foundation-model")
    typed = "My long explanation that took an hour to write, kept after the error."

    response = admin_client.post(
        reverse("admin:terms_term_add"), term_form(name="foundation MODEL", slug="fm", body=typed)
    )

    assert response.status_code == 200
    content = unescape(response.content.decode())
    assert "A term with this name already exists (names ignore case)." in content
    assert typed in content
    assert response.context["adminform"].form.errors["name"]
    assert Term.objects.count() == 1


def test_invalid_faq_inline_re_renders_the_form_and_saves_nothing(admin_client):
    data = term_form() | management_form("faqs", total=1) | {"faqs-0-question": "Answer missing?", "faqs-0-answer": ""}

    response = admin_client.post(reverse("admin:terms_term_add"), data)

    assert response.status_code == 200
    assert "Answer missing?" in unescape(response.content.decode())
    assert not Term.objects.exists()
    assert not FAQ.objects.exists()


def test_publish_selected_action_makes_the_terms_live(admin_client):
    first, second, untouched = TermFactory(), TermFactory(), TermFactory()
    approved(first, second, untouched)

    response = admin_client.post(
        reverse("admin:terms_term_changelist"),
        {"action": "publish_selected", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Published 2 item(s)." in messages_of(response)
    assert (is_live(first), is_live(second), is_live(untouched)) == (True, True, False)
    assert first.versions.get().published_by == response.wsgi_request.user


def test_publish_action_refuses_a_term_that_is_not_approved(admin_client):
    draft = TermFactory(name="Unreviewed")

    response = admin_client.post(
        reverse("admin:terms_term_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert messages_of(response) == ["“Unreviewed”: Only an approved item can be published. It is draft."]
    assert not is_live(draft)


def test_unpublish_action_withdraws_the_term(admin_client):
    term = TermFactory(published=True)

    response = admin_client.post(
        reverse("admin:terms_term_changelist"),
        {"action": "unpublish_selected", "_selected_action": [term.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Withdrew 1 item(s)." in messages_of(response)
    assert not is_live(term)
    assert state_column(response, term.name) == "● Withdrawn"


def test_unpublish_action_on_a_draft_shows_an_error_message(admin_client):
    term = TermFactory(name="Never published")

    response = admin_client.post(
        reverse("admin:terms_term_changelist"),
        {"action": "unpublish_selected", "_selected_action": [term.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert messages_of(response) == ["“Never published”: “Never published” is not live."]


def test_publish_action_on_a_term_whose_slug_is_live_elsewhere_shows_an_error_and_publishes_the_rest(admin_client):
    holder = TermFactory(name="Foundation Model", slug="fm", published=True)
    holder.slug = "foundation-model"
    holder.save()
    blocked = TermFactory(name="Frequency Modulation", slug="fm")
    fine = TermFactory(name="Fine-tuning")
    approved(blocked, fine)

    response = admin_client.post(
        reverse("admin:terms_term_changelist"),
        {"action": "publish_selected", "_selected_action": [blocked.pk, fine.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert messages_of(response) == [
        "“Frequency Modulation”: The slug “fm” is still live for “Foundation Model”.",
        "Published 1 item(s).",
    ]
    assert (is_live(blocked), is_live(fine)) == (False, True)


def test_saved_changes_go_live_when_published_on_the_review_page(admin_client, superuser, reviewer):
    term = TermFactory(published=True)
    saved = admin_client.post(
        reverse("admin:terms_term_change", args=[term.pk]),
        change_form_of(admin_client, term, short_definition="The newly approved definition."),
        follow=True,
    )
    assert saved.status_code == 200
    assert "Your changes went back to draft: submit the item for review again when it is ready." in messages_of(saved)
    assert TermVersion.objects.live(at=timezone.now()).get(term=term).number == 1, "saving must not publish"
    submit_for_review(item=term, by=superuser)
    approve(item=term, by=reviewer)

    response = admin_client.post(workflow_url(term), {"transition": "publish"})

    assert response.status_code == 302
    assert response.url == workflow_url(term)
    live = TermVersion.objects.live(at=timezone.now()).get(term=term)
    assert (live.number, live.short_definition) == (2, "The newly approved definition.")
    assert live.published_by == superuser
    assert messages_of(response) == ["Publish now: done."]


def test_a_term_added_in_the_admin_goes_live_when_published_on_its_review_page(admin_client, superuser, reviewer):
    added = admin_client.post(reverse("admin:terms_term_add"), term_form())
    term = Term.objects.get(name="Foundation Model")
    assert added.status_code == 302
    assert not is_live(term)
    submit_for_review(item=term, by=superuser)
    approve(item=term, by=reviewer)
    review_page = admin_client.get(workflow_url(term))
    assert b'name="transition" value="publish"' in review_page.content

    response = admin_client.post(workflow_url(term), {"transition": "publish"})

    assert response.status_code == 302
    assert is_live(term)
    term.refresh_from_db()
    assert term.review_state == ReviewState.PUBLISHED


def test_publishing_a_saved_term_whose_slug_is_live_elsewhere_keeps_it_saved_but_not_live(admin_client):
    holder = TermFactory(name="Foundation Model", slug="fm", published=True)
    holder.slug = "foundation-model"
    holder.save()
    added = admin_client.post(
        reverse("admin:terms_term_add"), term_form(name="Frequency Modulation", slug="fm"), follow=True
    )
    assert added.redirect_chain[-1] == (reverse("admin:terms_term_changelist"), 302)
    term = Term.objects.get(name="Frequency Modulation")
    approved(term)

    response = admin_client.post(workflow_url(term), {"transition": "publish"})

    assert response.status_code == 400
    assert messages_of(response) == ["The slug “fm” is still live for “Foundation Model”."]
    assert "The slug “fm” is still live for “Foundation Model”." in unescape(response.content.decode())
    assert not is_live(term)
    term.refresh_from_db()
    assert (term.slug, term.review_state) == ("fm", ReviewState.APPROVED)


@pytest.mark.parametrize(
    ("state", "summary"),
    [
        ("draft", "● Draft (never published)"),
        ("live", "● Live (version 1)"),
        ("changed", "● Live, with unpublished changes (version 1)"),
        ("withdrawn", "● Withdrawn"),
    ],
)
def test_term_change_page_shows_the_publication_summary(admin_client, states, state, summary):
    response = admin_client.get(reverse("admin:terms_term_change", args=[states[state].pk]))

    assert publication_summary(response) == summary


def test_term_change_page_lists_the_publication_history(admin_client):
    term = TermFactory(slug="first-slug", published=True)
    term.slug = "second-slug"
    term.save()
    publish_term(term=term, by=None)

    response = admin_client.get(reverse("admin:terms_term_change", args=[term.pk]))

    content = response.content.decode()
    assert "publication history" in content.lower()
    assert "first-slug" in content
    assert "second-slug" in content


def test_publish_action_on_a_comparison_makes_it_live(admin_client):
    comparison = ComparisonFactory()
    approved(comparison)

    response = admin_client.post(
        reverse("admin:terms_comparison_changelist"),
        {"action": "publish_selected", "_selected_action": [comparison.pk]},
        follow=True,
    )

    assert "Published 1 item(s)." in messages_of(response)
    assert ComparisonVersion.objects.live(at=timezone.now()).get().comparison == comparison


def test_a_site_wide_faq_added_in_the_admin_goes_live_with_the_publish_action_once_approved(admin_client):
    data = {"question": "Is there an API?", "answer": "Yes, a **REST** API.", "order": "0"}
    added = admin_client.post(reverse("admin:faqs_sitewidefaq_add"), data)
    faq = FAQ.objects.get(question="Is there an API?")
    assert added.status_code == 302
    assert faq.is_site_wide
    assert not PublishedFAQ.objects.filter(faq=faq).exists(), "saving must not publish"
    approved(faq)  # site-wide FAQs go through review (tests/editorial/test_site_wide_faq_review.py)

    response = admin_client.post(
        reverse("admin:faqs_sitewidefaq_changelist"),
        {"action": "publish_selected", "_selected_action": [faq.pk]},
        follow=True,
    )

    assert "Published 1 item(s)." in messages_of(response)
    live = PublishedFAQ.objects.live(at=timezone.now()).get(faq=faq)
    assert live.answer_html == "<p>Yes, a <strong>REST</strong> API.</p>\n"


@pytest.mark.parametrize(
    ("action", "was_live", "now_live"), [("publish_selected", False, True), ("unpublish_selected", True, False)]
)
def test_site_wide_faq_actions_change_what_is_live(admin_client, action, was_live, now_live):
    faq = FAQFactory(published=was_live)
    approved(faq)

    response = admin_client.post(
        reverse("admin:faqs_sitewidefaq_changelist"), {"action": action, "_selected_action": [faq.pk]}, follow=True
    )

    assert response.status_code == 200
    assert PublishedFAQ.objects.live(at=timezone.now()).filter(faq=faq).exists() is now_live


def test_site_wide_faq_changelist_leaves_out_the_faqs_of_terms(admin_client):
    FAQFactory(question="Site question?")
    FAQFactory(question="Term question?", term=TermFactory())

    response = admin_client.get(reverse("admin:faqs_sitewidefaq_changelist"))

    assert [faq.question for faq in response.context["cl"].result_list] == ["Site question?"]


@pytest.mark.parametrize(("published", "summary"), [(False, "● Draft (never published)"), (True, "● Live")])
def test_site_wide_faq_change_page_shows_the_publication_summary(admin_client, published, summary):
    faq = FAQFactory(published=published)

    response = admin_client.get(reverse("admin:faqs_sitewidefaq_change", args=[faq.pk]))

    assert response.status_code == 200
    assert publication_summary(response).startswith(summary)


def test_site_wide_faq_summary_does_not_show_a_database_id_as_its_version(admin_client):
    FAQFactory(published=True)
    faq = FAQFactory()
    copy = publish_site_faq(faq=faq, by=None)
    assert copy.pk != 1

    response = admin_client.get(reverse("admin:faqs_sitewidefaq_change", args=[faq.pk]))

    assert f"(version {copy.pk})" not in publication_summary(response)


def test_related_term_order_posted_by_the_sortable_inline_is_the_published_order(admin_client):
    term = TermFactory()
    first, second = TermFactory(published=True), TermFactory(published=True)
    data = change_form_of(admin_client, term) | management_form("related_links", total=2)
    data |= {
        "related_links-0-related": str(first.pk),
        "related_links-0-order": "2",
        "related_links-1-related": str(second.pk),
        "related_links-1-order": "1",
    }
    saved = admin_client.post(reverse("admin:terms_term_change", args=[term.pk]), data)
    assert saved.status_code == 302
    approved(term)

    response = admin_client.post(workflow_url(term), {"transition": "publish"})

    assert response.status_code == 302
    assert TermVersion.objects.get(term=term).related_term_ids == [second.pk, first.pk]


def test_related_term_links_added_elsewhere_survive_an_admin_save(admin_client):
    link = RelatedTermFactory()
    lock_version = link.term.lock_version

    response = admin_client.post(
        reverse("admin:terms_term_change", args=[link.term.pk]), change_form_of(admin_client, link.term)
    )

    assert response.status_code == 302
    link.term.refresh_from_db()
    assert link.term.lock_version == lock_version + 1, "the save went through"
    assert list(link.term.related_terms.all()) == [link.related]


def test_a_term_whose_only_go_live_was_cancelled_reads_as_never_published(admin_client):
    from scheduling.services import cancel_schedule, schedule_publication
    from tests.scheduling.workflow import approved

    term = approved(TermFactory(name="Postponed term"))
    cancel_schedule(schedule=schedule_publication(item=term, at=timezone.now() + timedelta(days=1), by=None), by=None)

    response = admin_client.get(reverse("admin:terms_term_changelist"))

    assert term.versions.count() == 1
    assert state_column(response, "Postponed term") == "● Draft (never published)"


def test_text_typed_in_the_browser_is_stored_with_lf_line_endings(admin_client):
    data = term_form(body="## Why\r\n\r\nBecause.\r\nReally.") | management_form("faqs", total=1)
    data |= {"faqs-0-question": "Why?", "faqs-0-answer": "One.\r\n\r\nTwo.", "faqs-0-order": "1"}

    response = admin_client.post(reverse("admin:terms_term_add"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    term = Term.objects.get(name="Foundation Model")
    assert term.body == "## Why\n\nBecause.\nReally."
    assert term.faqs.get().answer == "One.\n\nTwo."


def test_an_explanation_over_the_limit_comes_back_with_an_error_and_the_text(admin_client, settings):
    # 3 MB, as a pasted export would be: above the limit, but the form still gets to answer.
    over_the_limit = "## Pasted\n\n" + "word " * 600_000

    response = admin_client.post(reverse("admin:terms_term_add"), term_form(body=over_the_limit))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert f"the limit is {settings.GLOSSARY_MARKDOWN_MAX_CHARS:,}" in errors["body"][0]
    assert response.context["adminform"].form["body"].value() == over_the_limit
    assert not Term.objects.exists()


def test_an_faq_answer_over_the_limit_is_refused_naming_the_row(admin_client, settings):
    settings.GLOSSARY_MARKDOWN_MAX_CHARS = 1000
    data = term_form() | management_form("faqs", total=1)
    data |= {"faqs-0-question": "Why?", "faqs-0-answer": "a" * 1001, "faqs-0-order": "1"}

    response = admin_client.post(reverse("admin:terms_term_add"), data)

    assert response.status_code == 200
    inlines = response.context["inline_admin_formsets"]
    (faqs,) = [inline.formset for inline in inlines if inline.formset.prefix == "faqs"]
    assert "the limit is 1,000" in faqs.forms[0].errors["answer"][0]
    assert faqs.forms[0]["answer"].value() == "a" * 1001
    assert not Term.objects.exists()
