# tst_oracle_<arch>: Ponder's CPU forward pass against llama.cpp (node-llama-cpp in
# PONDER_ORACLE_DIR) on random models of each architecture, in F32 and every block format.
# They fail, not skip, when node or the oracle is missing.
add_library(ponder_oracle_harness STATIC ${CMAKE_CURRENT_LIST_DIR}/oracle_harness.cpp)
target_link_libraries(ponder_oracle_harness PUBLIC Qt6::Core)
target_include_directories(ponder_oracle_harness PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_compile_definitions(ponder_oracle_harness PRIVATE
  PONDER_SOURCE_DIR="${CMAKE_SOURCE_DIR}" PONDER_ORACLE_DIR="${PONDER_ORACLE_DIR}")
ponder_warnings(ponder_oracle_harness)

foreach(arch llama mixtral qwen2 qwen3 qwen3moe olmoe granitemoe)
  ponder_add_test(NAME tst_oracle_${arch} SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_oracle.cpp
                  LIBS ponder_engine_internal ponder_testgen ponder_oracle_harness
                  LABELS oracle TIMEOUT 600)
  target_compile_definitions(tst_oracle_${arch} PRIVATE PONDER_ORACLE_ARCH="${arch}")
endforeach()

# The comparison itself (no llama.cpp needed).
ponder_add_test(NAME tst_oracle_harness SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_oracle_harness.cpp
                LIBS ponder_oracle_harness Qt6::Test)
