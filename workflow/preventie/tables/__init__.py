"""Tables: the flow, the characteristics of the analysed initiatives (with Wilson intervals), the
initiatives per municipality, selective non-response, and this year against earlier years (trend,
transitions, change).

One module per kind of table; the names a stage or a tool uses are here, so that they import
`preventie.tables` whichever module a table is made in.
"""

from .characteristics import (
    ITEM_TABLES,
    MIN_DENOMINATOR,
    RECOGNISED_GLI,
    SET_COLUMNS,
    ExtraRow,
    ItemTable,
    by_share,
    collaboration_table,
    item_masks,
    item_table,
    population,
    remark,
    row_asked,
)
from .flow import check_identities, flow_counts, flow_members, flow_table, identity_table
from .municipalities import MUNICIPALITY_COLUMNS, municipality_table
from .nonresponse import NON_RESPONSE_COLUMNS, non_response_table
from .significance import TEST_COLUMNS
from .years import (
    CHANGE_COLUMNS,
    FORMALITY,
    SHARES,
    SIGNIFICANCE,
    TRANSITION_COLUMNS,
    TREND_COLUMNS,
    TREND_SOURCES,
    carried,
    change_table,
    transition_tables,
    trend_table,
)

__all__ = [
    "CHANGE_COLUMNS",
    "FORMALITY",
    "ITEM_TABLES",
    "MIN_DENOMINATOR",
    "MUNICIPALITY_COLUMNS",
    "NON_RESPONSE_COLUMNS",
    "RECOGNISED_GLI",
    "SET_COLUMNS",
    "SHARES",
    "SIGNIFICANCE",
    "TEST_COLUMNS",
    "TRANSITION_COLUMNS",
    "TREND_COLUMNS",
    "TREND_SOURCES",
    "ExtraRow",
    "ItemTable",
    "by_share",
    "carried",
    "change_table",
    "check_identities",
    "collaboration_table",
    "flow_counts",
    "flow_members",
    "flow_table",
    "identity_table",
    "item_masks",
    "item_table",
    "municipality_table",
    "non_response_table",
    "population",
    "remark",
    "row_asked",
    "transition_tables",
    "trend_table",
]
