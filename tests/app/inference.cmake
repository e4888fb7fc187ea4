ponder_add_test(NAME tst_inference_worker
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_inference_worker.cpp
  LIBS ponder_core ponder_testgen ponder_engine_internal)
