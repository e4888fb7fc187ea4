// The main window loads without QML warnings, shows the sidebar, the message area and the
// input box in the right places, and renders a real picture (saved as a test artifact).
#include <QtQml/qqmlextensionplugin.h>
#include <QDir>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "chat_controller.h"
#include "inference_types.h"
#include "language_switcher.h"
#include "ponder/gpu.h"
#include "ponder/version.h"
#include "quick_setup.h"

Q_IMPORT_QML_PLUGIN(Ponder_CorePlugin)
Q_IMPORT_QML_PLUGIN(PonderPlugin)

namespace {

QRectF sceneRect(const QQuickItem* item) {
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}

int distinctColors(const QImage& image) {
    QSet<QRgb> colors;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            colors.insert(image.pixel(x, y));
    return int(colors.size());
}

double meanLightness(const QImage& image) {
    double sum = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            sum += QColor(image.pixel(x, y)).lightnessF();
    return sum / (double(image.width()) * image.height());
}

}  // namespace

class TstUiSmoke : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void regionsAreLaidOut();
    void actionsWithoutModelAreDisabled();
    void screenshotIsNotBlank();
    void darkSchemeRendersDark();
    void languageSwitchesAtRunTime();
    void settingsListTheEngineGpusAndAbout();
    void cleanupTestCase();

private:
    QQuickItem* item(const char* objectName) const;
    QImage grab(const QString& fileName);

    // Declared before the engine's use: the window binds to it until the engine is deleted.
    QTemporaryDir m_dataDir;
    ChatController* m_controller = nullptr;
    QQmlApplicationEngine* m_engine = nullptr;
    QQuickWindow* m_window = nullptr;
    QList<QQmlError> m_warnings;
};

void TstUiSmoke::initTestCase() {
    ponder::ui::configureQuickStyle();
    m_engine = new QQmlApplicationEngine(this);
    connect(m_engine, &QQmlEngine::warnings, this,
            [this](const QList<QQmlError>& warnings) { m_warnings += warnings; });
    ponder::ui::configureEngine(*m_engine);
    QVERIFY(m_dataDir.isValid());
    m_controller = new ChatController(m_dataDir.path(), this);
    m_engine->setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(m_controller)}});
    m_engine->load(QUrl(QString::fromLatin1(ponder::ui::mainQmlUrl)));
    QCOMPARE(m_engine->rootObjects().size(), 1);
    m_window = qobject_cast<QQuickWindow*>(m_engine->rootObjects().constFirst());
    QVERIFY(m_window);
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

QQuickItem* TstUiSmoke::item(const char* objectName) const {
    return m_window->findChild<QQuickItem*>(QString::fromLatin1(objectName));
}

void TstUiSmoke::regionsAreLaidOut() {
    QQuickItem* sidebar = item("sidebar");
    QQuickItem* messages = item("messageArea");
    QQuickItem* input = item("inputBox");
    QVERIFY(sidebar);
    QVERIFY(messages);
    QVERIFY(input);
    const QRectF s = sceneRect(sidebar), m = sceneRect(messages), i = sceneRect(input);
    for (const QRectF& r : {s, m, i})
        QVERIFY2(r.width() > 10 && r.height() > 10, "a region is collapsed");

    QVERIFY2(s.right() <= m.left(), "the sidebar is left of the messages");
    QVERIFY2(s.right() <= i.left(), "the sidebar is left of the input box");
    QVERIFY2(m.bottom() <= i.top(), "the input box is below the messages");
    QVERIFY2(s.height() > m.height(), "the sidebar runs the full height");
    QVERIFY(i.bottom() <= m_window->height());
    // The input box is the focus, so the user can type at once.
    QVERIFY(input->hasActiveFocus());
    QVERIFY2(m_warnings.isEmpty(), qPrintable(m_warnings.value(0).toString()));
}

void TstUiSmoke::actionsWithoutModelAreDisabled() {
    // No model is loaded: opening one is offered, sending is not.
    QQuickItem* open = item("modelPickerButton");
    QVERIFY(open);
    QVERIFY(open->property("available").toBool());
    QVERIFY(!open->property("hint").toString().isEmpty());
    QQuickItem* input = item("inputBox");
    input->setProperty("text", QStringLiteral("hello"));
    auto* send = input->property("sendButton").value<QQuickItem*>();
    QVERIFY(send);
    QVERIFY(!send->isEnabled());
    input->setProperty("text", QString());
    QQuickItem* search = item("searchField");
    QVERIFY(search);
    QVERIFY2(search->isEnabled(), "search works on the opened (empty) history");
}

QImage TstUiSmoke::grab(const QString& fileName) {
    // Let bindings and the renderer settle before grabbing.
    QTest::qWait(50);
    const QImage image = m_window->grabWindow();
    if (!image.isNull()) {
        QDir().mkpath(QStringLiteral(PONDER_ARTIFACTS_DIR));
        image.save(QStringLiteral(PONDER_ARTIFACTS_DIR "/") + fileName);
    }
    return image;
}

void TstUiSmoke::screenshotIsNotBlank() {
    const QImage image = grab(QStringLiteral("main-window.png"));
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= m_window->width() && image.height() >= m_window->height());
    // A window with text, separators and controls has anti-aliased edges in many shades; an
    // empty or failed render has one or two colours.
    const int colors = distinctColors(image);
    QVERIFY2(colors > 24, qPrintable(QStringLiteral("only %1 distinct colours").arg(colors)));
}

