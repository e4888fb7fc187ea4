#include "app_settings.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QVariantMap>
#include <QtConcurrent/QtConcurrentRun>

#include "core/app_info.h"
#include "gpu_choice.h"
#include "ponder/gpu.h"
#include "settings_log.h"

namespace {
// Keys are grouped so a later version can reset one group without touching the others.
constexpr char kTemperature[] = "sampling/temperature";
constexpr char kTopK[] = "sampling/topK";
constexpr char kTopP[] = "sampling/topP";
constexpr char kMinP[] = "sampling/minP";
constexpr char kRepeatPenalty[] = "sampling/repeatPenalty";
constexpr char kMaxTokens[] = "sampling/maxTokens";
constexpr char kContextLength[] = "model/contextLength";
constexpr char kGpuIndex[] = "model/gpuIndex";
constexpr char kGpuName[] = "model/gpuName";
constexpr char kRecentModels[] = "model/recent";
constexpr char kColorScheme[] = "ui/colorScheme";
constexpr char kLanguage[] = "ui/language";
constexpr char kKeepReasoningOpen[] = "ui/keepReasoningOpen";
}  // namespace

AppSettings::AppSettings(const QString& dataDir, QObject* parent)
    : QObject(parent), m_settings(QDir(dataDir).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat) {}

void AppSettings::write(const char* key, const QVariant& value) {
    const QString k = QString::fromLatin1(key);
    if (m_settings.value(k) == value) return;
    m_settings.setValue(k, value);
    m_settings.sync();
    if (m_settings.status() != QSettings::NoError) qCWarning(lcSettings) << "cannot write" << m_settings.fileName();
    emit changed();
}

double AppSettings::temperature() const { return m_settings.value(QLatin1String(kTemperature), -1.0).toDouble(); }
void AppSettings::setTemperature(double v) { write(kTemperature, v); }
int AppSettings::topK() const { return m_settings.value(QLatin1String(kTopK), -1).toInt(); }
void AppSettings::setTopK(int v) { write(kTopK, v); }
double AppSettings::topP() const { return m_settings.value(QLatin1String(kTopP), -1.0).toDouble(); }
void AppSettings::setTopP(double v) { write(kTopP, v); }
double AppSettings::minP() const { return m_settings.value(QLatin1String(kMinP), -1.0).toDouble(); }
void AppSettings::setMinP(double v) { write(kMinP, v); }
double AppSettings::repeatPenalty() const { return m_settings.value(QLatin1String(kRepeatPenalty), -1.0).toDouble(); }
void AppSettings::setRepeatPenalty(double v) { write(kRepeatPenalty, v); }
int AppSettings::maxTokens() const { return m_settings.value(QLatin1String(kMaxTokens), -1).toInt(); }
void AppSettings::setMaxTokens(int v) { write(kMaxTokens, v); }
// 4096 by default: enough for long chats, small enough for the KV cache of a big model on an
// 8 GB card. 0 would mean the model's trained length, which can be 128K and not fit.
int AppSettings::contextLength() const { return m_settings.value(QLatin1String(kContextLength), 4096).toInt(); }
void AppSettings::setContextLength(int v) { write(kContextLength, v); }
int AppSettings::gpuIndex() const { return m_settings.value(QLatin1String(kGpuIndex), -1).toInt(); }
QString AppSettings::gpuName() const { return m_settings.value(QLatin1String(kGpuName)).toString(); }

void AppSettings::setGpuIndex(int v) {
    const QString before = gpuInUse();
    QString name;
    if (v >= 0 && m_gpus && *m_gpus) {
        for (const ponder::GpuInfo& g : m_gpus->value())
            if (g.index == static_cast<uint32_t>(v)) name = QString::fromStdString(g.name);
    }
    const bool nameChanged = name != gpuName();
    if (name.isEmpty()) m_settings.remove(QLatin1String(kGpuName));
    else m_settings.setValue(QLatin1String(kGpuName), name);
    m_settings.sync();
    write(kGpuIndex, qMax(v, -2));
    if (nameChanged) emit changed();  // write() is silent when only the name changed
    if (gpuInUse() != before) emit gpuInUseChanged();
}
int AppSettings::colorScheme() const { return m_settings.value(QLatin1String(kColorScheme), 0).toInt(); }
void AppSettings::setColorScheme(int v) { write(kColorScheme, qBound(0, v, 2)); }
bool AppSettings::keepReasoningOpen() const { return m_settings.value(QLatin1String(kKeepReasoningOpen), false).toBool(); }
void AppSettings::setKeepReasoningOpen(bool v) { write(kKeepReasoningOpen, v); }
QString AppSettings::language() const { return m_settings.value(QLatin1String(kLanguage)).toString(); }

