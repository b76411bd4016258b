"""Where a working copy stands against the public: never published, live, live with changes, withdrawn."""

from django.db import models


class PublicationState(models.TextChoices):
    DRAFT = "draft", "Draft (never published)"
    LIVE = "live", "Live"
    CHANGED = "changed", "Live, with unpublished changes"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ReviewState(models.TextChoices):
    """Where the working copy stands in review. Publication (live or not) is tracked apart.

    Here, below every content app, so terms, comparisons and site-wide FAQs share one workflow.
    """

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


def publication_state_of(working_copy: models.Model) -> PublicationState:
    """Where a working copy stands; needs the annotations of `with_publication_state()`."""
    if working_copy.live_version_number is not None:
        if hasattr(working_copy, "content_revision"):
            # Content revisions count real edits, so a save without changes is not a change,
            # and a rollback to older content leaves the newer draft shown as unpublished.
            changed = working_copy.content_revision != working_copy.live_content_revision
        else:
            latest = working_copy.latest_version_recorded_at
            changed = bool(latest and working_copy.updated_at > latest)
        return PublicationState.CHANGED if changed else PublicationState.LIVE
    if working_copy.latest_version_recorded_at:
        return PublicationState.WITHDRAWN
    return PublicationState.DRAFT
