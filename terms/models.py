"""Glossary content: working copies that editors change, and immutable published versions.

Editors work on `Term` and `Comparison` (the working copies). Publishing stores a
`TermVersion` / `ComparisonVersion`: the rendered, denormalised content the delivery
API serves. Nothing in a published version changes afterwards except the end of its
live window (unpublishing); every version is kept as the publication history.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.deletion import SET_NULL, ProtectedError
from django.db.models.functions import Greatest, Least, Lower
from django.utils import timezone
from django.utils.text import slugify
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from publishing.markdown import markdown_length_error, normalise_newlines
from publishing.states import PublicationState, ReviewState, publication_state_of
from terms.querysets import CategoryQuerySet, ComparisonVersionQuerySet, TermVersionQuerySet, WorkingCopyQuerySet


def keep_as_history_unless_open(collector, field, sub_objs, using) -> None:
    """on_delete for published versions: refuse while one is live or scheduled, else keep it with a null link.

    Live content changes only through publication, so deleting what a live or scheduled
    version points at is refused on every path (admin, shell, cascades); versions that
    are over stay as publication history.
    """
    now = timezone.now()
    still_open = list(sub_objs.filter(Q(live_until__isnull=True) | Q(live_until__gt=now)))
    if still_open:
        raise ProtectedError(
            f"Cannot delete: live or scheduled published versions point at it ({field.verbose_name}).", still_open
        )
    SET_NULL(collector, field, sub_objs, using)


class Category(models.Model):
    name = models.CharField("name", max_length=100, help_text="Shown as the category's heading.")
    slug = models.SlugField("slug", max_length=100, unique=True, help_text="Used in URLs, e.g. models-architectures.")
    description = models.TextField("description", blank=True, help_text="One or two sentences for the category page.")
    order = models.PositiveIntegerField("order", default=0, help_text="Lower numbers come first in lists.")
    updated_at = models.DateTimeField("updated at", auto_now=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="category_name_unique_ci",
                violation_error_message="A category with this name already exists (names ignore case).",
            )
        ]

    def __str__(self) -> str:
        return self.name


class CallToAction(models.Model):
    """A reusable call-to-action block shown under terms (e.g. a free-trial offer)."""

    name = models.CharField("internal name", max_length=100, unique=True, help_text="Only editors see this.")
    title = models.CharField("title", max_length=120, help_text="e.g. Build your AI agent")
    text = models.CharField("text", max_length=300, blank=True, help_text="e.g. 7-day free trial, no card needed.")
    button_label = models.CharField("button label", max_length=60, help_text="e.g. Start free trial")
    button_url = models.URLField("button URL", max_length=500)

    class Meta:
        verbose_name = "call to action"
        verbose_name_plural = "calls to action"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "text": self.text,
            "button_label": self.button_label,
            "button_url": self.button_url,
        }


class ConstraintErrorsOnFields(models.Model):
    """Show errors of expression constraints beside the field they concern, not above the form."""

    constraint_error_fields: dict[str, str] = {}

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None) -> None:
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            moved: dict[str, list[ValidationError]] = {}
            for field_name, errors in error.update_error_dict({}).items():
                for item in errors:
                    target = self.constraint_error_fields.get(item.code, field_name)
                    moved.setdefault(target, []).append(item)
            raise ValidationError(moved) from None


class EditorialFields(models.Model):
    """Who created and last changed a working copy, when, and where it stands in review."""

    review_state = models.CharField(
        "review state", max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT, editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="submitted for review by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lock_version = models.PositiveIntegerField(
        "edit version", default=0, editable=False, help_text="Raised by every save; a stale form is refused."
    )
    content_revision = models.PositiveIntegerField(
        "content revision", default=0, editable=False, help_text="Raised by every save that changes the content."
    )

    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="last changed by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def publication_state(self) -> PublicationState:
        return publication_state_of(self)


class SeoFields(models.Model):
    seo_title = models.CharField(
        "SEO title", max_length=120, blank=True, help_text="Page title for search engines; the name when empty."
    )
    seo_description = models.CharField(
        "SEO description",
        max_length=300,
        blank=True,
        help_text="Meta description for search engines; the short definition or summary when empty.",
    )
    noindex = models.BooleanField(
        "hide from search engines (noindex)",
        default=False,
        help_text="The page stays public, but is left out of the sitemaps and its `seo` says noindex.",
    )
    canonical_url = models.URLField(
        "canonical URL",
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="An absolute http(s) URL, when another page is the original; this page's own URL when empty.",
    )
    # PROTECT: an image in use as a share image cannot be deleted from the library by
    # accident; the refusal names the terms and comparisons that use it.
    og_image = models.ForeignKey(
        "media_library.Image",
        verbose_name="share image (Open Graph)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Shown when the page is shared on social media; about 1200 × 630 pixels works best.",
    )

    class Meta:
        abstract = True


class TermStatus(models.TextChoices):
    """Whether a term is current, or points readers to the term that replaced it."""

    ACTIVE = "active", "Active"
    DEPRECATED = "deprecated", "Deprecated: the page stays and points to its successor"
    RETIRED = "retired", "Retired: the slug redirects to its successor"


class RelationType(models.TextChoices):
    """Typed relations an editor sets on one term; the other term shows the inverse by itself."""

    BROADER = "broader", "broader term"
    NARROWER = "narrower", "narrower term"
    SEE_ALSO = "see_also", "see also"


class Term(ConstraintErrorsOnFields, EditorialFields, SeoFields):
    """The editors' working copy of a glossary term."""

    constraint_error_fields = {
        "term_name_taken": "name",
        "term_successor_required": "successor",
        "term_successor_not_self": "successor",
    }

    name = models.CharField("name", max_length=200, help_text="e.g. Foundation Model. Unique, ignoring case.")
    slug = models.SlugField(
        "slug",
        max_length=200,
        unique=True,
        blank=True,
        help_text="The term's URL. Filled from the name when empty; a changed slug of a "
        "published term keeps redirecting from the old one.",
    )
    short_definition = models.CharField(
        "quick definition", max_length=300, help_text="One or two sentences shown at the top of the page."
    )
    body = MarkdownxField("explanation", blank=True, help_text="The long explanation, in Markdown, with ## headings.")
    category = models.ForeignKey(
        Category, verbose_name="category", null=True, blank=True, on_delete=models.SET_NULL, related_name="terms"
    )
    cta = models.ForeignKey(
        CallToAction,
        verbose_name="call to action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="terms",
    )
    related_terms = models.ManyToManyField(
        "self", through="RelatedTerm", symmetrical=False, blank=True, verbose_name="related terms"
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=TermStatus.choices,
        default=TermStatus.ACTIVE,
        help_text="Deprecated: the page stays, marked deprecated, and names its successor. Retired: the page "
        "leaves lists, the index, search and the sitemap, and its slug redirects to the successor. Either "
        "takes effect when this version is published.",
    )
    successor = models.ForeignKey(
        "self",
        verbose_name="replaced by",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
        help_text="The term that replaces this one (required when deprecated or retired).",
    )
    widget_greeting = models.CharField(
        "chat widget greeting",
        max_length=200,
        blank=True,
        help_text="The first thing the chat widget says on this term's page; {term} stands for the term's "
        "name. Empty: the site's default greeting. Goes live when the term is published.",
    )
    autolink_mentions = models.BooleanField(
        "link mentions of other terms",
        default=True,
        help_text="Where the explanation names another term, link its first mention to that term's page while "
        "it is live (the site setting GLOSSARY_AUTOLINK can turn this off everywhere).",
    )

    objects = WorkingCopyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        permissions = [
            ("submit_term", "Can submit terms for review"),
            ("review_term", "Can review terms (comment, request changes, approve)"),
            ("publish_term", "Can publish, unpublish and schedule terms"),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="term_name_unique_ci",
                violation_error_code="term_name_taken",
                violation_error_message="A term with this name already exists (names ignore case).",
            ),
            models.CheckConstraint(
                condition=Q(status=TermStatus.ACTIVE) | Q(successor__isnull=False),
                name="term_successor_when_replaced",
                violation_error_code="term_successor_required",
                violation_error_message="Choose the term that replaces this one: a deprecated or retired term "
                "points readers to its successor.",
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("pk")),
                name="term_successor_not_self",
                violation_error_code="term_successor_not_self",
                violation_error_message="A term cannot replace itself.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = (self.name or "").strip()
        self.body = normalise_newlines(self.body or "")
        if error := markdown_length_error(self.body):
            raise ValidationError({"body": error})
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:200]


