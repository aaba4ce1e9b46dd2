"""Screens pushed over the explorer: help, copy history, entity detail."""
