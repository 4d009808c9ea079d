"""A custom import-linter contract: no import cycles between any two modules of a package.

import-linter's own `acyclic_siblings` compares packages; we want the finer rule that no module
can reach itself through imports (function-level imports included: grimp reads them all).
"""

from __future__ import annotations

import grimp
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class AcyclicModulesContract(Contract):
    type_name = "acyclic_modules"

    containers = fields.ListField(subfield=fields.StringField())

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        containers: list[str] = list(self.containers)  # type: ignore[call-overload]
        modules = sorted(m for m in graph.modules if any(m == c or m.startswith(c + ".") for c in containers))
        cycles: list[tuple[str, ...]] = []
        seen: set[frozenset[str]] = set()
        for module in modules:
            for imported in sorted(graph.find_modules_directly_imported_by(module)):
                if imported not in modules or imported == module:
                    continue
                back = graph.find_shortest_chain(importer=imported, imported=module)
                if back:
                    cycle = (module, *back)
                    key = frozenset(cycle)
                    if key not in seen:
                        seen.add(key)
                        cycles.append(cycle)
        return ContractCheck(kept=not cycles, metadata={"cycles": cycles})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle in check.metadata["cycles"]:
            output.print_error(" -> ".join(cycle))
            output.new_line()


class PureDomainContract(Contract):
    """Every module of the given stages outside their `states`/`pages` packages (models, rules,
    services) reaches none of the forbidden modules, nor any stage's states or pages, even indirectly.
    """

    type_name = "pure_domain"

    containers = fields.ListField(subfield=fields.StringField())
    edge_packages = fields.ListField(subfield=fields.StringField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        containers: list[str] = list(self.containers)  # type: ignore[call-overload]
        edges = set(self.edge_packages)  # type: ignore[call-overload]

        def is_edge(module: str) -> bool:
            return any(part in edges for part in module.split(".")[2:])

        forbidden = list(self.forbidden_modules)  # type: ignore[call-overload]
        targets = sorted(m for m in graph.modules if any(m == f or m.startswith(f + ".") for f in forbidden))
        targets += sorted(m for m in graph.modules if m.startswith("realsourcing.") and is_edge(m))
        domain = sorted(
            m for m in graph.modules if any(m == c or m.startswith(c + ".") for c in containers) and not is_edge(m)
        )
        chains = []
        for module in domain:
            for target in targets:
                chain = graph.find_shortest_chain(importer=module, imported=target)
                if chain:
                    chains.append(chain)
                    break
        return ContractCheck(kept=not chains, metadata={"chains": chains})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for chain in check.metadata["chains"]:
            output.print_error(" -> ".join(chain))
            output.new_line()
