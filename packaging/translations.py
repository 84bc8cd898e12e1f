"""Updates and compiles the app's translation catalogues (`make translations`): one
catalogue per part of the code, so each part's translators work on their own file.

    python packaging/translations.py            # update the .ts from the code, compile the .qm
    python packaging/translations.py --check    # exit 1 when a catalogue is stale or unfinished
    python packaging/translations.py --todo visit > todo.json    # what is left to translate
    python packaging/translations.py --fill visit done.json      # write those translations in

Qt's lupdate reads the strings from `self.tr()`, `QCoreApplication.translate()` and, outside
Qt (domain, store, sync), from `QT_TRANSLATE_NOOP` marks (fieldapp/domain/words.py). The
catalogues carry no line numbers, so editing code does not churn them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "resources" / "translations"
LANGUAGES = ("de",)


@dataclass(frozen=True)
class Area:
    """A catalogue: its name and the source files whose words it holds."""

    name: str
    patterns: tuple[str, ...]

    def sources(self) -> list[Path]:
        return sorted({path for pattern in self.patterns for path in ROOT.glob(pattern)})


AREAS = (
    Area("visit", ("fieldapp/ui/visit/*.py",)),
    Area("supervisor", ("fieldapp/ui/supervisor/*.py",)),
    Area("app", ("fieldapp/ui/*.py",)),
    Area("domain", ("fieldapp/domain/*.py",)),
    Area("laptop", ("fieldapp/store/*.py", "fieldapp/sync/*.py")),
)


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python (the venv), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} was not found; install PySide6 (make venv)")
    return found


def catalogue(area: Area, language: str, folder: Path = CATALOGUES) -> Path:
    return folder / f"{area.name}_{language}.ts"


def update(area: Area, language: str, folder: Path = CATALOGUES) -> Path:
    """Bring the area's catalogue up to date with its code (new strings are unfinished)."""
    target = catalogue(area, language, folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    sources = [str(path.relative_to(ROOT)) for path in area.sources()]
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *sources,
            "-locations",
            "none",
            "-no-obsolete",
            "-source-language",
            "en",
            "-target-language",
            language,
            "-ts",
            str(target),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return target


def release(ts: Path, qm: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )


def unfinished(ts: Path) -> list[str]:
    """The source texts of the catalogue with no finished translation."""
    return _unfinished_of(ET.parse(ts).getroot())


def _unfinished_of(root: ET.Element) -> list[str]:
    missing = []
    for message in root.iter("message"):
        source = message.findtext("source", "")
        translation = message.find("translation")
        forms = [] if translation is None else list(translation.iter("numerusform"))
        texts = [form.text for form in forms] if forms else [getattr(translation, "text", None)]
        finished = translation is not None and translation.get("type") not in {
            "unfinished",
            "vanished",
        }
        if not finished or not all(text and text.strip() for text in texts):
            missing.append(source)
    return missing


def todo(area: Area, language: str) -> list[dict[str, object]]:
    """The unfinished messages of a catalogue, as a list to fill in (`--fill`): context,
    source and `translation` (a list of forms for a message counted with %n)."""
    left = []
    for context in ET.parse(catalogue(area, language)).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            if source in unfinished_in(message):
                counted = message.get("numerus") == "yes"
                blank: list[str] | str = [] if counted else ""
                left.append({"context": name, "source": source, "translation": blank})
    return left


def unfinished_in(message: ET.Element) -> list[str]:
    holder = ET.Element("TS")
    holder.append(message)
    return _unfinished_of(holder)


def fill(area: Area, language: str, entries: list[dict[str, object]]) -> int:
    """Write translations (as `--todo` lists them) into the catalogue; how many were used."""
    path = catalogue(area, language)
    tree = ET.parse(path)
    wanted = {(str(e["context"]), str(e["source"])): e["translation"] for e in entries}
    used = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            text = wanted.get((name, message.findtext("source", "")))
            if not text:
                continue
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            translation.attrib.pop("type", None)
            for form in list(translation):
                translation.remove(form)
            if isinstance(text, list):
                translation.text = None
                for form_text in text:
                    ET.SubElement(translation, "numerusform").text = str(form_text)
            else:
                translation.text = str(text)
            used += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    update(area, language)  # lupdate writes it back in its own layout
    release(path, path.with_suffix(".qm"))
    return used


def check() -> list[str]:
    """What is wrong with the committed catalogues, in sentences (empty: all is well)."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        for area in AREAS:
            for language in LANGUAGES:
                committed = catalogue(area, language)
                if not committed.exists():
                    problems.append(f"{committed.name} is missing: run make translations")
                    continue
                fresh = Path(scratch) / committed.name
                shutil.copy(committed, fresh)
                update(area, language, Path(scratch))
                if fresh.read_bytes() != committed.read_bytes():
                    problems.append(f"{committed.name} is stale: run make translations")
                problems.extend(
                    f"{committed.name}: no translation for {source!r}"
                    for source in unfinished(fresh)
                )
                qm = committed.with_suffix(".qm")
                compiled = Path(scratch) / qm.name
                release(committed, compiled)
                if not qm.exists() or qm.read_bytes() != compiled.read_bytes():
                    problems.append(f"{qm.name} does not match its .ts: run make translations")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    parser.add_argument("--todo", metavar="AREA", help="print the area's unfinished messages")
    parser.add_argument("--fill", nargs=2, metavar=("AREA", "JSON"), help="write translations")
    parser.add_argument("--language", default=LANGUAGES[0])
    args = parser.parse_args(argv)
    areas = {area.name: area for area in AREAS}
    if args.todo:
        print(json.dumps(todo(areas[args.todo], args.language), ensure_ascii=False, indent=1))
        return 0
    if args.fill:
        entries = json.loads(Path(args.fill[1]).read_text(encoding="utf-8"))
        used = fill(areas[args.fill[0]], args.language, entries)
        left = unfinished(catalogue(areas[args.fill[0]], args.language))
        print(f"{used} translation(s) written; {len(left)} left")
        return 0
    if args.check:
        problems = check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    for area in AREAS:
        for language in LANGUAGES:
            ts = update(area, language)
            release(ts, ts.with_suffix(".qm"))
            left = unfinished(ts)
            print(f"{ts.relative_to(ROOT)}: {len(left)} string(s) to translate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
