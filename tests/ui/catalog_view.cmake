# tst_catalog_view: the Models dialog (ui/views/CatalogDialog.qml) downloading from a local
# HTTP server the test starts.
find_package(Qt6 REQUIRED COMPONENTS Gui Quick)
ponder_add_test(NAME tst_catalog_view
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_catalog_view.cpp
          ${CMAKE_SOURCE_DIR}/tests/app/http_test_server.cpp ${CMAKE_SOURCE_DIR}/tests/app/http_test_server.h
  LIBS ponder_core ponder_coreplugin ponder_ui ponder_uiplugin Qt6::Gui Qt6::Quick
  LABELS "ui;models")
target_include_directories(tst_catalog_view PRIVATE ${CMAKE_SOURCE_DIR}/tests/app)
