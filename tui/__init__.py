"""The screen: a Textual app (and the CLI) that talks to store only through `store`
(`store.Corpus` and the helpers its `__init__` lists) and `store.records`; an import
contract in pyproject.toml checks it."""
