/// @brief Plans the row removals, moves and inserts that turn one id list into another.
#pragma once

#include <QList>

/// One step of a plan; steps apply in order, each to the list as the steps before left it.
struct ListEdit {
    enum class Kind { Remove, Move, Insert };
    Kind kind;
    int from = 0;  ///< Remove, Move: the row now at this index
    int to = 0;    ///< Move: its new index (always < from); Insert: index in the wanted list
};

/// Models refresh from the database by computing the new rows and applying this plan, so views
/// keep their scroll position, selection and delegates (a model reset would drop them all).
/// Ids must be unique in each list. Rows that stay are not in the plan: compare their data
/// afterwards and emit dataChanged for the ones that differ.
QList<ListEdit> planListEdits(const QList<qint64>& current, const QList<qint64>& wanted);
