"""`manage.py check_content`: the content health report in a terminal or CI."""

from django.core.management.base import BaseCommand, CommandError

from health.problems import Severity
from health.report import content_health


class Command(BaseCommand):
    help = (
        "Print the content health report (the admin's Content health page). Exits with status 1 when a "
        "problem at or above --fail-on is found, so content can be checked in CI."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=["text", "json"], default="text", help="text (default) or json")
        parser.add_argument(
            "--fail-on",
            choices=[str(Severity.WARNING), str(Severity.ERROR)],
            default=None,
            help="exit with status 1 when a problem this severe or worse is found (default: never)",
        )

    def handle(self, *args, **options) -> None:
        report = content_health()
        self.stdout.write(report.as_json() if options["format"] == "json" else report.as_text(), ending="")
        if options["format"] == "json":
            self.stdout.write("")
        fail_on = options["fail_on"]
        worst = report.worst()
        if fail_on and worst is not None and worst.at_least(Severity(fail_on)):
            raise CommandError(f"content health: {worst} problems found (--fail-on {fail_on})", returncode=1)
