/// @brief Loads Ponder's user-interface translations.
#pragma once

class QCoreApplication;
class QLocale;

/// Installs the translation of Ponder's strings that best fits `locale` (its UI languages in
/// order), if there is one. Returns whether one was installed; English needs none.
bool installTranslations(QCoreApplication& app, const QLocale& locale);
