# Chat templates and the streaming reasoning parser (engine/src/chat).
ponder_add_test(NAME tst_chat_template SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_chat_template.cpp
                LIBS ponder_engine_internal)
ponder_add_test(NAME tst_reasoning_parser SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_reasoning_parser.cpp
                LIBS ponder_engine_internal)
