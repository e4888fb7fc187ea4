#include "translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

bool installTranslations(QCoreApplication& app, const QLocale& locale) {
    // The .qm files are compiled into this library's resources (:/i18n/ponder_de.qm).
    auto* translator = new QTranslator(&app);
    if (!translator->load(locale, QStringLiteral("ponder"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete translator;
        return false;
    }
    return QCoreApplication::installTranslator(translator);
}
