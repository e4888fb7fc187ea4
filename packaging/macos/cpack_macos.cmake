# macOS: a DMG holding Ponder.app. Qt is deployed into the bundle by macdeployqt (through
# qt_generate_deploy_qml_app_script); Vulkan runs on Metal through MoltenVK, which is copied
# into the bundle with the Vulkan loader and an ICD manifest pointing at it.
if(NOT APPLE)
  return()
endif()
set(CPACK_GENERATOR "DragNDrop")
set(CPACK_DMG_VOLUME_NAME "Ponder")
set(MACOSX_BUNDLE_BUNDLE_NAME "Ponder")
set(MACOSX_BUNDLE_GUI_IDENTIFIER "io.github.ponderchat.Ponder")
set(MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}")

find_library(PONDER_MOLTENVK MoltenVK)
find_library(PONDER_VULKAN_LOADER vulkan)
if(PONDER_MOLTENVK AND PONDER_VULKAN_LOADER)
  install(FILES ${PONDER_MOLTENVK} ${PONDER_VULKAN_LOADER} DESTINATION ponder.app/Contents/Frameworks)
  install(FILES ${CMAKE_SOURCE_DIR}/packaging/macos/MoltenVK_icd.json
          DESTINATION ponder.app/Contents/Resources/vulkan/icd.d)
else()
  message(WARNING "MoltenVK or the Vulkan loader not found: the DMG will need a system Vulkan")
endif()
