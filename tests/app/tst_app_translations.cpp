// The translations compiled into ponder_i18n load for the locales they cover, and English,
// the source language, needs none.
#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>
#include <QtTest>

#include "engine_errors.h"
#include "ponder/result.h"
#include "translations.h"

class TstAppTranslations : public QObject {
    Q_OBJECT

private slots:
    void cleanup();
    void translates_data();
    void translates();
    void englishNeedsNone();
    void engineErrorsAreTranslated();

private:
    void removeInstalled();
};

void TstAppTranslations::removeInstalled() {
    for (QTranslator* t : QCoreApplication::instance()->findChildren<QTranslator*>()) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
}

void TstAppTranslations::cleanup() {
    removeInstalled();
}

void TstAppTranslations::translates_data() {
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::newRow("de New chat") << "de_DE"
                                 << "Sidebar"
                                 << "New chat"
                                 << "Neuer Chat";
    QTest::newRow("de Send") << "de_DE"
                             << "InputBox"
                             << "Send"
                             << "Senden";
    QTest::newRow("de_AT falls back to de") << "de_AT"
                                            << "Sidebar"
                                            << "New chat"
                                            << "Neuer Chat";
    QTest::newRow("zh New chat") << "zh_CN"
                                 << "Sidebar"
                                 << "New chat" << QStringLiteral("新建聊天");
    QTest::newRow("zh Send") << "zh_CN"
                             << "InputBox"
                             << "Send" << QStringLiteral("发送");
}

void TstAppTranslations::translates() {
    QFETCH(QString, locale);
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QVERIFY(installTranslations(*QCoreApplication::instance(), QLocale(locale)));
    QCOMPARE(QCoreApplication::translate(qPrintable(context), qPrintable(source)), expected);
}

void TstAppTranslations::englishNeedsNone() {
    QVERIFY(!installTranslations(*QCoreApplication::instance(), QLocale(QStringLiteral("en_US"))));
    QCOMPARE(QCoreApplication::translate("Sidebar", "New chat"), QStringLiteral("New chat"));
}

// Every sentence the app builds from an engine error, the GPU fallback notes included, reads
// differently in German and Chinese than in English. (translations_complete cannot see a
// string that lupdate never extracted, which is how these once shipped in English only.)
void TstAppTranslations::engineErrorsAreTranslated() {
    using ponder::ErrorCode;
    const ErrorCode codes[] = {ErrorCode::InvalidArgument, ErrorCode::FileNotFound, ErrorCode::IoError,
                               ErrorCode::InvalidFormat,   ErrorCode::Unsupported,  ErrorCode::OutOfMemory,
                               ErrorCode::DeviceLost,      ErrorCode::NoDevice,     ErrorCode::VulkanError,
                               ErrorCode::Cancelled,       ErrorCode::Internal};
    QStringList english;
    for (ErrorCode code : codes) english << describeEngineError({code, {}}) << describeGpuFallback({code, {}});
    for (const char* locale : {"de_DE", "zh_CN"}) {
        QVERIFY(installTranslations(*QCoreApplication::instance(), QLocale(QString::fromLatin1(locale))));
        int i = 0;
        for (ErrorCode code : codes) {
            for (const QString& text : {describeEngineError({code, {}}), describeGpuFallback({code, {}})}) {
                QVERIFY2(!text.isEmpty() && text != english.at(i), qPrintable(QString::fromLatin1(locale) + ": " + text));
                ++i;
            }
        }
        removeInstalled();
    }
}

QTEST_GUILESS_MAIN(TstAppTranslations)
#include "tst_app_translations.moc"
