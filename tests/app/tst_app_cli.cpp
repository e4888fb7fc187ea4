// `ponder --version`, `--help` and `--data-dir`: parsed before any GUI object exists, so the
// informational options work with no display at all.
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "core/app_paths.h"
#include "core/command_line.h"
#include "inference_types.h"
#include "ponder/gpu.h"

namespace {

const QString kPonder = QStringLiteral(PONDER_BINARY_DIR "/bin/ponder");

// A terminal on a machine without a display: no X11, no Wayland, no platform override.
QProcessEnvironment headlessEnvironment() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    return env;
}

struct Run {
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QString out;
    QString err;
};

Run runPonder(const QStringList& arguments) {
    QProcess process;
    process.setProcessEnvironment(headlessEnvironment());
    process.start(kPonder, arguments);
    Run run;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitCode();
    run.status = process.exitStatus();
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

}  // namespace

class TstAppCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void parsesOptions_data();
    void parsesOptions();
    void versionWithoutDisplay();
    void versionNamesTheChosenGpu();
    void helpWithoutDisplay();
    void badArgumentsFail();
    void dataDirIsCreated();
    void uncreatableDataDirFails();
};

void TstAppCli::initTestCase() {
    QVERIFY2(QFileInfo(kPonder).isExecutable(), qPrintable(kPonder));
}

void TstAppCli::parsesOptions_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("action");
    QTest::addColumn<QString>("dataDir");
    using A = CommandLine::Action;
    QTest::newRow("nothing") << QStringList{} << int(A::Run) << "";
    QTest::newRow("data-dir") << QStringList{"--data-dir", "/x/y"} << int(A::Run) << "/x/y";
    QTest::newRow("data-dir=") << QStringList{"--data-dir=/z"} << int(A::Run) << "/z";
    QTest::newRow("data-dir empty") << QStringList{"--data-dir="} << int(A::ExitFailure) << "";
    QTest::newRow("data-dir missing") << QStringList{"--data-dir"} << int(A::ExitFailure) << "";
    QTest::newRow("version") << QStringList{"--version"} << int(A::ExitSuccess) << "";
    QTest::newRow("-v") << QStringList{"-v"} << int(A::ExitSuccess) << "";
    QTest::newRow("help") << QStringList{"--help"} << int(A::ExitSuccess) << "";
    QTest::newRow("unknown") << QStringList{"--frobnicate"} << int(A::ExitFailure) << "";
    QTest::newRow("positional") << QStringList{"model.gguf"} << int(A::ExitFailure) << "";
}

void TstAppCli::parsesOptions() {
    QFETCH(QStringList, arguments);
    QFETCH(int, action);
    QFETCH(QString, dataDir);
    arguments.prepend(QStringLiteral("ponder"));
    const CommandLine result = parseCommandLine(arguments);
    QCOMPARE(int(result.action), action);
    QCOMPARE(result.dataDir, dataDir);
    if (result.action != CommandLine::Action::Run) QVERIFY(!result.output.isEmpty());
}

void TstAppCli::versionWithoutDisplay() {
    const Run run = runPonder({QStringLiteral("--version")});
    QCOMPARE(run.status, QProcess::NormalExit);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    static const QRegularExpression format(
        QStringLiteral(R"(^Ponder \d+\.\d+\.\d+\S* \(git [0-9A-Za-z]+, Qt \d+\.\d+\.\d+\)\n)"
                       R"(Vulkan \d+\.\d+\.\d+, GPU: .+ \((discrete|integrated|virtual|cpu|other), \d+\.\d GB, Vulkan \d+\.\d+\.\d+\)\n$)"));
    QVERIFY2(format.match(run.out).hasMatch(), qPrintable(run.out));
    QVERIFY2(run.out.contains(QString::fromLatin1(qVersion())), qPrintable(run.out));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
}

