"""What the frozen app carries and leaves out, and its Windows version resource: the rules
packaging/fieldapp.spec applies, kept here where ruff and the tests read them."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

# Loaded by name at run time, so PyInstaller's import scan cannot see them.
HIDDEN_IMPORTS = [
    # sqlcipher3 and its SQLAlchemy dialect (fieldapp/store/db.py).
    "sqlcipher3",
    "sqlcipher3.dbapi2",
    "sqlalchemy.dialects.sqlite.pysqlcipher",
    # The keyring backends Linux desktops offer (Windows and macOS: keyring's own hook).
    "keyring.backends.SecretService",
    "keyring.backends.kwallet",
    # The server: PostgreSQL's driver picks its compiled implementation by name.
    "psycopg_binary",
    "sqlalchemy.dialects.postgresql.psycopg",
    # The migrations are run from their files (datas below), so their imports are named here
    # (tests/test_package_files.py checks every fieldapp module they import is listed).
    "fieldapp.server.facts",
    "fieldapp.server.schema",
    "fieldapp.store.knowledge",
    "fieldapp.store.models",
    "fieldapp.store.search",
    "alembic.op",
    "alembic.context",
    "sqlalchemy.dialects.postgresql",
    "logging.config",
]

# Never used by the running app: test and type-checking tools that pydantic's mypy and
# hypothesis plugins would pull in, the build-time icon writer, and GUI toolkits we do not
# use. (orjson is used: the server writes the supervisors' board with it.)
UNUSED_MODULES = [
    "hypothesis",
    "mypy",
    "pydantic.mypy",
    "pydantic.v1.mypy",
    "pydantic._hypothesis_plugin",
    "pytest",
    "_pytest",
    "PIL",
    "tkinter",
    "yaml",  # uvicorn reads a YAML logging config only when given one
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtPdf",
]

# Qt pieces the collected plugins drag in but the app never uses: QML and Quick (only the
# virtual keyboard's input plugin needs them), the PDF image plugin (reports are written with
# QPdfWriter, which is QtGui), and platforms for kiosks and embedded boards.
_UNUSED_QT = re.compile(
    r"qt6?(qml|quick|virtualkeyboard|pdf|eglfs)"  # libQt6Qml.so.6, Qt6Quick.dll, QtQml.framework
    r"|qtvirtualkeyboardplugin|^(lib)?qpdf\."
    r"|^(lib)?q(eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl)",
    re.IGNORECASE,
)
# Qt's own translations (its standard buttons and dialogs) kept, by language code: those of the
# languages the app has catalogues for (resources/translations, fieldapp/ui/languages.py).
LANGUAGES: list[str] = ["de"]


def keep(destination: str) -> bool:
    """Whether a collected file (its path inside the frozen folder) belongs in the app."""
    path = PurePosixPath(destination.replace("\\", "/"))
    if any(_UNUSED_QT.search(part) for part in path.parts):
        return False
    if path.parts[0] == "PySide6" and "translations" in path.parts and path.suffix == ".qm":
        return any(path.stem.endswith(f"_{language}") for language in LANGUAGES)
    return True


def data_trees(root: Path) -> list[tuple[str, str]]:
    """The files the app reads from disk: its icons (inside the package, where an installed
    wheel has them too) and both migration chains (Alembic runs them from their files)."""
    trees = {
        root / "resources": "fieldapp/resources",
        root / "fieldapp" / "store" / "migrations": "fieldapp/store/migrations",
        root / "fieldapp" / "server" / "migrations": "fieldapp/server/migrations",
    }
    found = []
    for source, target in trees.items():
        for path in sorted(source.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                destination = PurePosixPath(target, path.parent.relative_to(source).as_posix())
                found.append((str(path), str(destination)))
    return found


def windows_version(version: str, app_name: str) -> str:
    """The exe's version resource (Explorer's Details tab, the installer's version), in the
    text form PyInstaller reads from a file: its Python API for it loads only on Windows."""
    numbers = tuple(int(n) for n in re.findall(r"\d+", version)[:4])
    numbers = (*numbers, 0, 0, 0, 0)[:4]
    strings = {
        "CompanyName": app_name,
        "FileDescription": f"{app_name}: desk visits for IT field technicians",
        "FileVersion": version,
        "InternalName": "fieldapp",
        "OriginalFilename": "fieldapp.exe",
        "ProductName": app_name,
        "ProductVersion": version,
    }
    structs = ",\n".join(f"        StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}),
  kids=[
    StringFileInfo([StringTable('040904B0', [
{structs}
    ])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""