void AppSettings::setLanguage(const QString& code) {
    if (code == language()) return;
    write(kLanguage, code);
    emit languageChanged();
}

QStringList AppSettings::recentModels() const {
    return m_settings.value(QLatin1String(kRecentModels)).toStringList();
}

GenerationSettings AppSettings::generationSettings() const {
    GenerationSettings s;
    s.temperature = temperature();
    s.topK = topK();
    s.topP = topP();
    s.minP = minP();
    s.repeatPenalty = repeatPenalty();
    s.maxTokens = maxTokens() > 0 ? maxTokens() : -1;
    return s;
}

void AppSettings::addRecentModel(const QString& path) {
    if (path.isEmpty()) return;
    QStringList list = recentModels();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecentModels)
        list.removeLast();
    write(kRecentModels, list);
    emit recentModelsChanged();
}

void AppSettings::removeRecentModel(const QString& path) {
    QStringList list = recentModels();
    if (list.removeAll(path) == 0) return;
    write(kRecentModels, list);
    emit recentModelsChanged();
}

void AppSettings::resetSampling() {
    for (const char* key : {kTemperature, kTopK, kTopP, kMinP, kRepeatPenalty, kMaxTokens})
        m_settings.remove(QLatin1String(key));
    m_settings.sync();
    emit changed();
}

void AppSettings::refreshGpus() {
    if (m_listing) return;  // the answer on its way will do
    m_listing = true;
    auto* watcher = new QFutureWatcher<std::shared_ptr<const GpuList>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        m_listing = false;
        setGpus(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([] { return std::make_shared<const GpuList>(ponder::listGpus()); }));
}

void AppSettings::setGpus(std::shared_ptr<const GpuList> gpus) {
    const QString before = gpuInUse();
    m_gpus = std::move(gpus);
    QStringList names;
    if (*m_gpus) {
        for (const ponder::GpuInfo& g : m_gpus->value())
            names << QStringLiteral("%1 (%2)").arg(QString::fromStdString(g.name),
                                                   QString::fromLatin1(ponder::gpuTypeName(g.type)));
    } else {
        qCInfo(lcSettings) << "no Vulkan devices:" << m_gpus->error().message.c_str();
    }
    if (names != m_gpuNames) {
        m_gpuNames = names;
        emit gpusChanged();
    }
    // The chosen GPU moved to another place in the device order: follow it, so the list shows
    // the device that will really be used.
    if (gpuIndex() >= 0 && !gpuName().isEmpty() && *m_gpus) {
        const auto resolved = resolveGpuChoice(m_gpus->value(), gpuIndex(), gpuName());
        if (resolved && static_cast<int>(resolved->index) != gpuIndex()) write(kGpuIndex, int(resolved->index));
    }
    if (gpuInUse() != before) emit gpuInUseChanged();
}

QString AppSettings::gpuInUse() const {
    if (gpuIndex() == GpuChoice::CpuOnly) return AppInfo::describeGpu(std::vector<ponder::GpuInfo>{}, gpuIndex());
    return m_gpus ? AppInfo::describeGpu(*m_gpus, gpuIndex(), gpuName()) : QString();
}

QVariantList AppSettings::languages() const {
    auto entry = [](const QString& code, const QString& name) {
        return QVariantMap{{QStringLiteral("code"), code}, {QStringLiteral("name"), name}};
    };
    // Language names in their own language, so a person lost in a foreign UI finds theirs.
    return {entry(QString(), tr("System language")), entry(QStringLiteral("en"), QStringLiteral("English")),
            entry(QStringLiteral("de"), QStringLiteral("Deutsch")),
            entry(QStringLiteral("zh_CN"), QStringLiteral("中文"))};
}
