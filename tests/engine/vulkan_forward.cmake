# tst_vulkan_forward_<arch>: the whole forward pass on Vulkan against the CPU reference and
# llama.cpp (node-llama-cpp in PONDER_ORACLE_DIR), every weight format, 64 tokens; prompt vs
# decode, F32/F16 KV, truncate. tst_vulkan_session: budget/OutOfMemory, CLI, errors.
foreach(arch llama mixtral qwen2 qwen3 qwen3moe olmoe granitemoe deepseek2 gpt-oss)
  string(REPLACE "-" "_" name ${arch})
  ponder_add_test(NAME tst_vulkan_forward_${name} SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_vulkan_forward.cpp
                  LIBS ponder_engine_internal ponder_testgen ponder_oracle_harness
                  LABELS "vulkan;oracle" TIMEOUT 600)
  target_compile_definitions(tst_vulkan_forward_${name} PRIVATE PONDER_VKF_ARCH="${arch}")
endforeach()

# One MoE model and two formats under the Khronos validation layer: any message fails it.
add_test(NAME tst_vulkan_forward_validation COMMAND tst_vulkan_forward_granitemoe)
set_tests_properties(tst_vulkan_forward_validation PROPERTIES
  ENVIRONMENT "VK_INSTANCE_LAYERS=VK_LAYER_KHRONOS_validation;PONDER_VKF_QUICK=1;QT_QPA_PLATFORM=offscreen"
  FAIL_REGULAR_EXPRESSION "VUID-|Validation Error|Validation Warning|Validation Performance"
  LABELS "vulkan;validation;oracle"
  TIMEOUT 600)

ponder_add_test(NAME tst_vulkan_session SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_vulkan_session.cpp
                LIBS ponder_engine_internal ponder_testgen Qt6::Core LABELS vulkan TIMEOUT 300)
add_dependencies(tst_vulkan_session ponder-cli)
