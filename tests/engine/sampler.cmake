# Samplers and the generation loop (engine/src/sample).
ponder_add_test(NAME tst_sampler SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sampler.cpp LIBS ponder_engine_internal)
ponder_add_test(NAME tst_generate SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_generate.cpp LIBS ponder_engine_internal)