// The GPU line follows the settings of the data folder given, and --version creates nothing.
void TstAppCli::versionNamesTheChosenGpu() {
    const auto gpus = ponder::listGpus();
    QVERIFY2(gpus && !gpus->empty(), "the suite needs a Vulkan device (lavapipe in CI)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("not-created"));
    const Run fresh = runPonder({QStringLiteral("--version"), QStringLiteral("--data-dir"), missing});
    QCOMPARE(fresh.exitCode, 0);
    QVERIFY2(!QFileInfo::exists(missing), "--version created the data folder");

    const ponder::GpuInfo& last = gpus->back();
    {
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("model/gpuIndex"), int(last.index));
    }
    const Run chosen = runPonder({QStringLiteral("--version"), QStringLiteral("--data-dir"), dir.path()});
    QCOMPARE(chosen.exitCode, 0);
    const QString expected = QStringLiteral("GPU: %1 (%2,").arg(QString::fromStdString(last.name),
                                                               QString::fromLatin1(ponder::gpuTypeName(last.type)));
    QVERIFY2(chosen.out.contains(expected), qPrintable(chosen.out + " lacks " + expected));
    const QString api = QStringLiteral(", Vulkan %1)\n").arg(QString::fromStdString(last.apiVersion));
    QVERIFY2(chosen.out.endsWith(api), qPrintable(chosen.out + " lacks the device's API version " + api));

    {
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("model/gpuIndex"), int(gpus->size()) + 5);
    }
    const Run gone = runPonder({QStringLiteral("--version"), QStringLiteral("--data-dir"), dir.path()});
    QCOMPARE(gone.exitCode, 0);
    QVERIFY2(gone.out.contains(QStringLiteral("GPU: none (")), qPrintable(gone.out));

    // The chosen GPU at another index now (its name was saved with it): still named.
    {
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("model/gpuIndex"), int(gpus->size()) + 5);
        settings.setValue(QStringLiteral("model/gpuName"), QString::fromStdString(last.name));
    }
    const Run moved = runPonder({QStringLiteral("--version"), QStringLiteral("--data-dir"), dir.path()});
    QCOMPARE(moved.exitCode, 0);
    QVERIFY2(moved.out.contains(expected), qPrintable(moved.out + " lacks " + expected));

    // CPU only in the settings: no GPU is named, although one exists.
    {
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("model/gpuIndex"), GpuChoice::CpuOnly);
    }
    const Run cpu = runPonder({QStringLiteral("--version"), QStringLiteral("--data-dir"), dir.path()});
    QCOMPARE(cpu.exitCode, 0);
    QVERIFY2(cpu.out.contains(QStringLiteral("GPU: none, models run on the CPU")), qPrintable(cpu.out));
    for (const ponder::GpuInfo& gpu : *gpus)
        QVERIFY2(!cpu.out.contains(QString::fromStdString(gpu.name)), qPrintable(cpu.out));
}

void TstAppCli::helpWithoutDisplay() {
    const Run run = runPonder({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(QStringLiteral("Usage: ponder")), qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("--data-dir <dir>")));
    QVERIFY(run.out.contains(QStringLiteral("--version")));
}

void TstAppCli::badArgumentsFail() {
    const Run run = runPonder({QStringLiteral("--frobnicate")});
    QCOMPARE(run.status, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("frobnicate")), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void TstAppCli::dataDirIsCreated() {
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QString dataDir = temp.filePath(QStringLiteral("nested/ponder-data"));

    // In process: resolve() creates the folder and returns it absolute.
    QString error;
    const AppPaths paths = AppPaths::resolve(dataDir, &error);
    QVERIFY2(paths.isValid(), qPrintable(error));
    QVERIFY(QFileInfo(paths.dataDir()).isDir());
    QVERIFY(QDir::isAbsolutePath(paths.dataDir()));
    QVERIFY(QDir(dataDir).removeRecursively());

    // The real app, on the offscreen platform (it opens a window): it creates the folder at
    // start and then keeps running until it is closed.
    QProcess process;
    QProcessEnvironment env = headlessEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(kPonder, {QStringLiteral("--data-dir"), dataDir});
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(dataDir).isDir(), 15000);
    // Still running a moment later: the window loaded instead of failing.
    QVERIFY2(!process.waitForFinished(1500),
             qPrintable(QString::fromLocal8Bit(process.readAllStandardError())));
    process.kill();
    process.waitForFinished();
    const QString err = QString::fromLocal8Bit(process.readAllStandardError());
    QVERIFY2(!err.contains(QStringLiteral("qrc:/")), qPrintable(err));
}

void TstAppCli::uncreatableDataDirFails() {
    // A folder inside a regular file cannot exist; the app must say so and exit, not abort.
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QString file = temp.filePath(QStringLiteral("file"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const Run run = runPonder({QStringLiteral("--data-dir"), file + QStringLiteral("/data")});
    QCOMPARE(run.status, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("data folder")), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TstAppCli)
#include "tst_app_cli.moc"
