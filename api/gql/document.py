"""A GraphQL document checked before it runs, within bounds that keep the checks cheap.

Parsing, validation and the cost estimate are Python work that grows with the document,
and with fragments it grows with the document *expanded*: fragments that each spread the
one before twice double the work at every level (22 levels, 857 bytes, held a server for
8.6 s; 40 levels, forever). So, in this order, each step bounded before the next runs:

1. the document's size (bytes) and tokens (graphql-core's ``max_tokens``);
2. its size once every fragment is spread, computed per fragment once (linear in the
   document, whatever the nesting), and its aliases; a fragment that spreads itself is
   left for validation to name;
3. validation (with the depth limit) and variable coercion;
4. the cost estimate (``api.gql.cost``) against ``max_cost``.

``prepare`` runs in the GraphQL worker, never on the server's event loop. Steps 1 to 3
are remembered for small documents (``CACHED_BYTES``), and the document that passed them
is the one executed (``Checked``): it is parsed and validated once, not again by
strawberry. A refusal is a
request error: 400 without ``data`` for ``application/graphql-response+json`` clients,
200 for legacy JSON clients (the spec's rule, applied by the caller), or 413 for a
document over the size limit.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_operation_ast,
    parse,
    validate,
)
from graphql.execution.values import get_variable_values
from graphql.validation import ASTValidationRule
from strawberry.extensions import SchemaExtension

from api.gql.cost import estimate


@dataclass(frozen=True, slots=True)
class Bounds:
    """How large a request and its document may be: body and document bytes, tokens,
    fields once expanded, aliases, cost."""

    max_body_bytes: int = 1_000_000
    max_bytes: int = 100_000
    max_tokens: int = 10_000
    max_selections: int = 5_000
    max_aliases: int = 200
    max_cost: int = 20_000


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why the document will not run: ``status`` None means the media type decides."""

    errors: tuple[Mapping[str, Any], ...]
    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document that passed every check, ready to execute."""

    document: DocumentNode
    operation: OperationDefinitionNode


def _refuse(message: str, status: int | None = None, **extensions: Any) -> Refusal:
    error: dict[str, Any] = {"message": message}
    if extensions:
        error["extensions"] = extensions
    return Refusal((error,), status)


def expanded_size(document: DocumentNode) -> tuple[int, int]:
    """Selections of the document's operations with every fragment spread, and aliases.

    Each fragment's expanded size is computed once and reused wherever it is spread, so
    this is linear in the document even when the expansion is exponential. A fragment
    that (indirectly) spreads itself counts as empty here: validation refuses it.
    """
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    sizes: dict[str, int] = {}
    visiting: set[str] = set()
    aliases = 0

    def of_set(selection_set: SelectionSetNode | None) -> int:
        nonlocal aliases
        total = 0
        stack = [selection_set]
        while stack:
            current = stack.pop()
            if current is None:
                continue
            for selection in current.selections:
                if isinstance(selection, FieldNode):
                    total += 1
                    aliases += selection.alias is not None
                    stack.append(selection.selection_set)
                elif isinstance(selection, InlineFragmentNode):
                    stack.append(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    total += of_fragment(selection.name.value)
        return total

    def of_fragment(name: str) -> int:
        if name in sizes:
            return sizes[name]
        definition = fragments.get(name)
        if definition is None or name in visiting:
            return 0
        visiting.add(name)
        sizes[name] = of_set(definition.selection_set)
        visiting.discard(name)
        return sizes[name]

    total = sum(
        of_set(d.selection_set)
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    )
    return total, aliases


#: Documents up to this size are remembered once checked, the last ``CACHED`` of them:
#: a client asking the same question again (a page's queries, a burst of one question)
#: is neither parsed nor validated again. Larger ones are checked each time, and a
#: document refused or invalid is never remembered: a client cannot fill the memory with
#: the parsed trees of documents answered 400.
CACHED_BYTES = 2_000
CACHED = 256


@dataclass(frozen=True, slots=True)
class _Checked:
    """A document parsed, measured and validated: what ``prepare`` needs of it."""

    document: DocumentNode
    errors: tuple[Mapping[str, Any], ...]


def _check(
    schema: GraphQLSchema,
    rules: tuple[type[ASTValidationRule], ...],
    query: str,
    limits: tuple[int, int, int],
) -> _Checked | Refusal:
    """Steps 1 to 3 for ``query`` within ``limits`` (tokens, selections, aliases)."""
    max_tokens, max_selections, max_aliases = limits
    try:
        document = parse(query, max_tokens=max_tokens)
    except GraphQLError as error:
        return Refusal((error.formatted,))
    except RecursionError:
        return _refuse("the document nests too deep to parse")
    selections, aliases = expanded_size(document)
    if selections > max_selections:
        return _refuse(
            f"the document selects {selections} fields once its fragments are spread; "
            f"this server takes at most {max_selections}",
            selections=selections,
            maxSelections=max_selections,
        )
    if aliases > max_aliases:
        return _refuse(
            f"the document has {aliases} aliases; this server takes at most {max_aliases}"
        )
    errors = validate(schema, document, list(rules))
    return _Checked(document, tuple(e.formatted for e in errors))


class _Remembered:
    """The last ``CACHED`` valid documents checked, by their arguments (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._checked: OrderedDict[tuple[Any, ...], _Checked] = OrderedDict()

    def __call__(
        self,
        schema: GraphQLSchema,
        rules: tuple[type[ASTValidationRule], ...],
        query: str,
        limits: tuple[int, int, int],
    ) -> _Checked | Refusal:
        key = (schema, rules, query, limits)
        with self._lock:
            found = self._checked.get(key)
            if found is not None:
                self._checked.move_to_end(key)
                return found
        checked = _check(schema, rules, query, limits)
        if isinstance(checked, _Checked) and not checked.errors:
            with self._lock:
                self._checked[key] = checked
                while len(self._checked) > CACHED:
                    self._checked.popitem(last=False)
        return checked

    def __len__(self) -> int:
        return len(self._checked)

    def clear(self) -> None:
        with self._lock:
            self._checked.clear()


_check_cached = _Remembered()


def prepare(
    schema: GraphQLSchema,
    rules: Sequence[type[ASTValidationRule]],
    query: str,
    *,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    by_get: bool,
    bounds: Bounds,
) -> Prepared | Refusal:
    """``query`` checked step by step within ``bounds``: ready to run, or why not."""
    size = len(query.encode("utf-8"))
    if size > bounds.max_bytes:
        return _refuse(
            f"the document is {size} bytes; this server takes at most {bounds.max_bytes}",
            413,
        )
    check = _check_cached if size <= CACHED_BYTES else _check
    checked = check(
        schema, tuple(rules), query, (bounds.max_tokens, bounds.max_selections, bounds.max_aliases)
    )
    if isinstance(checked, Refusal):
        return checked
    document = checked.document
    operation = get_operation_ast(document, operation_name)
    if by_get and operation is not None and operation.operation is not OperationType.QUERY:
        # Answered before the validation errors: the answer is 405 even where the schema
        # has no mutations, so a client learns to POST rather than to fix its document.
        refusal = _refuse(f"a {operation.operation.value} cannot be sent by GET: use POST", 405)
        return Refusal(refusal.errors, 405, (("allow", "POST"),))
    if checked.errors:
        return Refusal(checked.errors)
    if operation is None:
        return _refuse(
            f"no operation named {operation_name!r} in the document"
            if operation_name
            else "the document has several operations: name one in operationName"
        )
    coerced = get_variable_values(schema, operation.variable_definitions or (), variables or {})
    if isinstance(coerced, list):
        return Refusal(tuple(e.formatted for e in coerced))
    cost = estimate(schema, document, operation, coerced.coerced)
    if cost > bounds.max_cost:
        return _refuse(
            f"the operation would cost about {cost} (fields times the lists they are in); "
            f"this server takes at most {bounds.max_cost}: ask for smaller pages (first), "
            "fewer nested lists, or fewer fields",
            cost=cost,
            maxCost=bounds.max_cost,
        )
    return Prepared(document, operation)


#: The query text and the document ``prepare`` made of it, for the operation running in
#: this context (set just before ``schema.execute``).
checked: ContextVar[tuple[str, DocumentNode] | None] = ContextVar("checked", default=None)


class Checked(SchemaExtension):
    """Executes the document ``prepare`` parsed and validated (``checked``) instead of
    parsing and validating the query text again. Elsewhere (``schema.execute`` called
    directly) strawberry parses and validates as usual."""

    def _ours(self) -> DocumentNode | None:
        ours = checked.get()
        if ours is not None and ours[0] is self.execution_context.query:
            return ours[1]
        return None

    def on_parse(self) -> Iterator[None]:
        document = self._ours()
        if document is not None:
            self.execution_context.graphql_document = document
        yield

    def on_validate(self) -> Iterator[None]:
        if self._ours() is not None:
            self.execution_context.pre_execution_errors = []  # validated by ``prepare``
        yield
