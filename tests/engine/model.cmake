# Model loading, binding errors, parameter counts and the Session's KV cache (engine/src/model).
ponder_add_test(NAME tst_model SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_model.cpp
                LIBS ponder_engine_internal ponder_testgen TIMEOUT 300)
