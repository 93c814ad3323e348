"""Reading the YAML data files: YAML 1.2 booleans, so `on`, `off`, `yes` and `no` stay words."""

from __future__ import annotations

import re

import yaml


class _WordsLoader(yaml.SafeLoader):
    pass


_WordsLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_WordsLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load_yaml(text: str | bytes):
    return yaml.load(text, Loader=_WordsLoader)
