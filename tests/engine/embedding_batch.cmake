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
# With a 1 ms submission target the runner cuts prompt chunks down to a few tokens (single
# tokens take the decode kernels and split keys): packed passes end chunks mid-text all the time.
add_test(NAME tst_embedding_batch_small_chunks COMMAND tst_embedding_batch)
set_tests_properties(tst_embedding_batch_small_chunks PROPERTIES
  ENVIRONMENT "PONDER_VK_SUBMIT_MS=1;QT_QPA_PLATFORM=offscreen" LABELS "vulkan" TIMEOUT 300)
