# The conversation store (app/storage): database file handling, store and branches, search.
ponder_add_test(NAME tst_storage_database
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_storage_database.cpp ${CMAKE_CURRENT_LIST_DIR}/storage_test_util.h
  LIBS ponder_core
  LABELS storage)
ponder_add_test(NAME tst_storage
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_storage.cpp ${CMAKE_CURRENT_LIST_DIR}/storage_test_util.h
  LIBS ponder_core
  LABELS storage)
ponder_add_test(NAME tst_storage_search
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_storage_search.cpp ${CMAKE_CURRENT_LIST_DIR}/storage_test_util.h
  LIBS ponder_core
  LABELS storage)
