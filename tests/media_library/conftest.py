import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Files stored by a test go to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GLOSSARY_MEDIA_BASE_URL = "https://cms.example.org"
    return settings.MEDIA_ROOT
