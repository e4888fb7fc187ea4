# DEB and RPM. Shared-library dependencies are found automatically (dpkg-shlibdeps, rpm's
# autoreq); QML modules are loaded at run time, so no tool sees them: they are listed here.
if(NOT (UNIX AND NOT APPLE))
  return()
endif()
set(CPACK_GENERATOR "DEB;RPM")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "qml6-module-qtqml, qml6-module-qtqml-models, qml6-module-qtqml-workerscript, \
qml6-module-qtquick, qml6-module-qtquick-window, qml6-module-qtquick-templates, \
qml6-module-qtquick-controls, qml6-module-qtquick-layouts, qml6-module-qtquick-dialogs, \
qml6-module-qt-labs-folderlistmodel, libqt6sql6-sqlite, libqt6svg6, \
mesa-vulkan-drivers | vulkan-icd")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-color-emoji")

set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "MIT")
set(CPACK_RPM_PACKAGE_GROUP "Applications/Productivity")
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
set(CPACK_RPM_PACKAGE_REQUIRES "qt6-qtdeclarative, qt6-qtsvg, mesa-vulkan-drivers")
# The standard directories belong to the filesystem package; do not claim them.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
  /usr/share/applications /usr/share/icons /usr/share/icons/hicolor /usr/share/metainfo)
