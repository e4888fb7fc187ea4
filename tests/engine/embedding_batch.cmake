# Embeddings packed several texts to a forward pass on Vulkan (Embedder, forwardLastHiddenBatch)
# against one text a pass and against the CPU reference.
ponder_add_test(NAME tst_embedding_batch SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_embedding_batch.cpp
                LIBS ponder_engine_internal ponder_testgen LABELS vulkan TIMEOUT 300)
# The same under the Khronos validation layer: any message fails it.
add_test(NAME tst_embedding_batch_validation COMMAND tst_embedding_batch)
set_tests_properties(tst_embedding_batch_validation PROPERTIES
  ENVIRONMENT "VK_INSTANCE_LAYERS=VK_LAYER_KHRONOS_validation;QT_QPA_PLATFORM=offscreen"
  FAIL_REGULAR_EXPRESSION "VUID-|Validation Error|Validation Warning|Validation Performance"
  LABELS "vulkan;validation"
  TIMEOUT 600)
