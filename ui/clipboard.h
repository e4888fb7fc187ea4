/// @brief The system clipboard for QML (Qt Quick has no clipboard type of its own).
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QObject>

/// `Clipboard.setText(model.content)` for the copy buttons. Presentation glue: the clipboard
/// is a GUI service, so it lives in ui/, not in app/ (which links no GUI).
class Clipboard : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit Clipboard(QObject* parent = nullptr);
    Q_INVOKABLE void setText(const QString& text);
    Q_INVOKABLE QString text() const;
};
