# Tokenizer tests: llama.cpp's vocabulary test vectors, a comparison with llama.cpp itself
# (node + node-llama-cpp from PONDER_ORACLE_DIR; the test fails when they are missing), the
# streaming detokenizer, and `ponder-cli tokenize`.
ponder_add_test(NAME tst_tokenizer SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_tokenizer.cpp LIBS ponder_engine_internal
                TIMEOUT 300)
target_include_directories(tst_tokenizer PRIVATE ${CMAKE_CURRENT_LIST_DIR})
add_dependencies(tst_tokenizer ponder-cli)  # cliTokenize runs it
