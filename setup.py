"""Package discovery that pyproject.toml alone cannot express: every `store*` and
`tui*` package, plus the top-level seeds/ folder shipped as `store.seeds`."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["store", "store.*", "tui", "tui.*"]) + ["store.seeds"],
    package_dir={"store.seeds": "seeds"},
)
