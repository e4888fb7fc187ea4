# tst_code_highlighter: CodeHighlighter really colours code (the static KSyntaxHighlighting
# library carries its syntax definitions in its resources).
find_package(Qt6 REQUIRED COMPONENTS Gui Quick)
ponder_add_test(NAME tst_code_highlighter
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_code_highlighter.cpp
  LIBS ponder_core ponder_coreplugin ponder_ui ponder_uiplugin Qt6::Gui Qt6::Quick
  LABELS ui)
