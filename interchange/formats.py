"""Files in and out: the export document as JSON or as a folder of Markdown files, and CSV rows.

Every reader turns its file into the same `Entry` list (one per category, call to action,
term, comparison or site-wide FAQ), each with where it came from ("line 4", "terms/rag.md",
"terms[2]") so a report can point at the row. A reader checks only the file's shape; what
a field may hold is decided later by the admin's own validation (interchange.services).

Markdown files carry their fields as YAML front matter between `---` lines and the
explanation after it, byte for byte: python-frontmatter strips the text around the body,
which would change what editors wrote (the demo glossary's explanations end with a newline)
and break the round trip, so the few lines that split a file are written here.
"""

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from interchange.export import FORMAT_NAME, FORMAT_VERSION

KINDS = ("category", "call_to_action", "term", "comparison", "site_faq")
SECTIONS = {
    "categories": "category",
    "calls_to_action": "call_to_action",
    "terms": "term",
    "comparisons": "comparison",
    "site_faqs": "site_faq",
}
# Fields each kind of entry may carry (anything else in a file is refused, naming the field).
ENTRY_FIELDS = {
    "category": {"slug", "name", "description", "order"},
    "call_to_action": {"name", "title", "text", "button_label", "button_url"},
    "term": {
        "slug",
        "name",
        "quick_definition",
        "explanation",
        "category",
        "aliases",
        "related",
        "relations",
        "status",
        "successor",
        "faqs",
        "cta",
        "seo_title",
        "seo_description",
    },
    "comparison": {
        "slug",
        "term_a",
        "term_b",
        "title",
        "summary",
        "explanation",
        "points",
        "faqs",
        "seo_title",
        "seo_description",
    },
    "site_faq": {"question", "answer", "order"},
}
CSV_COLUMNS = ["name", "slug", "quick_definition", "explanation", "category", "aliases"]
CSV_ALIAS_SEPARATOR = ";"
FRONT_MATTER_FENCE = "---\n"
# Folder layout of the Markdown export.
MANIFEST_FILE = "glossary.yml"
SHARED_FILES = {
    "categories": "categories.yml",
    "calls_to_action": "calls-to-action.yml",
    "site_faqs": "site-faqs.yml",
    "media": "media.yml",
}
ITEM_FOLDERS = {"terms": "term", "comparisons": "comparison"}
# A small zip can unpack to a huge size: refuse before reading (a glossary is a few MB).
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024


@dataclass
class Entry:
    """One item read from a file: its kind, where it came from, and the fields the file gave."""

    kind: str
    source: str
    fields: dict


