# tst_oracle_deepseek2: deepseek2 (MLA absorbed and legacy, q-LoRA or not, V2/V3 routing) on
# the CPU against llama.cpp; fails, not skips, when node or the oracle is missing.
ponder_add_test(NAME tst_oracle_deepseek2 SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_oracle_moe_arch.cpp
                LIBS ponder_engine_internal ponder_testgen ponder_oracle_harness
                LABELS oracle TIMEOUT 600)
target_compile_definitions(tst_oracle_deepseek2 PRIVATE PONDER_ORACLE_ARCH="deepseek2")
