"""Where bundled files live: the scenarios folder and assets beside the `game` package."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCENARIO_DIR = PROJECT_ROOT / "scenarios"
ASSET_DIR = PROJECT_ROOT / "assets"
SCHEMA_FILE = PROJECT_ROOT / "schema" / "scenario.schema.json"
DEFAULT_SCENARIO = SCENARIO_DIR / "free-and-open-indo-pacific.yaml"
SCENARIO_SUFFIXES = (".yaml", ".yml")
