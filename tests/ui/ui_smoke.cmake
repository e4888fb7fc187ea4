# tst_ui_smoke: the main window loads, lays out its regions and renders something.
find_package(Qt6 REQUIRED COMPONENTS Gui Quick)
ponder_add_test(NAME tst_ui_smoke
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ui_smoke.cpp
  LIBS ponder_core ponder_coreplugin ponder_ui ponder_uiplugin Qt6::Gui Qt6::Quick ponder_i18n
  LABELS ui)
