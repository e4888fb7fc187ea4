#include "core/app_info.h"

#include "ponder/version.h"

AppInfo::AppInfo(QObject* parent) : QObject(parent) {}

QString AppInfo::version() const { return QString::fromLatin1(ponder::versionString()); }
QString AppInfo::gitRevision() const { return QString::fromLatin1(ponder::gitRevision()); }
QString AppInfo::qtVersion() const { return QString::fromLatin1(qVersion()); }

QString AppInfo::versionLine() const {
    return QStringLiteral("Ponder %1 (git %2, Qt %3)").arg(version(), gitRevision(), qtVersion());
}
