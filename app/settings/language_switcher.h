/// @brief Swaps the UI translation at run time and re-translates the QML.
#pragma once

#include <QObject>
#include <QPointer>
#include <QTranslator>

#include <memory>

class QQmlEngine;

/// Installs the translator for a language code ("de", "zh_CN"; "" the system's, "en" none)
/// and calls QQmlEngine::retranslate(), so every qsTr binding updates without a restart.
class LanguageSwitcher : public QObject {
    Q_OBJECT

public:
    explicit LanguageSwitcher(QQmlEngine* engine, QObject* parent = nullptr);
    ~LanguageSwitcher() override;

    /// Returns whether a translation is installed afterwards (false for English).
    bool apply(const QString& code);

private:
    QPointer<QQmlEngine> m_engine;
    std::unique_ptr<QTranslator> m_translator;
};