@dataclass
class ParsedFile:
    entries: list[Entry] = field(default_factory=list)
    # (source, field, message) of what could not be read at all
    problems: list[tuple[str, str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "entries": [{"kind": e.kind, "source": e.source, "fields": e.fields} for e in self.entries],
            "problems": [list(problem) for problem in self.problems],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ParsedFile":
        return cls(
            entries=[Entry(**entry) for entry in data["entries"]],
            problems=[tuple(problem) for problem in data["problems"]],
        )


class _ReadableDumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks, so Markdown in front matter reads as Markdown."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ReadableDumper.add_representer(str, _represent_text)


def _yaml(data: object) -> str:
    # PyYAML falls back to a quoted style wherever a block could not hold the text exactly.
    return yaml.dump(data, Dumper=_ReadableDumper, sort_keys=False, allow_unicode=True, width=100)


# --- writing -----------------------------------------------------------------------------------


def dump_json(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def markdown_file(fields: dict, body: str) -> str:
    return FRONT_MATTER_FENCE + _yaml(fields) + FRONT_MATTER_FENCE + body


def markdown_folder(document: dict) -> dict[str, str]:
    """The document as {relative path: file text}: one Markdown file per term and comparison."""
    files = {MANIFEST_FILE: _yaml({"format": document["format"], "version": document["version"]})}
    for section, name in SHARED_FILES.items():
        if section != "media" or document["media"]:
            files[name] = _yaml(document[section])
    for folder in ITEM_FOLDERS:
        for item in document[folder]:
            fields = {key: value for key, value in item.items() if key != "explanation"}
            files[f"{folder}/{item['slug']}.md"] = markdown_file(fields, item["explanation"])
    return files


def write_markdown_folder(document: dict, folder: Path) -> list[Path]:
    written = []
    for relative, text in markdown_folder(document).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


# --- reading -----------------------------------------------------------------------------------


def _entries_of(parsed: ParsedFile, kind: str, items: object, *, where: str) -> None:
    if not isinstance(items, list):
        parsed.problems.append((where, "", "Expected a list."))
        return
    for position, item in enumerate(items):
        source = f"{where}[{position}]" if where else f"item {position + 1}"
        _entry(parsed, kind, item, source=source)


def _entry(parsed: ParsedFile, kind: str, item: object, *, source: str) -> None:
    if not isinstance(item, dict):
        parsed.problems.append((source, "", "Expected an object with fields."))
        return
    unknown = sorted(set(item) - ENTRY_FIELDS[kind])
    if unknown:
        parsed.problems.append((source, unknown[0], f"Unknown field “{unknown[0]}”."))
        return
    # Plain JSON values only: YAML reads `2024-01-01` as a date, which a form reads as its text anyway
    # and which the admin's session (JSON) could not keep between the dry run and the confirmation.
    parsed.entries.append(Entry(kind=kind, source=source, fields=json.loads(json.dumps(item, default=str))))


def _check_format(parsed: ParsedFile, header: object, *, source: str) -> bool:
    if not isinstance(header, dict) or header.get("format") != FORMAT_NAME:
        parsed.problems.append((source, "format", f"Not a glossary export (expected format “{FORMAT_NAME}”)."))
        return False
    if header.get("version") != FORMAT_VERSION:
        parsed.problems.append((source, "version", f"Unsupported version (this one reads {FORMAT_VERSION})."))
        return False
    return True


def read_json(text: str, *, name: str = "file") -> ParsedFile:
    parsed = ParsedFile()
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        parsed.problems.append((f"line {error.lineno}", "", f"Not valid JSON: {error.msg}."))
        return parsed
    if not _check_format(parsed, document, source=name):
        return parsed
    unknown = sorted(set(document) - {"format", "version", "media", *SECTIONS})
    if unknown:
        parsed.problems.append((name, unknown[0], f"Unknown section “{unknown[0]}”."))
    for section, kind in SECTIONS.items():
        _entries_of(parsed, kind, document.get(section, []), where=section)
    return parsed


def split_front_matter(text: str) -> tuple[object, str]:
    """(fields, body) of a Markdown file with YAML front matter; raises ValueError if it has none."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if not text.startswith(FRONT_MATTER_FENCE):
        raise ValueError("The file must start with YAML front matter between “---” lines.")
    end = text.find("\n" + FRONT_MATTER_FENCE, len(FRONT_MATTER_FENCE) - 1)
    if end == -1:
        raise ValueError("The front matter has no closing “---” line.")
    return yaml.safe_load(text[len(FRONT_MATTER_FENCE) : end + 1]), text[end + 1 + len(FRONT_MATTER_FENCE) :]


def read_markdown_files(files: dict[str, str]) -> ParsedFile:
    """Read a Markdown export given as {relative path: text} (a folder, or a zip of one)."""
    parsed = ParsedFile()
    files = {path.replace("\\", "/"): text for path, text in files.items()}
    # A zip of the folder may hold it one level down; read from where the manifest is.
    manifests = sorted((path for path in files if path.rsplit("/", 1)[-1] == MANIFEST_FILE), key=len)
    if not manifests:
        parsed.problems.append((MANIFEST_FILE, "", f"No {MANIFEST_FILE}: not a glossary export folder."))
        return parsed
    root = manifests[0][: -len(MANIFEST_FILE)]
    files = {path[len(root) :]: text for path, text in files.items() if path.startswith(root)}
    try:
        header = yaml.safe_load(files[MANIFEST_FILE])
    except yaml.YAMLError as error:
        parsed.problems.append((MANIFEST_FILE, "", f"Not valid YAML: {error}"))
        return parsed
    if not _check_format(parsed, header, source=MANIFEST_FILE):
        return parsed
    for section, name in SHARED_FILES.items():
        if section == "media" or name not in files:
            continue
        try:
            items = yaml.safe_load(files[name]) or []
        except yaml.YAMLError as error:
            parsed.problems.append((name, "", f"Not valid YAML: {error}"))
            continue
        _entries_of(parsed, SECTIONS[section], items, where=name)
    for path in sorted(files):
        folder, _, filename = path.partition("/")
        if folder not in ITEM_FOLDERS or not filename.endswith(".md") or "/" in filename:
            continue
        try:
            fields, body = split_front_matter(files[path])
        except (ValueError, yaml.YAMLError) as error:
            parsed.problems.append((path, "", str(error)))
            continue
        if not isinstance(fields, dict):
            parsed.problems.append((path, "", "The front matter must hold fields (name: value)."))
            continue
        if "explanation" in fields:
            parsed.problems.append((path, "explanation", "The explanation goes after the front matter."))
            continue
        _entry(parsed, ITEM_FOLDERS[folder], {**fields, "explanation": body}, source=path)
    return parsed


def read_markdown_folder(folder: Path) -> ParsedFile:
    files = {
        str(path.relative_to(folder)): path.read_text(encoding="utf-8")
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in {".md", ".yml"}
    }
    return read_markdown_files(files)


def read_zip(data: bytes) -> ParsedFile:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                return ParsedFile(problems=[("file", "", "The zip unpacks to more than 100 MB.")])
            files = {
                info.filename: archive.read(info).decode("utf-8")
                for info in archive.infolist()
                if not info.is_dir() and info.filename.endswith((".md", ".yml"))
            }
    except (zipfile.BadZipFile, UnicodeDecodeError) as error:
        return ParsedFile(problems=[("file", "", f"Not a readable zip of a Markdown export: {error}.")])
    return read_markdown_files(files)


def _csv_column(header: str) -> str:
    return header.strip().lower().replace(" ", "_").replace("-", "_")


def read_csv(text: str) -> ParsedFile:
    """One term per row; a column left out of the file leaves that field of existing terms alone."""
    parsed = ParsedFile()
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        parsed.problems.append(("line 1", "", "The file is empty: the first line must name the columns."))
        return parsed
    columns = [_csv_column(name) for name in header]
    for column in columns:
        if column not in CSV_COLUMNS:
            parsed.problems.append(
                ("line 1", column, f"Unknown column “{column}” (allowed: {', '.join(CSV_COLUMNS)}).")
            )
            return parsed
    if "name" not in columns and "slug" not in columns:
        parsed.problems.append(("line 1", "name", "A column “name” or “slug” is needed to find each term."))
        return parsed
    line = reader.line_num + 1
    try:
        for row in reader:
            source = f"line {line}"
            line = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                parsed.problems.append((source, "", f"Expected {len(columns)} cells, found {len(row)}."))
                continue
            values = dict(zip(columns, row, strict=True))
            fields: dict = {key: value for key, value in values.items() if key != "aliases"}
            if "aliases" in values:
                fields["aliases"] = [a.strip() for a in values["aliases"].split(CSV_ALIAS_SEPARATOR) if a.strip()]
            if "category" in fields:
                fields["category"] = fields["category"].strip() or None
            parsed.entries.append(Entry(kind="term", source=source, fields=fields))
    except csv.Error as error:
        parsed.problems.append((f"line {reader.line_num}", "", f"Not valid CSV: {error}."))
    return parsed


def read_path(path: Path) -> ParsedFile:
    """Read an export folder, a JSON or CSV file, or a zip of an export folder."""
    if path.is_dir():
        return read_markdown_folder(path)
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return read_zip(path.read_bytes())
    return read_upload(path.name, path.read_bytes())


def read_upload(name: str, data: bytes) -> ParsedFile:
    suffix = Path(name).suffix.lower()
    if suffix == ".zip":
        return read_zip(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ParsedFile(problems=[(name, "", "The file is not UTF-8 text.")])
    if suffix == ".json":
        return read_json(text, name=name)
    if suffix == ".csv":
        return read_csv(text)
    return ParsedFile(problems=[(name, "", "Use a .json or .csv file, a .zip of a Markdown export, or its folder.")])
