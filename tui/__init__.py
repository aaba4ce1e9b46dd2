"""The screen: a Textual app that only talks to `store.Corpus`."""
