# tst_docs_view: the Documents dialog and the citation panel in the real window.
find_package(Qt6 REQUIRED COMPONENTS Gui Quick)
ponder_add_test(NAME tst_docs_view
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_docs_view.cpp
  LIBS ponder_core ponder_coreplugin ponder_ui ponder_uiplugin Qt6::Gui Qt6::Quick ponder_i18n
  LABELS ui docs TIMEOUT 120)
