# Windows installer (NSIS). Qt is deployed next to ponder.exe by windeployqt through
# qt_generate_deploy_qml_app_script (packaging/CMakeLists.txt); the Vulkan loader
# (vulkan-1.dll) ships with every GPU driver on Windows, so it is not bundled.
if(NOT WIN32)
  return()
endif()
set(CPACK_GENERATOR "NSIS;ZIP")
set(CPACK_NSIS_DISPLAY_NAME "Ponder")
set(CPACK_NSIS_PACKAGE_NAME "Ponder")
# Rendered from the SVG at build time (Qt writes .ico through its ICO image plugin).
set(CPACK_NSIS_MUI_ICON "${CMAKE_BINARY_DIR}/packaging/icons/ponder.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\ponder.exe")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH OFF)
set(CPACK_NSIS_CREATE_ICONS_EXTRA
  "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\Ponder.lnk' '$INSTDIR\\\\bin\\\\ponder.exe'")
set(CPACK_NSIS_DELETE_ICONS_EXTRA "Delete '$SMPROGRAMS\\\\$START_MENU\\\\Ponder.lnk'")
