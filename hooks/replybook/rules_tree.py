"""Rules for a decision tree's shape: every edge resolves, no loops, no dead ends."""

from __future__ import annotations

import re

from . import rulebook as R
from .diagnostics import Diagnostic, did_you_mean
from .model import ID_PATTERN, Tree
from .yaml_source import FieldPath, SourceFile

_ID = re.compile(ID_PATTERN)


def _suggest(word: str, choices: list[str]) -> str:
    return did_you_mean(word, choices, otherwise=f"nodes here: {', '.join(choices)}")


def check_tree(source: SourceFile, path: FieldPath, tree: Tree) -> list[Diagnostic]:
    """Check one tree: node ids, edges, start, option shape, loops, reachability."""
    problems: list[Diagnostic] = []
    node_ids = list(tree.nodes)
    for node_id in node_ids:
        if not _ID.match(node_id):
            problems.append(R.TREE.at(source, (*path, "nodes", node_id), f"node id `{node_id}` is not kebab-case",
                                              "use lowercase letters, digits and dashes", key=True))
    if tree.start not in tree.nodes:
        problems.append(R.TREE.at(source, (*path, "start"), f"start node `{tree.start}` does not exist",
                                          _suggest(tree.start, node_ids)))
    edges: dict[str, list[str]] = {node_id: [] for node_id in node_ids}
    ends_here: set[str] = set()
    for node_id, node in tree.nodes.items():
        for index, option in enumerate(node.options):
            where = (*path, "nodes", node_id, "options", index)
            if (option.next is None) == (option.outcome is None):
                problems.append(R.TREE.at(source, where, "an option needs exactly one of `next:` or `outcome:`",
                                                  "`next:` goes to another question, `outcome:` ends the tree"))
            if option.outcome is not None:
                ends_here.add(node_id)
                if option.outcome.playbook is None and option.outcome.template is None:
                    problems.append(R.TREE.at(source, (*where, "outcome"),
                                                      "an outcome needs a `playbook:` or a `template:`"))
            if option.next is not None:
                if option.next not in tree.nodes:
                    problems.append(R.TREE.at(source, (*where, "next"), f"node `{option.next}` does not exist",
                                                      _suggest(option.next, node_ids)))
                else:
                    edges[node_id].append(option.next)
    problems += _loops(source, path, tree, edges)
    if tree.start in tree.nodes:
        reached = _reachable(tree.start, edges)
        for node_id in node_ids:
            if node_id not in reached:
                problems.append(R.TREE.at(source, (*path, "nodes", node_id), f"node `{node_id}` is unreachable",
                                                  f"no option leads to it from `{tree.start}`; link it or remove it",
                                                  key=True))
    finishing = _can_finish(edges, ends_here)
    for node_id in node_ids:
        if node_id not in finishing:
            problems.append(R.TREE.at(source, (*path, "nodes", node_id), f"no outcome can be reached from `{node_id}`",
                                              "give one of the options on this path an `outcome:`", key=True))
    return problems


def _reachable(start: str, edges: dict[str, list[str]]) -> set[str]:
    seen, stack = {start}, [start]
    while stack:
        for target in edges[stack.pop()]:
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def _can_finish(edges: dict[str, list[str]], ends_here: set[str]) -> set[str]:
    finishing = set(ends_here)
    changed = True
    while changed:
        changed = False
        for node_id, targets in edges.items():
            if node_id not in finishing and any(t in finishing for t in targets):
                finishing.add(node_id)
                changed = True
    return finishing


def _loops(source: SourceFile, path: FieldPath, tree: Tree, edges: dict[str, list[str]]) -> list[Diagnostic]:
    """Report each edge that closes a loop, naming the loop."""
    problems: list[Diagnostic] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    trail: list[str] = []

    def visit(node_id: str) -> None:
        state[node_id] = 1
        trail.append(node_id)
        for index, option in enumerate(tree.nodes[node_id].options):
            target = option.next
            if target is None or target not in tree.nodes:
                continue
            if state.get(target) == 1:
                loop = " → ".join([*trail[trail.index(target):], target])
                problems.append(R.TREE.at(source, (*path, "nodes", node_id, "options", index, "next"),
                                                  f"loop in the tree: {loop}",
                                                  "a tree must always move forward; point this option elsewhere"))
            elif target not in state:
                visit(target)
        trail.pop()
        state[node_id] = 2

    for node_id in tree.nodes:
        if node_id not in state:
            visit(node_id)
    return problems
