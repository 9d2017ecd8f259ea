"""A scenario's texts in other languages: one sidecar file per language, keyed by the
scenario's own ids, checked like the scenario itself.

`scenarios/translations/<file stem>.<language>.yaml` (for `scenarios/tutorial.yaml` in
Japanese: `scenarios/translations/tutorial.ja.yaml`) holds:

    translates: tutorial          # the id of the scenario it translates
    language: ja                  # ja or zh-Hant
    texts:
      title: ...
      briefing: ...
      actors:
        japan: {title: 日本, briefing: ...}
      measures:
        dialogue: {title: ..., summary: ...}
      events:
        patrol: {title: ..., text: ...}

`texts` mirrors the scenario: mappings by their keys, lists of things with an `id` by that id
(a measure, an event, an inject, an outcome, a source, an effect inside them ...). Only texts
people read can be translated: the fields in TEXT_FIELDS (titles, summaries, briefings, event
and inject texts, epilogues, source and author notes, AI profile descriptions, the turn's
name). Ids, numbers, expressions, citations and links stay as the scenario has them, so a
translation never changes the rules: a game, its save and its report are the same game in
every language (the scenario's content hash ignores translations).

A text the scenario does not have is an error at the sidecar's file:line:column; a text the
sidecar does not translate is shown in English, and `validate` lists them as a warning.
`python -m game.scenario.translations SCENARIO LANGUAGE` writes a sidecar of every text, in
English, for a translator to start from.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from game.reading import FileReadError, read_bytes
from game.scenario.errors import Problem, ScenarioError, did_you_mean, format_path
from game.scenario.loader import LoadedScenario
from game.scenario.models import Scenario
from game.scenario.yaml_source import Positions, decode, read_yaml

TEXT_FIELDS = frozenset(
    {
        "title",
        "short",
        "summary",
        "briefing",
        "text",
        "note",
        "description",
        "epilogue",
        "turn_label",
        "start_label",
    }
)
LANGUAGES = ("ja", "zh-Hant")  # the languages a scenario may be translated into
FOLDER = "translations"
MAX_BYTES = 2_000_000
PathKey = tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Translation:
    """A checked sidecar: its file, language and texts by their path (see `texts_of`)."""

    file: str
    language: str
    texts: dict[PathKey, str]
    positions: Positions = dataclasses.field(repr=False)


def texts_of(scenario: Scenario) -> dict[PathKey, str]:
    """Every text of the scenario a translation may give, by its path: mapping keys, and the
    `id` of each thing in a list (('measures', 'dialogue', 'title'))."""
    data = scenario.model_dump(mode="json", exclude_none=True)
    return {path: text for path, text in _walk(data, ()) if path and path[-1] in TEXT_FIELDS}


def _walk(value: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, str(key)))
    elif isinstance(value, list):
        for item in value:
            # a thing in a list is addressed by its id; texts in lists without ids (none
            # today) are not translatable
            if isinstance(item, dict) and "id" in item:
                yield from _walk(item, (*path, str(item["id"])))
    elif isinstance(value, str):
        yield path, value


def sidecar_path(scenario_file: str | Path, language: str) -> Path:
    """Where the `language` texts of a scenario file are kept."""
    path = Path(scenario_file)
    return path.parent / FOLDER / f"{path.stem}.{language}.yaml"


def read_translation(path: str | Path, loaded: LoadedScenario) -> Translation:
    """Read and check a sidecar against the scenario it translates; raises ScenarioError
    with every problem located in the sidecar (file:line:column)."""
    name = str(path)
    try:
        raw = read_bytes(path, MAX_BYTES, "translation file")
    except FileReadError as err:
        raise ScenarioError([Problem(name, 0, 0, (), str(err).removeprefix(f"{name}: "))]) from None
    text = decode(raw, name)
    data, positions = read_yaml(text, name)
    problems: list[Problem] = []

    def problem(path_: tuple[Any, ...], message: str, key: bool = False) -> None:
        mark = positions.of_key(path_) if key else positions.of_value(path_)
        problems.append(Problem(name, mark.line, mark.column, path_, message))

    if not isinstance(data, dict):
        problem((), "expected a mapping with `translates:`, `language:` and `texts:`")
        raise ScenarioError(problems)
    for key in data:
        if key not in ("translates", "language", "texts"):
            problem(
                (key,), f"unknown key `{key}`; expected `translates`, `language` or `texts`", True
            )
    sid = loaded.scenario.id
    if data.get("translates") != sid:
        problem(
            ("translates",),
            f"found {data.get('translates')!r}; expected the id of the scenario it translates, "
            f"`{sid}` ({loaded.file})",
        )
    language = data.get("language")
    if language not in LANGUAGES:
        problem(("language",), f"found {language!r}; expected one of {', '.join(LANGUAGES)}")
    known = texts_of(loaded.scenario)
    texts: dict[PathKey, str] = {}
    body = data.get("texts")
    if not isinstance(body, dict):
        problem(("texts",), "expected a mapping of the scenario's texts, by their ids")
    else:
        _collect(body, ("texts",), known, texts, problem)
    if problems:
        problems.sort(key=lambda p: (p.line, p.column))
        raise ScenarioError(problems)
    return Translation(name, str(language), texts, positions)


class _Report(Protocol):
    """Records one problem at a path (`key`: at the key rather than its value)."""

    def __call__(self, path_: tuple[Any, ...], message: str, key: bool = False) -> None: ...


def _collect(
    value: Any,
    path: tuple[str, ...],
    known: dict[PathKey, str],
    out: dict[PathKey, str],
    problem: _Report,
) -> None:
    inner = path[1:]  # without the leading "texts"
    if isinstance(value, dict):
        for key, item in value.items():
            key = str(key)
            where = (*inner, key)
            if not any(k[: len(where)] == where for k in known):
                here = {
                    k[len(inner)] for k in known if k[: len(inner)] == inner and len(k) > len(inner)
                }
                hint = did_you_mean(key, here) if here else ""
                at = format_path(inner) if inner else "the scenario"
                problem(
                    (*path, key),
                    f"`{key}`: {at} has no text of this name{hint}",
                    True,
                )
                continue
            _collect(item, (*path, key), known, out, problem)
        return
    if inner not in known:
        problem(path, "expected a mapping of texts here")
        return
    if not isinstance(value, str) or not value.strip():
        problem(path, f"found {value!r}; expected the translated text")
        return
    out[inner] = value


def untranslated(loaded: LoadedScenario, translation: Translation) -> list[PathKey]:
    """The scenario's texts the translation does not give, in the scenario's order."""
    return [path for path in texts_of(loaded.scenario) if path not in translation.texts]


def apply(loaded: LoadedScenario, translation: Translation) -> LoadedScenario:
    """The scenario with the translation's texts; the rules, ids and content hash stay."""
    data = loaded.scenario.model_dump(mode="json", exclude_none=True)
    for path, text in translation.texts.items():
        _set(data, path, text)
    scenario = Scenario.model_validate(data)
    return dataclasses.replace(loaded, scenario=scenario, as_written=loaded.written)


