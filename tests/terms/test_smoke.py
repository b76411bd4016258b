from terms.models import TermVersion
from tests.factories import ComparisonFactory, TermFactory


def test_published_term_has_a_live_version(db):
    term = TermFactory(published=True)
    comparison = ComparisonFactory(published=True)

    assert TermVersion.objects.filter(term=term).count() == 1
    assert comparison.versions.count() == 1
