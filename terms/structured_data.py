"""schema.org JSON-LD for term and comparison pages, built from published versions."""

from django.conf import settings

from terms.models import ComparisonVersion, TermVersion


def term_url(slug: str) -> str:
    return settings.GLOSSARY_TERM_URL_PATTERN.format(slug=slug)


def comparison_url(slug: str) -> str:
    return settings.GLOSSARY_COMPARISON_URL_PATTERN.format(slug=slug)


def category_url(slug: str) -> str:
    return settings.GLOSSARY_CATEGORY_URL_PATTERN.format(slug=slug)


def _faq_page(url: str, faqs: list[dict]) -> dict:
    return {
        "@type": "FAQPage",
        "@id": f"{url}#faq",
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq["question"],
                "acceptedAnswer": {"@type": "Answer", "text": faq["answer_text"]},
            }
            for faq in faqs
        ],
    }


def _breadcrumbs(url: str, trail: list[tuple[str, str]]) -> dict:
    return {
        "@type": "BreadcrumbList",
        "@id": f"{url}#breadcrumbs",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": item_url}
            for position, (name, item_url) in enumerate(trail, start=1)
        ],
    }


def term_json_ld(version: TermVersion) -> dict:
    """DefinedTerm in the glossary's DefinedTermSet, FAQPage when it has FAQs, BreadcrumbList."""
    url = term_url(version.slug)
    defined_term = {
        "@type": "DefinedTerm",
        "@id": f"{url}#term",
        "name": version.name,
        "description": version.short_definition,
        "url": url,
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "@id": f"{settings.GLOSSARY_INDEX_URL}#glossary",
            "name": settings.GLOSSARY_SITE_NAME,
            "url": settings.GLOSSARY_INDEX_URL,
        },
    }
    if version.aliases:
        defined_term["alternateName"] = version.aliases
    trail = [(settings.GLOSSARY_SITE_NAME, settings.GLOSSARY_INDEX_URL)]
    if version.category is not None:
        trail.append((version.category.name, category_url(version.category.slug)))
    trail.append((version.name, url))
    graph = [defined_term, _breadcrumbs(url, trail)]
    if version.faqs:
        graph.append(_faq_page(url, version.faqs))
    return {"@context": "https://schema.org", "@graph": graph}


def comparison_json_ld(version: ComparisonVersion, *, term_slugs: list[str]) -> dict:
    """WebPage about the two terms, FAQPage when it has FAQs, BreadcrumbList."""
    url = comparison_url(version.slug)
    page = {
        "@type": "WebPage",
        "@id": f"{url}#page",
        "name": version.title,
        "description": version.summary,
        "url": url,
        "about": [{"@id": f"{term_url(slug)}#term"} for slug in term_slugs],
    }
    trail = [(settings.GLOSSARY_SITE_NAME, settings.GLOSSARY_INDEX_URL), (version.title, url)]
    graph = [page, _breadcrumbs(url, trail)]
    if version.faqs:
        graph.append(_faq_page(url, version.faqs))
    return {"@context": "https://schema.org", "@graph": graph}
