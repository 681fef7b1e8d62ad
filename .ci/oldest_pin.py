"""Print the lowest version pyproject.toml allows for a dependency (its >= bound).

    python .ci/oldest_pin.py typer    ->  0.26.0
"""

import re
import sys
import tomllib
from pathlib import Path

name = sys.argv[1]
project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
for requirement in project["project"]["dependencies"]:
    if re.match(rf"{re.escape(name)}\b", requirement):
        bound = re.search(r">=\s*([0-9][0-9.]*)", requirement)
        if bound is None:
            sys.exit(f"{name} has no lower bound in pyproject.toml")
        version = bound.group(1)
        print(version if version.count(".") >= 2 else f"{version}.0")
        break
else:
    sys.exit(f"{name} is not a dependency in pyproject.toml")
