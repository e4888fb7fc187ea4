#include "list_sync.h"

#include <QSet>

QList<ListEdit> planListEdits(const QList<qint64>& current, const QList<qint64>& wanted) {
    QList<ListEdit> plan;
    QList<qint64> ids = current;
    const QSet<qint64> keep(wanted.begin(), wanted.end());
    // Removals first, bottom up, so the indexes of the rows above stay valid.
    for (qsizetype i = ids.size() - 1; i >= 0; --i) {
        if (!keep.contains(ids[i])) {
            plan.append({ListEdit::Kind::Remove, int(i), 0});
            ids.removeAt(i);
        }
    }
    // Then walk the wanted order: each row is already in place, further down (move it up), or
    // new (insert it). Rows above i are final, so a move always goes upwards.
    for (qsizetype i = 0; i < wanted.size(); ++i) {
        if (i < ids.size() && ids[i] == wanted[i]) continue;
        const qsizetype from = ids.indexOf(wanted[i], i + 1);
        if (from >= 0) {
            plan.append({ListEdit::Kind::Move, int(from), int(i)});
            ids.move(from, i);
        } else {
            plan.append({ListEdit::Kind::Insert, 0, int(i)});
            ids.insert(i, wanted[i]);
        }
    }
    return plan;
}