void TstUiSmoke::darkSchemeRendersDark() {
    // Theme is a QML singleton, known only inside the engine's imports: reach it from QML.
    QQmlComponent probe(m_engine);
    probe.setData("import QtQml\nimport Ponder\nQtObject { property QtObject theme: Theme }",
                  QUrl(QStringLiteral("memory:/ThemeProbe.qml")));
    QTRY_VERIFY(!probe.isLoading());
    std::unique_ptr<QObject> holder(probe.create());
    QVERIFY2(holder, qPrintable(probe.errorString()));
    auto* theme = holder->property("theme").value<QObject*>();
    QVERIFY(theme);
    // Values of Theme.ColorScheme: FollowSystem, Light, Dark.
    QVERIFY(theme->setProperty("colorScheme", 1));
    QTest::qWait(50);
    const double light = meanLightness(m_window->grabWindow());
    QVERIFY(theme->setProperty("colorScheme", 2));
    QVERIFY(theme->property("dark").toBool());
    const QImage image = grab(QStringLiteral("main-window-dark.png"));
    const double dark = meanLightness(image);
    theme->setProperty("colorScheme", 0);
    QVERIFY2(light > 0.6 && dark < 0.4,
             qPrintable(QStringLiteral("mean lightness light %1, dark %2").arg(light).arg(dark)));
    QVERIFY2(m_warnings.isEmpty(), qPrintable(m_warnings.value(0).toString()));
}

void TstUiSmoke::languageSwitchesAtRunTime() {
    // As main.cpp wires it: the setting changes, the translator is swapped, QML re-translates.
    LanguageSwitcher switcher(m_engine);
    AppSettings* settings = m_controller->settings();
    connect(settings, &AppSettings::languageChanged, &switcher, [&] { switcher.apply(settings->language()); });
    QQuickItem* newChat = item("newChatButton");
    QVERIFY(newChat);
    QCOMPARE(newChat->property("text").toString(), QStringLiteral("New chat"));
    settings->setLanguage(QStringLiteral("de"));
    QCOMPARE(newChat->property("text").toString(), QStringLiteral("Neuer Chat"));
    settings->setLanguage(QStringLiteral("zh_CN"));
    QCOMPARE(newChat->property("text").toString(), QStringLiteral("新建聊天"));
    grab(QStringLiteral("main-window-zh.png"));
    settings->setLanguage(QStringLiteral("en"));
    QCOMPARE(newChat->property("text").toString(), QStringLiteral("New chat"));
    QVERIFY2(m_warnings.isEmpty(), qPrintable(m_warnings.value(0).toString()));
}

// Ctrl+, opens the settings: the GPU list is the engine's device list between "automatic" and
// "CPU only", choosing sets the setting, and the About section names the build and the GPU.
// The list comes from a worker thread, so the UI thread is not blocked while Vulkan starts.
void TstUiSmoke::settingsListTheEngineGpusAndAbout() {
    const auto gpus = ponder::listGpus();
    QVERIFY2(gpus && !gpus->empty(), "the suite needs a Vulkan device (lavapipe in CI)");
    const auto best = ponder::chooseGpu(*gpus, std::nullopt);
    QVERIFY(best.ok());
    AppSettings* settings = m_controller->settings();
    settings->setGpuIndex(GpuChoice::Automatic);

    auto* box = m_window->findChild<QObject*>(QStringLiteral("gpuBox"));
    auto* about = m_window->findChild<QObject*>(QStringLiteral("aboutText"));
    QVERIFY(box);
    QVERIFY(about);
    m_window->requestActivate();
    QTest::keyClick(m_window, Qt::Key_Comma, Qt::ControlModifier);
    // The devices are listed on a worker thread; the list and the About text follow.
    QTRY_COMPARE(box->property("count").toInt(), int(gpus->size()) + 2);
    QTRY_VERIFY(about->property("text").toString().contains(QString::fromStdString(best->name)));
    QCOMPARE(box->property("currentIndex").toInt(), 0);
    for (const ponder::GpuInfo& gpu : *gpus) {
        QString text;
        QVERIFY(QMetaObject::invokeMethod(box, "textAt", Q_RETURN_ARG(QString, text), Q_ARG(int, int(gpu.index) + 1)));
        QVERIFY2(text.startsWith(QString::fromStdString(gpu.name)), qPrintable(text));
    }
    const QString aboutText = about->property("text").toString();
    for (const QString& fact : {QString::fromLatin1(ponder::versionString()), QString::fromLatin1(ponder::gitRevision()),
                                QString::fromLatin1(qVersion()), QString::fromStdString(best->name)})
        QVERIFY2(aboutText.contains(fact), qPrintable(aboutText + " lacks " + fact));
    if (const auto vulkan = ponder::vulkanLoaderVersion())
        QVERIFY2(aboutText.contains(QString::fromStdString(*vulkan)), qPrintable(aboutText));

    // The last entry is "CPU only"; after choosing it the About section names no GPU.
    const int cpuEntry = int(gpus->size()) + 1;
    QVERIFY(QMetaObject::invokeMethod(box, "activated", Q_ARG(int, cpuEntry)));
    QCOMPARE(settings->gpuIndex(), GpuChoice::CpuOnly);
    QTRY_COMPARE(box->property("currentIndex").toInt(), cpuEntry);
    QTest::keyClick(m_window, Qt::Key_Escape);
    QTest::keyClick(m_window, Qt::Key_Comma, Qt::ControlModifier);
    QTRY_VERIFY(!about->property("text").toString().contains(QString::fromStdString(best->name)));
    QTest::keyClick(m_window, Qt::Key_Escape);
    settings->setGpuIndex(GpuChoice::Automatic);
    QVERIFY2(m_warnings.isEmpty(), qPrintable(m_warnings.value(0).toString()));
}

void TstUiSmoke::cleanupTestCase() {
    delete m_engine;
    m_engine = nullptr;
    delete m_controller;
    m_controller = nullptr;
}

QTEST_MAIN(TstUiSmoke)
#include "tst_ui_smoke.moc"
