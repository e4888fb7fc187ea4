# MessageListModel (app/chat) under QAbstractItemModelTester, with a StreamingWriter.
ponder_add_test(NAME tst_message_model
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_message_model.cpp ${CMAKE_CURRENT_LIST_DIR}/storage_test_util.h
  LIBS ponder_core
  LABELS storage)
