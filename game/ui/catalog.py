"""The title screen's list of scenarios: every file in the scenario folders, valid or not.

The list never holds up the window. Files are found and checked in a background thread while
the title screen answers input, and a folder may hold a thousand of them, so:

- only a small summary of each valid file is kept (what the menu shows), never the whole
  loaded scenario; a game's scenario is loaded from disk again when the game starts;
- summaries and errors are cached on disk, keyed by each file's path, modification time and
  size and by the program's version (the code that validates scenarios), so the next start
  checks only the files that changed;
- files that share a scenario id are marked (saves and reports find a scenario by id; see
  `game.scenario.find`).
"""

from __future__ import annotations

import json
import os
import stat
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from game.cache import cache_dir, program_fingerprint
from game.i18n import N_, _
from game.paths import DEFAULT_SCENARIO, SCENARIO_DIR, SCENARIO_SUFFIXES
from game.scenario.find import scenario_paths
from game.text import text_problem

if TYPE_CHECKING:
    from game.scenario.loader import LoadedScenario

CACHE_KIND = "trilateral-scenario-catalog"
CACHE_NAME = "scenario-catalog.json"
MAX_CACHE_BYTES = 16_000_000  # about 10,000 scenarios' summaries
MAX_CACHE_FILES = 20_000
MAX_TEXT = 4_000  # characters kept of a summary or an error (the menu shows the start)
MAX_DELEGATIONS_KEPT = 64
CACHE_EVERY = 200  # files checked between writes of the cache


