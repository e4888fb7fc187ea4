# tst_oracle_gpt_oss: gpt-oss (sinks, alternating sliding window, biases, swiglu_oai, MXFP4
# experts) on the CPU against llama.cpp; fails, not skips, when node or the oracle is missing.
ponder_add_test(NAME tst_oracle_gpt_oss SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_oracle_moe_arch.cpp
                LIBS ponder_engine_internal ponder_testgen ponder_oracle_harness
                LABELS oracle TIMEOUT 600)
target_compile_definitions(tst_oracle_gpt_oss PRIVATE PONDER_ORACLE_ARCH="gpt-oss")
