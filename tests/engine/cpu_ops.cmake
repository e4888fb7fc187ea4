# CPU reference ops (engine/src/cpu) against hand-computed values.
ponder_add_test(NAME tst_cpu_ops SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cpu_ops.cpp LIBS ponder_engine_internal)