def program_version() -> str | None:
    """What a cached check is keyed by besides the file: this program (every source file, see
    `game.cache.program_fingerprint`) and the libraries that parse and validate scenarios.
    None when the program's sources cannot be read: then no cached check is trusted."""
    from importlib import metadata

    program = program_fingerprint()
    if program is None:
        return None
    parts = [program]
    for dist in ("pydantic", "pydantic-core", "PyYAML"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=?")
    return ";".join(parts)


@dataclass(frozen=True)
class ScenarioSummary:
    """What the menus show of a valid scenario, small enough to keep for a thousand files."""

    id: str
    title: str
    turns: int
    turn_label: str
    start_label: str
    summary: str
    delegations: tuple[tuple[str, str], ...]  # (id, title) in the file's order
    red_cell: str  # the opposing actor's title
    content_hash: str
    red_cell_id: str = ""  # the opposing actor's id (its translation is looked up by it)

    def in_language(self, path: Path) -> ScenarioSummary:
        """This summary with the texts of the scenario's translation into the window's
        language, when it has one (game.scenario.translations.menu_texts)."""
        from dataclasses import replace

        from game import i18n
        from game.scenario.translations import menu_texts

        texts = menu_texts(path, i18n.current())
        if not texts:
            return self
        return replace(
            self,
            title=texts.get(("title",), self.title),
            turn_label=texts.get(("turn_label",), self.turn_label),
            start_label=texts.get(("start_label",), self.start_label),
            summary=" ".join(texts.get(("summary",), self.summary).split())[:MAX_TEXT],
            delegations=tuple(
                (key, texts.get(("actors", key, "title"), title)) for key, title in self.delegations
            ),
            red_cell=texts.get(("actors", self.red_cell_id, "title"), self.red_cell),
        )

    @classmethod
    def of(cls, loaded: LoadedScenario) -> ScenarioSummary:
        sc = loaded.scenario
        return cls(
            sc.id,
            sc.title,
            sc.turns,
            sc.turn_label,
            sc.start_label or "",
            " ".join(sc.summary.split())[:MAX_TEXT],
            tuple((key, d.title) for key, d in sc.delegations().items()),
            sc.red_cell()[1].title,
            loaded.content_hash,
            sc.red_cell()[0],
        )

    def delegation_title(self, actor: str) -> str:
        """The delegation's title, or its id if this scenario has no such delegation."""
        return dict(self.delegations).get(actor, actor)

    def to_json(self) -> dict[str, Any]:
        data = dict(vars(self))
        data["delegations"] = [list(pair) for pair in self.delegations]
        return data

    @classmethod
    def from_json(cls, raw: object) -> ScenarioSummary | None:
        """A summary read back from the cache, or None if it is not exactly what we write."""
        if not isinstance(raw, dict) or set(raw) != set(cls.__dataclass_fields__):
            return None
        texts = (
            "id",
            "title",
            "turn_label",
            "start_label",
            "summary",
            "red_cell",
            "content_hash",
            "red_cell_id",
        )
        if not all(_is_text(raw[k]) for k in texts):
            return None
        turns, pairs = raw["turns"], raw["delegations"]
        if type(turns) is not int or not 0 < turns < 10_000:
            return None
        if not isinstance(pairs, list) or len(pairs) > MAX_DELEGATIONS_KEPT:
            return None
        if not all(isinstance(p, list) and len(p) == 2 and all(map(_is_text, p)) for p in pairs):
            return None
        values = {k: raw[k] for k in texts}
        return cls(turns=turns, delegations=tuple((a, b) for a, b in pairs), **values)


def _is_text(value: object) -> bool:
    """Text as the catalog writes it: a string of at most MAX_TEXT characters that every
    reader accepts (game.text), so a cache edited by hand holds nothing a scenario could not."""
    return isinstance(value, str) and len(value) <= MAX_TEXT and text_problem(value) is None


Stamp = tuple[int, int]  # (modification time in ns, size in bytes)


class Checked(NamedTuple):
    """The outcome of checking one file as it was at `stamp`: a summary, or an error."""

    stamp: Stamp | None
    summary: ScenarioSummary | None
    error: str | None


class Entry:
    """One scenario file in the list; `result` is None until the file has been checked."""

    def __init__(self, path: Path):
        self.path = path
        self.result: Checked | None = None  # replaced whole, so readers never see half of it
        self.same_id: tuple[Path, ...] = ()  # other files with this scenario id

    @property
    def checked(self) -> bool:
        return self.result is not None

    @property
    def summary(self) -> ScenarioSummary | None:
        """What the menus show, in the window's language when the scenario is translated."""
        result = self.result
        if result is None or result.summary is None:
            return None
        return result.summary.in_language(self.path)

    @property
    def error(self) -> str | None:
        result = self.result
        return result.error if result else None

    @property
    def title(self) -> str:
        summary = self.summary
        return summary.title if summary else self.path.name

    def label(self) -> str:
        """The entry's line in the list (the screen shortens it with an ellipsis if need be)."""
        result = self.result
        if result is None:
            return _("{file} (checking…)").format(file=self.path.name)
        if result.summary is None:
            return _("(!) {file}: cannot be loaded").format(file=self.path.name)
        title = result.summary.in_language(self.path).title
        if self.same_id:
            return _("{title} (same id as {file})").format(title=title, file=self.same_id[0].name)
        return title

    def __repr__(self) -> str:
        return f"Entry({self.path!s}, {self.result!r})"


def file_stamp(path: Path) -> Stamp | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def check_file(path: Path) -> Checked:
    """Load and validate one file, keeping only its summary (or its error)."""
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_scenario

    stamp = file_stamp(path)  # taken first: a change made while reading is seen next time
    try:
        return Checked(stamp, ScenarioSummary.of(load_scenario(path)), None)
    except ScenarioError as err:
        return Checked(stamp, None, str(err)[:MAX_TEXT])
    except Exception as err:  # noqa: BLE001 - a broken file must never crash the menu
        why = _("{path}: could not be loaded: {error}").format(path=path, error=err)
        return Checked(stamp, None, why[:MAX_TEXT])


def scenario_files(
    folders: Iterable[Path], files: Iterable[Path] = ()
) -> tuple[list[Path], list[Skipped]]:
    """The default scenario, then each folder's files in the folders' order, then `files`
    (listed whatever their names), each file once; and a sentence for each folder or file
    that could not be listed (it is skipped, the others are listed). A scenario file given in
    place of a folder is listed itself."""
    paths: list[Path] = []
    problems: list[Skipped] = []
    places = [(Path(f), list_folder) for f in folders] + [(Path(f), _list_file) for f in files]
    for place, lister in places:
        found, problem = lister(place)
        paths.extend(found)
        if problem is not None:
            problems.append(problem)
    default = DEFAULT_SCENARIO.resolve()
    seen: set[Path] = set()
    unique = []
    for path in sorted(paths, key=lambda p: _resolved(p) != default):  # a stable sort
        resolved = _resolved(path)
        if resolved not in seen:
            seen.add(resolved)
            unique.append(path)
    return unique, problems


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links, a name too long: keep it as given
        return path.absolute()


class Skipped(NamedTuple):
    """A scenario folder (or file) that could not be listed, and why."""

    path: Path
    why: str
    kind: str = "folder"

    def __str__(self) -> str:
        # `why` is a message marked with N_ (worded now, in the language of the moment) or
        # the system's own reason.
        sentence = {
            "folder": _("The scenario folder {path} was skipped: {why}."),
            "file": _("The scenario file {path} was skipped: {why}."),
        }.get(self.kind, _("The scenario list {path} was skipped: {why}."))
        return sentence.format(path=self.path, why=_(self.why))


def list_folder(folder: Path) -> tuple[list[Path], Skipped | None]:
    """The scenario files of one folder, or a sentence saying why it cannot be listed (it
    does not exist, its name is too long, it may not be read, it is a loop of links, it is a
    file that is not a scenario). Never raises."""
    try:
        info = folder.stat()
        if stat.S_ISREG(info.st_mode) and folder.suffix.lower() in SCENARIO_SUFFIXES:
            return [folder], None
        if not stat.S_ISDIR(info.st_mode):
            return [], _skipped(folder, N_("it is a file, not a folder of scenarios"))
        with os.scandir(folder):  # what listing needs: scenario_paths would say nothing
            pass
    except FileNotFoundError:
        return [], _skipped(folder, N_("there is no such folder"))
    except OSError as err:
        return [], _skipped(folder, err.strerror or str(err))
    except ValueError as err:  # a NUL in the name
        return [], _skipped(folder, str(err))
    return scenario_paths(folder), None


def _list_file(path: Path) -> tuple[list[Path], Skipped | None]:
    """A scenario file given by name (`--scenario`): itself, or why it cannot be listed."""
    try:
        if stat.S_ISREG(path.stat().st_mode):
            return [path], None
        return [], _skipped(path, N_("it is not a file"), "file")
    except FileNotFoundError:
        return [], _skipped(path, N_("there is no such file"), "file")
    except (OSError, ValueError) as err:
        return [], _skipped(path, getattr(err, "strerror", None) or str(err), "file")


def _skipped(place: Path, why: str, kind: str = "folder") -> Skipped:
    return Skipped(place, why, kind)


def read_cache(path: Path, version: str) -> dict[str, Checked]:
    """The cached results by resolved path; empty if the cache is missing, damaged or stale."""
    from game.reading import FileReadError, read_json

    try:
        data = read_json(path, MAX_CACHE_BYTES, "scenario list cache")
    except FileReadError:
        return {}
    if not (
        isinstance(data, dict)
        and data.get("kind") == CACHE_KIND
        and data.get("program") == version
        and isinstance(data.get("files"), dict)
        and len(data["files"]) <= MAX_CACHE_FILES
    ):
        return {}
    results = {}
    for name, record in data["files"].items():
        checked = _checked_from_json(record)
        if checked is not None:
            results[name] = checked
    return results


def _checked_from_json(record: object) -> Checked | None:
    if not isinstance(record, dict):
        return None
    stamp = record.get("stamp")
    if not (
        isinstance(stamp, list)
        and len(stamp) == 2
        and all(type(v) is int and 0 <= v < 2**63 for v in stamp)
    ):
        return None
    error = record.get("error")
    if _is_text(error) and "summary" not in record:
        return Checked((stamp[0], stamp[1]), None, error)
    summary = ScenarioSummary.from_json(record.get("summary"))
    if summary is None or "error" in record:
        return None
    return Checked((stamp[0], stamp[1]), summary, None)


def write_cache(path: Path, version: str, entries: Sequence[Entry]) -> None:
    """Write the results of the files now listed (a cache: failing to write it loses nothing)."""
    from game.atomic import write_text_atomic

    files = {}
    for entry in entries:
        result = entry.result
        if result is None or result.stamp is None:
            continue
        record: dict[str, Any] = {"stamp": list(result.stamp)}
        if result.summary is not None:
            record["summary"] = result.summary.to_json()
        else:
            record["error"] = result.error or ""
        files[str(_resolved(entry.path))] = record
    text = json.dumps({"kind": CACHE_KIND, "program": version, "files": files})
    try:
        write_text_atomic(path, text)
    except OSError:
        pass  # the next start checks the files again


class Catalog:
    """The scenario files of some folders, checked in a background thread.

    `entries` is None until the folders have been listed; each entry's `result` fills in as
    it is checked (from the disk cache when the file has not changed). `changes` counts
    updates, so a screen can redraw only when something changed.
    """

    def __init__(
        self, folders: Sequence[Path], cache_file: Path | None = None, files: Sequence[Path] = ()
    ):
        self.folders = [SCENARIO_DIR, *folders]
        self.files = list(files)  # scenario files given by name, listed whatever their names
        self.cache_file = cache_file if cache_file is not None else cache_dir() / CACHE_NAME
        self.entries: list[Entry] | None = None
        # Each folder or file that could not be listed, and why.
        self.problems: list[Skipped] = []
        self.done = False
        self.changes = 0
        self._lock = threading.Lock()
        self._by_id: dict[str, list[Entry]] = {}
        self._thread: threading.Thread | None = None
        self.stopped = False  # set when a newer catalog replaces this one

    # --- running ---------------------------------------------------------------------------

    def start(self) -> None:
        """Begin listing and checking in the background (once; see `refresh`)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="scenario-catalog", daemon=True)
            self._thread.start()

    def wait(self, timeout: float | None = None) -> list[Entry]:
        """Every entry, once all are checked (or as far as they got within `timeout`)."""
        self.start()
        assert self._thread is not None
        self._thread.join(timeout)
        return list(self.entries or [])

    def refresh(self) -> Catalog:
        """A new catalog of the same folders (this one stops): unchanged files come back from
        the cache, changed and new ones are checked again."""
        self.stopped = True
        return Catalog(self.folders[1:], self.cache_file, self.files)

    def _run(self) -> None:
        try:
            self._check_all()
        except Exception as err:  # noqa: BLE001 - the list says so rather than stay empty
            why = _("looking for scenarios stopped early ({error})").format(
                error=f"{type(err).__name__}: {err}"
            )
            with self._lock:
                self.problems = [*self.problems, Skipped(SCENARIO_DIR, why, "list")]
        finally:  # whatever happens, the screens stop waiting
            with self._lock:
                if self.entries is None:
                    self.entries = []
                self.done = True
                self.changes += 1

    def _check_all(self) -> None:
        paths, problems = scenario_files(self.folders, self.files)
        entries = [Entry(p) for p in paths]
        with self._lock:
            self.entries = entries
            self.problems = problems
            self.changes += 1
        version = program_version()
        cached = read_cache(self.cache_file, version) if version is not None else {}
        unchecked = []
        for entry in entries:
            hit = cached.get(str(_resolved(entry.path)))
            if hit is not None and hit.stamp == file_stamp(entry.path):
                self._record(entry, hit)
            else:
                unchecked.append(entry)
        for n, entry in enumerate(unchecked, start=1):
            if self.stopped:
                return
            self._record(entry, check_file(entry.path))
            if n % CACHE_EVERY == 0 and version is not None:  # quitting half-way keeps them
                write_cache(self.cache_file, version, entries)
        if version is not None and (unchecked or len(cached) != len(entries)):
            write_cache(self.cache_file, version, entries)
        with self._lock:
            self.done = True
            self.changes += 1
        _warm_up()

    def _record(self, entry: Entry, result: Checked) -> None:
        """Set an entry's result and keep every entry's `same_id` up to date."""
        with self._lock:
            before = entry.summary
            entry.result = result
            touched = set()
            if before is not None:
                self._by_id[before.id].remove(entry)
                touched.add(before.id)
            if result.summary is not None:
                self._by_id.setdefault(result.summary.id, []).append(entry)
                touched.add(result.summary.id)
            entry.same_id = ()
            for sid in touched:
                group = self._by_id.get(sid, [])
                for member in group:
                    member.same_id = tuple(
                        sorted((o.path for o in group if o is not member), key=str)
                    )
            self.changes += 1

    # --- using it --------------------------------------------------------------------------

    def matching(self, scenario_id: str, content_hash: str | None = None) -> list[Entry]:
        """Checked entries with this scenario id; with `content_hash`, those with that content
        come first (a save resumes on the file it was played on)."""
        with self._lock:
            group = list(self._by_id.get(scenario_id, []))
        if content_hash is not None:
            group.sort(key=lambda e: e.summary is None or e.summary.content_hash != content_hash)
        return group

    def summary_for(
        self, scenario_id: str, content_hash: str | None = None
    ) -> ScenarioSummary | None:
        """The best summary for a scenario id (see `matching`), or None if none is known yet."""
        for entry in self.matching(scenario_id, content_hash):
            if entry.summary is not None:
                return entry.summary
        return None

    def load(self, entry: Entry) -> LoadedScenario:
        """The entry's full scenario, read from disk now; raises ScenarioError (and records it).

        The file may have changed since it was listed, so its summary is brought up to date.
        """
        from game.scenario.errors import ScenarioError
        from game.scenario.loader import load_scenario

        stamp = file_stamp(entry.path)
        try:
            loaded = load_scenario(entry.path)
        except ScenarioError as err:
            self._record(entry, Checked(stamp, None, str(err)[:MAX_TEXT]))
            raise
        self._record(entry, Checked(stamp, ScenarioSummary.of(loaded), None))
        from game.scenario.translations import in_language

        return in_language(loaded)  # in the window's language, when it is translated


def _warm_up() -> None:
    """Import what starting a game needs, so the first click on New game does not stall."""
    import game.engine.game  # noqa: F401
    import game.ui.session  # noqa: F401
