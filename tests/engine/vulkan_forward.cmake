# tst_vulkan_forward_<arch>: the whole forward pass on Vulkan against the CPU reference and
# llama.cpp (node-llama-cpp in PONDER_ORACLE_DIR), every weight format, 64 tokens (deepseek2
# and gpt-oss: 32, flavours cycling over the formats); prompt vs decode, F32/F16 KV, truncate. tst_vulkan_session: budget/OutOfMemory, CLI, errors.
foreach(arch llama mixtral qwen2 qwen3 qwen3moe olmoe granitemoe deepseek2 gpt-oss)
  string(REPLACE "-" "_" name ${arch})
  ponder_add_test(NAME tst_vulkan_forward_${name} SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_vulkan_forward.cpp
                  LIBS ponder_engine_internal ponder_testgen ponder_oracle_harness
                  LABELS "vulkan;oracle" TIMEOUT 600)
  target_compile_definitions(tst_vulkan_forward_${name} PRIVATE PONDER_VKF_ARCH="${arch}")
endforeach()

# MoE models, two formats each, under the Khronos validation layer: any message fails it.
# deepseek2's two formats are absorbed MLA (F32) and legacy attn_kv_b (Q4_K); gpt-oss's are
# the fused, 3-layer flavour (F32) and MXFP4 experts (Q4_K).
foreach(pair "validation;granitemoe" "validation_deepseek2;deepseek2" "validation_gpt_oss;gpt_oss")
  list(GET pair 0 suffix)
  list(GET pair 1 target)
  add_test(NAME tst_vulkan_forward_${suffix} COMMAND tst_vulkan_forward_${target})
  set_tests_properties(tst_vulkan_forward_${suffix} PROPERTIES
    ENVIRONMENT "VK_INSTANCE_LAYERS=VK_LAYER_KHRONOS_validation;PONDER_VKF_QUICK=1;QT_QPA_PLATFORM=offscreen"
    FAIL_REGULAR_EXPRESSION "VUID-|Validation Error|Validation Warning|Validation Performance"
    LABELS "vulkan;validation;oracle"
    TIMEOUT 600)
endforeach()

ponder_add_test(NAME tst_vulkan_session SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_vulkan_session.cpp
                LIBS ponder_engine_internal ponder_testgen Qt6::Core LABELS vulkan TIMEOUT 300)
add_dependencies(tst_vulkan_session ponder-cli)
