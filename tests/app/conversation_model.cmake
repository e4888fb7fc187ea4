# ConversationListModel (app/chat) under QAbstractItemModelTester.
ponder_add_test(NAME tst_conversation_model
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_conversation_model.cpp ${CMAKE_CURRENT_LIST_DIR}/storage_test_util.h
  LIBS ponder_core
  LABELS storage)