def _set(data: Any, path: PathKey, text: str) -> None:
    node = data
    for key in path[:-1]:
        if isinstance(node, list):
            node = next(item for item in node if isinstance(item, dict) and item.get("id") == key)
        else:
            node = node[key]
    node[path[-1]] = text


def localized(loaded: LoadedScenario, language: str) -> tuple[LoadedScenario, list[str]]:
    """The scenario in `language` when it has a sidecar for it (else as it is), and what
    could not be used: a damaged sidecar is reported and the scenario shown in English."""
    if language not in LANGUAGES:
        return loaded, []
    path = sidecar_path(loaded.file, language)
    if not path.is_file():
        return loaded, []
    try:
        return apply(loaded, read_translation(path, loaded)), []
    except ScenarioError as err:
        return loaded, [*err.lines(), f"{path}: the scenario is shown in English"]


def translation_json_schema() -> dict[str, Any]:
    """JSON Schema of a translation sidecar, for editors (`python main.py schema
    --translation`). Which texts exist depends on the scenario; `validate` checks that."""
    texts: dict[str, Any] = {
        "type": "object",
        "description": (
            "The scenario's texts by their path: mapping keys, and the id of each thing in a "
            f"list. Translatable fields: {', '.join(sorted(TEXT_FIELDS))}."
        ),
        "additionalProperties": {
            "anyOf": [{"type": "string", "minLength": 1}, {"$ref": "#/$defs/texts"}]
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Trilateral scenario translation",
        "type": "object",
        "required": ["translates", "language", "texts"],
        "additionalProperties": False,
        "properties": {
            "translates": {
                "type": "string",
                "description": "The id of the scenario this file translates.",
            },
            "language": {"enum": list(LANGUAGES), "description": "The language of the texts."},
            "texts": {"$ref": "#/$defs/texts"},
        },
        "$defs": {"texts": texts},
    }


def in_language(loaded: LoadedScenario) -> LoadedScenario:
    """The scenario in the run's language (game.i18n) when it has a translation into it; a
    damaged translation is said on stderr and the scenario shown as written."""
    from game import i18n

    shown, problems = localized(loaded, i18n.current())
    for line in problems:
        print(line, file=sys.stderr)
    return shown


_MENU_CACHE: dict[tuple[str, str, int, int], dict[PathKey, str] | None] = {}


def menu_texts(scenario_file: str | Path, language: str) -> dict[PathKey, str] | None:
    """The sidecar's texts by path, read quickly for menus (the title screen lists many
    scenarios): not checked against the scenario, cached by the file's size and time. None
    when there is no usable sidecar; the full check happens when a game starts."""
    if language not in LANGUAGES:
        return None
    path = sidecar_path(scenario_file, language)
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), language, stat.st_mtime_ns, stat.st_size)
    if key in _MENU_CACHE:
        return _MENU_CACHE[key]
    found: dict[PathKey, str] | None = None
    try:
        import yaml

        data = yaml.safe_load(read_bytes(path, MAX_BYTES, "translation file").decode("utf-8"))
        body = data.get("texts") if isinstance(data, dict) else None
        if isinstance(body, dict):
            found = {}
            _flatten(body, (), found)
    except (FileReadError, UnicodeDecodeError, ValueError, AttributeError):
        found = None
    except Exception as err:  # a YAML error: the game start reports it with its place
        if type(err).__module__.split(".")[0] != "yaml":
            raise
        found = None
    _MENU_CACHE[key] = found
    return found


