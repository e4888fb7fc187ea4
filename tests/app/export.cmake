# Markdown/JSON export and JSON import of conversations (app/storage).
ponder_add_test(NAME tst_export
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_export.cpp ${CMAKE_CURRENT_LIST_DIR}/storage_test_util.h
  LIBS ponder_core
  LABELS storage)
