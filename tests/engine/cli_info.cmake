# `ponder-cli info` end to end: runs the built binary (QProcess), so it depends on it.
ponder_add_test(NAME tst_cli_info
                SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cli_info.cpp ${CMAKE_CURRENT_LIST_DIR}/hostile_gguf.cpp
                LIBS ponder_engine_internal
                TIMEOUT 300)
add_dependencies(tst_cli_info ponder-cli)
