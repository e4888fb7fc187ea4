# Block formats (engine/src/quant): hand-built blocks, conversions, round trips, and a
# bit-for-bit comparison with llama.cpp's own dequantizers.
ponder_add_test(NAME tst_quant SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_quant.cpp LIBS ponder_engine_internal)
ponder_add_test(NAME tst_quant_blocks SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_quant_blocks.cpp
                LIBS ponder_engine_internal)

# llama.cpp's ggml as shipped by node-llama-cpp (scripts/setup-oracle) is a Linux x64 shared
# library; the test loads it with dlopen and fails, saying so, when it is not installed.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux" AND CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  ponder_add_test(NAME tst_quant_oracle SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_quant_oracle.cpp
                  LIBS ponder_engine_internal ${CMAKE_DL_LIBS} LABELS oracle)
endif()
