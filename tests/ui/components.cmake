# tst_ui_components: Qt Quick Test cases (qml/tst_*.qml) for the components of the Ponder module.
find_package(Qt6 REQUIRED COMPONENTS QuickTest)
ponder_add_test(NAME tst_ui_components
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ui_components.cpp
  LIBS ponder_core ponder_coreplugin ponder_ui ponder_uiplugin Qt6::QuickTest
  LABELS ui)
target_compile_definitions(tst_ui_components PRIVATE
  QUICK_TEST_SOURCE_DIR="${CMAKE_CURRENT_LIST_DIR}/qml")
