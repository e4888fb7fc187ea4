ponder_add_test(NAME tst_vulkan_smoke
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_vulkan_smoke.cpp
  LIBS ponder_engine_internal
  LABELS vulkan)

# The same test under the Khronos validation layer: any validation message fails it.
add_test(NAME tst_vulkan_smoke_validation COMMAND tst_vulkan_smoke)
set_tests_properties(tst_vulkan_smoke_validation PROPERTIES
  ENVIRONMENT "VK_INSTANCE_LAYERS=VK_LAYER_KHRONOS_validation;QT_QPA_PLATFORM=offscreen"
  FAIL_REGULAR_EXPRESSION "VUID-|Validation Error|Validation Warning|Validation Performance"
  LABELS "vulkan;validation")
