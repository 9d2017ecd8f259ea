"""Where bundled files live: the scenarios folder and assets beside the `game` package; and
which file names are scenario files."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCENARIO_DIR = PROJECT_ROOT / "scenarios"
ASSET_DIR = PROJECT_ROOT / "assets"
SCHEMA_FILE = PROJECT_ROOT / "schema" / "scenario.schema.json"
DEFAULT_SCENARIO = SCENARIO_DIR / "free-and-open-indo-pacific.yaml"
SCENARIO_SUFFIXES = (".yaml", ".yml")  # compared with the name in lower case: .YAML, .Yml too


def is_scenario_name(name: str) -> bool:
    """Whether a file called `name` found in a folder is taken for a scenario: it ends in
    .yaml or .yml, in any case (`new x.YAML` writes one)."""
    return name.lower().endswith(SCENARIO_SUFFIXES)
