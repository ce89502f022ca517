"""What a GraphQL operation will cost, estimated from its selection set before it runs.

Every field a response holds is a resolver call (and a share of a batched SPARQL query),
so the cost is the number of fields the response is expected to hold: each field counts
once per object it is selected on, and a list multiplies what is selected under it by
its expected length:

- a field with a ``first`` argument (the Relay lists) by its page: ``first``, or
  ``DEFAULT_PAGE`` without it, at most ``MAX_PAGE`` (more is refused when it runs);
- any other list (``people``, ``metWith``, ``paragraphs``) by ``LIST_FANOUT``, a typical
  length: these lists are not paginated, and a person may meet or be named by hundreds.

Introspection (``__schema``, ``__type``) costs nothing: it reads the schema, not the store.
Fragments count where they are spread; ``@skip``/``@include`` are ignored (the estimate
errs high). So ``person { metWith { metWith { name } } }`` costs 112: ``person`` 1, its
``metWith`` 1, theirs 10 (one per person met), their names 100; every further level of
``metWith`` multiplies by ten what is under it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInt,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    value_from_ast,
)

from api.gql.relay import DEFAULT_PAGE, MAX_PAGE

#: Items assumed for a list that takes no ``first``.
LIST_FANOUT = 10


def _unwrap(type_: GraphQLOutputType) -> tuple[GraphQLOutputType, bool]:
    """The named type under ``type_`` and whether a list is on the way."""
    is_list = False
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        is_list = is_list or isinstance(type_, GraphQLList)
        type_ = type_.of_type
    return type_, is_list


class _Estimate:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def page(self, node: FieldNode, takes_first: bool) -> int | None:
        """The page a field's ``first`` asks for (``DEFAULT_PAGE`` if not given), or None
        if the field takes no ``first``."""
        if not takes_first:
            return None
        size = DEFAULT_PAGE
        for argument in node.arguments or ():
            if argument.name.value == "first":
                first = value_from_ast(argument.value, GraphQLInt, dict(self.variables))
                size = first if isinstance(first, int) else DEFAULT_PAGE
        return max(0, min(size, MAX_PAGE))

    def selections(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLOutputType,
        times: int,
        page: int | None,
        seen: frozenset[str] = frozenset(),
    ) -> int:
        """The cost of ``selection_set`` on ``times`` objects of type ``parent``; ``page``
        is the length of the lists directly inside a connection that took ``first``."""
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, times, page)
            elif isinstance(selection, InlineFragmentNode):
                on = parent
                if selection.type_condition is not None:
                    named = self.schema.get_type(selection.type_condition.name.value)
                    on = named if isinstance(named, GraphQLObjectType) else parent
                total += self.selections(selection.selection_set, on, times, page, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:  # validation refuses both
                    continue
                named = self.schema.get_type(fragment.type_condition.name.value)
                on = named if isinstance(named, GraphQLObjectType) else parent
                total += self.selections(fragment.selection_set, on, times, page, seen | {name})
        return total

    def field(
        self, node: FieldNode, parent: GraphQLOutputType, times: int, page: int | None
    ) -> int:
        name = node.name.value
        if name.startswith("__") or not isinstance(
            parent, GraphQLObjectType | GraphQLInterfaceType
        ):
            return 0
        definition = parent.fields.get(name)
        if definition is None:
            return times
        type_, is_list = _unwrap(definition.type)
        own_page = self.page(node, "first" in definition.args)
        items = times
        if is_list:
            items = times * (page if page is not None else LIST_FANOUT)
        if own_page is not None and not is_list:
            # A connection: the lists inside it (edges, nodes) hold a page each.
            return times + self.selections(node.selection_set, type_, items, own_page)
        if own_page is not None:
            items = times * own_page
        return times + self.selections(node.selection_set, type_, items, None)


def estimate(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None = None,
) -> int:
    """The cost of ``operation`` in ``document`` with ``variables`` (coerced)."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    root = {
        OperationType.QUERY: schema.query_type,
        OperationType.MUTATION: schema.mutation_type,
        OperationType.SUBSCRIPTION: schema.subscription_type,
    }[operation.operation]
    if root is None:
        return 0
    return _Estimate(schema, fragments, variables or {}).selections(
        operation.selection_set, root, 1, None
    )
