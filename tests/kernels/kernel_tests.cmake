# Kernel tests: every Vulkan kernel against its CPU reference on random inputs, for every
# variant of shaders/variants.cmake. A missing device fails them (see tst_vulkan_smoke).
set(PONDER_KERNEL_TEST_UTIL ${CMAKE_CURRENT_LIST_DIR}/kernel_test_util.cpp)

function(ponder_kernel_test name)
  cmake_parse_arguments(K "VALIDATION" "TIMEOUT" "" ${ARGN})
  ponder_add_test(NAME ${name}
    SOURCES ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/${name}.cpp ${PONDER_KERNEL_TEST_UTIL}
    LIBS ponder_engine_internal
    LABELS "vulkan;kernels"
    TIMEOUT 300)
  target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_FUNCTION_LIST_DIR} ${CMAKE_SOURCE_DIR}/shaders)
  if(K_VALIDATION)
    # The same test under the Khronos validation layer: any validation message fails it.
    add_test(NAME ${name}_validation COMMAND ${name})
    set_tests_properties(${name}_validation PROPERTIES
      ENVIRONMENT "VK_INSTANCE_LAYERS=VK_LAYER_KHRONOS_validation;QT_QPA_PLATFORM=offscreen"
      FAIL_REGULAR_EXPRESSION "VUID-|Validation Error|Validation Warning|Validation Performance"
      LABELS "vulkan;kernels;validation"
      TIMEOUT 600)
  endif()
endfunction()

ponder_kernel_test(tst_kernel_matvec VALIDATION)
ponder_kernel_test(tst_kernel_matmul)
ponder_kernel_test(tst_kernel_matmul_id VALIDATION)
ponder_kernel_test(tst_kernel_norm_rope VALIDATION)
ponder_kernel_test(tst_kernel_attention VALIDATION)
ponder_kernel_test(tst_kernel_moe)
ponder_kernel_test(tst_kernel_coverage)
ponder_kernel_test(tst_dispatch_profile)
