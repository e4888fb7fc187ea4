/// @brief Version and build facts for the About page and `ponder --version`.
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <vector>

#include "ponder/gpu.h"

/// Read-only facts about this build and this machine, exposed to QML as the singleton AppInfo.
class AppInfo : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(QString gitRevision READ gitRevision CONSTANT)
    Q_PROPERTY(QString qtVersion READ qtVersion CONSTANT)
    Q_PROPERTY(QString vulkanVersion READ vulkanVersion CONSTANT)

public:
    explicit AppInfo(QObject* parent = nullptr);

    QString version() const;
    QString gitRevision() const;
    QString qtVersion() const;
    /// The Vulkan loader's version, or an empty string when there is no Vulkan at all.
    QString vulkanVersion() const;
    /// The device models run on for a settings choice (AppSettings::gpuIndex: -1 lets Ponder
    /// choose, -2 CPU only): "NVIDIA GeForce RTX 4070 (discrete, 12.0 GB, Vulkan 1.3.277)", or why there is
    /// none. Lists the Vulkan devices, so it takes a moment: not for the UI thread.
    QString gpuDescription(int gpuIndex, const QString& gpuName = {}) const;
    /// The same from a device list made earlier (AppSettings lists off the UI thread).
    static QString describeGpu(const ponder::Result<std::vector<ponder::GpuInfo>>& gpus, int gpuIndex,
                               const QString& gpuName = {});
    /// `ponder --version`: the first line names the build, the second Vulkan and the GPU.
    QString versionText(int gpuIndex, const QString& gpuName = {}) const;
};