class TermAlias(models.Model):
    term = models.ForeignKey(Term, verbose_name="term", on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("alias", max_length=200, help_text="Another name or abbreviation, e.g. FM.")

    class Meta:
        verbose_name = "alias"
        verbose_name_plural = "aliases"
        ordering = ["id"]
        constraints = [models.UniqueConstraint("term", Lower("name"), name="term_alias_unique_ci")]

    def __str__(self) -> str:
        return self.name


class RelatedTerm(models.Model):
    term = models.ForeignKey(Term, verbose_name="term", on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(
        Term, verbose_name="related term", on_delete=models.CASCADE, related_name="related_from"
    )
    order = models.PositiveIntegerField("order", default=0, db_index=True)
    show_on_both = models.BooleanField(
        "show on both pages",
        default=False,
        help_text="The API also lists this term on the related term's page (once this term is published). "
        "The admin always shows the link on both.",
    )

    class Meta:
        verbose_name = "related term"
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint("term", "related", name="related_term_unique"),
            models.CheckConstraint(condition=~Q(term=F("related")), name="related_term_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.term} → {self.related}"

    def clean(self) -> None:
        if self.term_id and self.term_id == self.related_id:
            raise ValidationError({"related": "A term cannot be related to itself."})


class TermRelation(models.Model):
    """A typed relation set on `term`; the target shows the inverse (terms/relations.py) by itself."""

    term = models.ForeignKey(Term, verbose_name="term", on_delete=models.CASCADE, related_name="relations")
    type = models.CharField("relation", max_length=20, choices=RelationType.choices)
    target = models.ForeignKey(Term, verbose_name="other term", on_delete=models.CASCADE, related_name="relations_from")

    class Meta:
        verbose_name = "typed relation"
        ordering = ["type", "id"]
        constraints = [
            models.UniqueConstraint(
                "term",
                "target",
                name="term_relation_unique",
                violation_error_message="This term is related to that term already.",
            ),
            models.CheckConstraint(condition=~Q(term=F("target")), name="term_relation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.term} → {self.get_type_display()} → {self.target}"

    def clean(self) -> None:
        if self.term_id and self.term_id == self.target_id:
            raise ValidationError({"target": "A term cannot be related to itself."})


class PublishedVersion(models.Model):
    """Fields every published version has: its place in history and its live window."""

    number = models.PositiveIntegerField("version", editable=False)
    content_revision = models.PositiveIntegerField(
        "content revision", default=0, help_text="The working copy's content revision this was made from."
    )
    live_from = models.DateTimeField("live from", db_index=True)
    live_until = models.DateTimeField(
        "live until", null=True, blank=True, help_text="Empty while it stays live; set when withdrawn."
    )
    first_published_at = models.DateTimeField("first published at")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="published by", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("recorded at", auto_now_add=True)
    document = models.TextField(
        "public document",
        default="{}",
        editable=False,
        help_text="The page's JSON as the API serves it, less what depends on other items' liveness "
        "(rendered at publication by terms/documents.py).",
    )
    markdown = models.TextField(
        "page as Markdown",
        default="",
        editable=False,
        help_text="The page as clean Markdown with absolute links, less what depends on other items' liveness "
        "(rendered at publication by terms/documents.py).",
    )
    linked_items = models.JSONField(
        "linked items",
        default=list,
        editable=False,
        help_text="The terms and comparisons its text links to, as resolved at publication: "
        "[{kind, id, slug}] (terms/links.py). Content health compares them with what is live now.",
    )
    document_fingerprint = models.CharField(
        "written with settings",
        max_length=16,
        blank=True,
        editable=False,
        help_text="Which URL settings the public document was written with (terms.documents.settings_fingerprint).",
    )

    class Meta:
        abstract = True


class TermVersion(PublishedVersion):
    """An immutable published version of a term: what the delivery API serves."""

    term = models.ForeignKey(
        Term,
        verbose_name="term",
        null=True,
        on_delete=keep_as_history_unless_open,
        related_name="versions",
        help_text="Empty once the working copy is deleted; the version stays as publication history.",
    )
    slug = models.SlugField("slug", max_length=200)
    name = models.CharField("name", max_length=200)
    short_definition = models.CharField("quick definition", max_length=300)
    category = models.ForeignKey(
        Category,
        verbose_name="category",
        null=True,
        on_delete=keep_as_history_unless_open,
        related_name="term_versions",
        help_text="Empty on versions that are over once their category is deleted.",
    )
    body_markdown = models.TextField("explanation (Markdown)")
    body_html = models.TextField("explanation (HTML)")
    body_text = models.TextField("explanation (plain text)")
    toc = models.JSONField("table of contents", default=list)
    reading_time_minutes = models.PositiveIntegerField("reading time (minutes)")
    index_letter = models.CharField(
        "A–Z index letter", max_length=3, db_index=True, help_text="A–Z, or 0-9 for names starting with a digit."
    )
    aliases = models.JSONField("aliases", default=list)
    aliases_text = models.TextField("aliases (search)", blank=True)
    related_term_ids = models.JSONField("related terms", default=list, help_text="Term ids in the editor's order.")
    related_both_ways_ids = models.JSONField(
        "related terms shown both ways",
        default=list,
        help_text="Those of the related term ids whose pages list this term too (read per request, live only).",
    )
    relations = models.JSONField(
        "typed relations",
        default=list,
        help_text="[{type, term_id}] set on this term (broader, narrower, see_also); inverses are read per request.",
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=TermStatus.choices,
        default=TermStatus.ACTIVE,
        help_text="A retired version is never served as a page: its slug redirects to the successor.",
    )
    replaced_by_term_id = models.PositiveIntegerField(
        "replaced by (term id)", null=True, blank=True, help_text="The successor's term id, when deprecated or retired."
    )
    faqs = models.JSONField("FAQs", default=list)
    cta = models.JSONField("call to action", null=True)
    seo = models.JSONField("SEO", default=dict)
    noindex = models.BooleanField(
        "noindex", default=False, help_text="Left out of the sitemaps; published from the working copy's flag."
    )
    widget_greeting = models.CharField(
        "chat widget greeting",
        max_length=200,
        blank=True,
        default="",
        help_text="As the editor wrote it; empty means the site's default greeting (read per request).",
    )
    mentioned_term_ids = models.JSONField(
        "mentioned terms",
        default=list,
        help_text="Term ids whose name or alias the explanation or FAQ answers mention, by first occurrence "
        "(found at publication; which are live is decided per request).",
    )
    autolink_mentions = models.BooleanField(
        "link mentions", default=True, help_text="Published from the working copy's flag."
    )
    summary_document = models.TextField(
        "public summary", default="{}", editable=False, help_text="The term's JSON summary in lists, less its category."
    )
    index_entry = models.TextField(
        "A–Z index entry", default="{}", editable=False, help_text="The term's JSON entry in the A–Z index."
    )
    search_document = SearchVectorField(
        "search document", null=True, editable=False, help_text="Weighted full-text document (PostgreSQL)."
    )
    heading_document = SearchVectorField(
        "heading search document",
        null=True,
        editable=False,
        help_text="Full-text document of the short fields only, for the upper ranking tiers (PostgreSQL).",
    )

    objects = TermVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "published term version"
        ordering = ["-live_from"]
        get_latest_by = "number"
        indexes = [
            models.Index(fields=["slug", "live_from"], name="termversion_slug_live"),
            models.Index(fields=["term", "live_from"], name="termversion_term_live"),
            models.Index(fields=["live_until"], name="termversion_live_until"),
            # The change feed reads a category's open windows (terms/changes.py), not its history.
            models.Index(fields=["category", "live_until"], name="termversion_category_until"),
            # Lists ordered by name walk this index instead of sorting every live row, and
            # find a page's rows from the index alone (the live window is in it).
            # (`status` too: a retired version is in its window but is no page.)
            models.Index(fields=["name", "id", "live_from", "live_until", "status"], name="termversion_name_window"),
            # Counting live rows reads the window from the index alone.
            models.Index(fields=["live_from", "live_until", "status"], name="termversion_window"),
            # The A–Z index reads every live term's stored entry in its order from this index alone
            # (PostgreSQL scans an expression index without the table only if it holds `name` too).
            models.Index(
                Lower("name"),
                F("id"),
                F("live_from"),
                F("live_until"),
                F("index_letter"),
                F("name"),
                F("index_entry"),
                F("status"),
                name="termversion_az_entries",
            ),
        ]
        constraints = [
            models.UniqueConstraint("term", "number", name="termversion_number_unique"),
            models.CheckConstraint(
                condition=Q(live_until__isnull=True) | Q(live_until__gte=F("live_from")),
                name="termversion_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.number}"


class TermMention(models.Model):
    """A published term version mentions another term by name or alias (found at publication).

    The same ids as `TermVersion.mentioned_term_ids`, kept as rows indexed on the mentioned
    term: which pages mention a term ("Mentioned in", cache purges, content health).
    """

    version = models.ForeignKey(TermVersion, verbose_name="version", on_delete=models.CASCADE, related_name="mentions")
    # No database constraint: publishing a term (which holds its row lock) must not wait on
    # the rows of the terms it mentions, or two terms mentioning each other, published at
    # once, deadlock. A deleted term's rows stay, harmlessly: it is never live again.
    term = models.ForeignKey(
        Term,
        verbose_name="mentioned term",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="mentioned_in",
    )

    class Meta:
        verbose_name = "mention"
        constraints = [models.UniqueConstraint("version", "term", name="termmention_unique")]

    def __str__(self) -> str:
        return f"{self.version} mentions {self.term_id}"


class Comparison(ConstraintErrorsOnFields, EditorialFields, SeoFields):
    """The editors' working copy of an "A vs B" comparison page."""

    constraint_error_fields = {"comparison_pair_taken": "term_b", "comparison_same_terms": "term_b"}

    term_a = models.ForeignKey(Term, verbose_name="term A", on_delete=models.PROTECT, related_name="comparisons_as_a")
    term_b = models.ForeignKey(Term, verbose_name="term B", on_delete=models.PROTECT, related_name="comparisons_as_b")
    slug = models.SlugField(
        "slug",
        max_length=200,
        unique=True,
        blank=True,
        help_text="Filled from the two terms’ slugs when empty, e.g. “llm-vs-foundation-model”.",
    )
    title = models.CharField("title", max_length=200, blank=True, help_text="e.g. Foundation Model vs LLM.")
    summary = models.CharField("summary", max_length=300, help_text="One or two sentences: how they differ.")
    body = MarkdownxField("explanation", blank=True, help_text="The comparison in Markdown, with ## headings.")

    objects = WorkingCopyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        permissions = [
            ("submit_comparison", "Can submit comparisons for review"),
            ("review_comparison", "Can review comparisons (comment, request changes, approve)"),
            ("publish_comparison", "Can publish, unpublish and schedule comparisons"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(term_a=F("term_b")),
                name="comparison_terms_differ",
                violation_error_code="comparison_same_terms",
                violation_error_message="A term cannot be compared with itself.",
            ),
            models.UniqueConstraint(
                Least("term_a", "term_b"),
                Greatest("term_a", "term_b"),
                name="comparison_pair_unique",
                violation_error_code="comparison_pair_taken",
                violation_error_message="These two terms are already compared (in one order or the other).",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.slug

    def clean(self) -> None:
        self.body = normalise_newlines(self.body or "")
        if error := markdown_length_error(self.body):
            raise ValidationError({"body": error})
        if not (self.term_a_id and self.term_b_id):
            return
        if not self.slug:
            self.slug = f"{self.term_a.slug}-vs-{self.term_b.slug}"[:200]
        if not self.title:
            self.title = f"{self.term_a.name} vs {self.term_b.name}"


class ComparisonPoint(models.Model):
    comparison = models.ForeignKey(
        Comparison, verbose_name="comparison", on_delete=models.CASCADE, related_name="points"
    )
    order = models.PositiveIntegerField("order", default=0, db_index=True)
    aspect = models.CharField("aspect", max_length=120, help_text="e.g. Training data")
    term_a_text = models.CharField("for term A", max_length=500)
    term_b_text = models.CharField("for term B", max_length=500)

    class Meta:
        verbose_name = "comparison point"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.aspect


class ComparisonVersion(PublishedVersion):
    """An immutable published version of a comparison."""

    comparison = models.ForeignKey(
        Comparison,
        verbose_name="comparison",
        null=True,
        on_delete=keep_as_history_unless_open,
        related_name="versions",
        help_text="Empty once the working copy is deleted; the version stays as publication history.",
    )
    slug = models.SlugField("slug", max_length=200)
    reverse_slug = models.SlugField("reversed slug", max_length=200, help_text="b-vs-a; redirects to the slug.")
    title = models.CharField("title", max_length=200)
    # Like `comparison`: a deleted term empties these on versions that are over (the
    # title still names both), and is refused while a version naming it is live or scheduled.
    term_a = models.ForeignKey(
        Term, verbose_name="term A", null=True, on_delete=keep_as_history_unless_open, related_name="+"
    )
    term_b = models.ForeignKey(
        Term, verbose_name="term B", null=True, on_delete=keep_as_history_unless_open, related_name="+"
    )
    summary = models.CharField("summary", max_length=300)
    body_markdown = models.TextField("explanation (Markdown)")
    body_html = models.TextField("explanation (HTML)")
    body_text = models.TextField("explanation (plain text)")
    toc = models.JSONField("table of contents", default=list)
    points = models.JSONField("points", default=list)
    faqs = models.JSONField("FAQs", default=list)
    seo = models.JSONField("SEO", default=dict)
    noindex = models.BooleanField(
        "noindex", default=False, help_text="Left out of the sitemaps; published from the working copy's flag."
    )
    search_document = SearchVectorField(
        "search document", null=True, editable=False, help_text="Weighted full-text document (PostgreSQL)."
    )
    heading_document = SearchVectorField(
        "heading search document",
        null=True,
        editable=False,
        help_text="Full-text document of the short fields only, for the upper ranking tiers (PostgreSQL).",
    )

    objects = ComparisonVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "published comparison version"
        ordering = ["-live_from"]
        indexes = [
            models.Index(fields=["slug", "live_from"], name="compversion_slug_live"),
            models.Index(fields=["reverse_slug"], name="compversion_reverse_slug"),
            models.Index(fields=["term_a", "live_from"], name="compversion_term_a_live"),
            models.Index(fields=["term_b", "live_from"], name="compversion_term_b_live"),
            models.Index(fields=["live_until"], name="compversion_live_until"),
        ]
        constraints = [
            models.UniqueConstraint("comparison", "number", name="compversion_number_unique"),
            models.CheckConstraint(
                condition=Q(live_until__isnull=True) | Q(live_until__gte=F("live_from")),
                name="compversion_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class SlugRedirect(models.Model):
    """An old slug of a published term or comparison, answering with a redirect to its new one."""

    old_slug = models.SlugField("old slug", max_length=200)
    term = models.ForeignKey(
        Term, verbose_name="term", null=True, blank=True, on_delete=models.CASCADE, related_name="slug_redirects"
    )
    comparison = models.ForeignKey(
        Comparison,
        verbose_name="comparison",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="slug_redirects",
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term__isnull=False, comparison__isnull=True)
                | Q(term__isnull=True, comparison__isnull=False),
                name="slugredirect_one_target",
            ),
            models.UniqueConstraint("old_slug", condition=Q(term__isnull=False), name="slugredirect_term_slug_unique"),
            models.UniqueConstraint(
                "old_slug", condition=Q(comparison__isnull=False), name="slugredirect_comparison_slug_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.term or self.comparison}"


class IndexLetterListing(models.Model):
    """One letter of the A–Z index as live readers see it during [live_from, live_until): its entries, A–Z.

    Written at publication (terms/index_letters.py) from the live rule, for now and for every
    scheduled instant to come, in the transaction of the change; the index reads these rows
    instead of every live term.
    """

    letter = models.CharField("letter", max_length=8)
    live_from = models.DateTimeField("live from")
    live_until = models.DateTimeField("live until", null=True, blank=True)
    entries = models.TextField("entries", help_text="JSON array of the letter's index entries, A–Z.")

    class Meta:
        verbose_name = "A–Z index letter"
        ordering = ["letter", "live_from"]
        indexes = [
            models.Index(fields=["live_until", "live_from"], name="indexletter_window"),
            models.Index(fields=["letter", "live_from"], name="indexletter_letter_from"),
        ]

    def __str__(self) -> str:
        return f"{self.letter} from {self.live_from:%Y-%m-%d %H:%M:%S}"


class DemoContentRecord(models.Model):
    """Which demo items the loader has created once: it never creates them again.

    So an editor who renames, rewords, withdraws or deletes a demo item keeps it that way.
    """

    key = models.CharField("demo item", max_length=250, unique=True, help_text="e.g. term:rag or site-faq:0.")
    created_at = models.DateTimeField("loaded at", auto_now_add=True)

    class Meta:
        verbose_name = "demo content record"

    def __str__(self) -> str:
        return self.key


class Announcement(models.Model):
    """The outbox: one row per content event, written in the same transaction as the change.

    A crash right after the commit cannot lose it (an `on_commit` callback could be
    skipped); the worker turns undispatched rows into webhook deliveries later. Content
    apps only write here, so they need not know who listens.
    """

    uuid = models.UUIDField(
        "announcement id",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Stable across retries: webhook delivery ids are derived from it.",
    )
    event = models.CharField("event", max_length=40, help_text="e.g. term.published.")
    kind = models.CharField("object kind", max_length=20, help_text="term, comparison or release.")
    slug = models.CharField("slug", max_length=200, help_text="The object's slug (a release's id).")
    occurred_at = models.DateTimeField("occurred at")
    dispatched_at = models.DateTimeField(
        "dispatched at", null=True, blank=True, help_text="When subscribers' deliveries were created; empty until then."
    )

    class Meta:
        verbose_name = "announcement"
        ordering = ["occurred_at", "pk"]
        indexes = [
            # The worker polls for undispatched rows every second: keep that a tiny index scan.
            models.Index(
                fields=["occurred_at"], condition=Q(dispatched_at__isnull=True), name="announcement_undispatched"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.slug}"
