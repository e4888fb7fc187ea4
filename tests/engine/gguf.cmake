# GGUF reader/writer tests. hostile_gguf.cpp is shared with tst_cli_info and the fuzz corpus.
ponder_add_test(NAME tst_gguf
                SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_gguf.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_gguf_files.cpp
                        ${CMAKE_CURRENT_LIST_DIR}/tst_gguf.h ${CMAKE_CURRENT_LIST_DIR}/hostile_gguf.cpp
                LIBS ponder_engine_internal)
