#include "language_switcher.h"

#include <QCoreApplication>
#include <QLocale>
#include <QQmlEngine>

#include "settings_log.h"

LanguageSwitcher::LanguageSwitcher(QQmlEngine* engine, QObject* parent) : QObject(parent), m_engine(engine) {}

LanguageSwitcher::~LanguageSwitcher() {
    if (m_translator) QCoreApplication::removeTranslator(m_translator.get());
}

bool LanguageSwitcher::apply(const QString& code) {
    if (m_translator) {
        QCoreApplication::removeTranslator(m_translator.get());
        m_translator.reset();
    }
    bool installed = false;
    if (code != QLatin1String("en")) {
        // The .qm files are resources of ponder_i18n (:/i18n/ponder_de.qm).
        auto translator = std::make_unique<QTranslator>();
        const QLocale locale = code.isEmpty() ? QLocale() : QLocale(code);
        if (translator->load(locale, QStringLiteral("ponder"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
            QCoreApplication::installTranslator(translator.get());
            m_translator = std::move(translator);
            installed = true;
        } else if (!code.isEmpty()) {
            qCWarning(lcSettings) << "no translation for" << code;
        }
    }
    if (m_engine) m_engine->retranslate();
    return installed;
}