def _flatten(value: Any, path: PathKey, out: dict[PathKey, str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, (*path, str(key)), out)
    elif isinstance(value, str) and path and path[-1] in TEXT_FIELDS:
        out[path] = value


def skeleton(loaded: LoadedScenario, language: str) -> str:
    """A sidecar with every text of the scenario, in English, for a translator to start from."""
    import yaml

    nested: dict[str, Any] = {}
    for path, text in texts_of(loaded.scenario).items():
        node = nested
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = " ".join(text.split())
    body = yaml.safe_dump(
        {"translates": loaded.scenario.id, "language": language, "texts": nested},
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    return (
        f"# {language} texts of {Path(loaded.file).name}: replace each English text with its "
        "translation.\n# A text left out is shown in English (validate lists them).\n" + body
    )


def main(argv: list[str] | None = None) -> int:
    """`python -m game.scenario.translations SCENARIO LANGUAGE`: print a sidecar skeleton."""
    from game.scenario.loader import load_scenario

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[1] not in LANGUAGES:
        print(
            "usage: python -m game.scenario.translations SCENARIO LANGUAGE "
            f"(LANGUAGE: {', '.join(LANGUAGES)})",
            file=sys.stderr,
        )
        return 2
    try:
        loaded = load_scenario(args[0])
    except ScenarioError as err:
        print("\n".join(err.lines()), file=sys.stderr)
        return 1
    sys.stdout.write(skeleton(loaded, args[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
