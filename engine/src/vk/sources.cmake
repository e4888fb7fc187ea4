target_sources(ponder_engine PRIVATE
  src/vk/vk_error.cpp
  src/vk/device.cpp
  src/vk/gpu_list.cpp
  src/vk/buffer.cpp
  src/vk/pipeline.cpp
  src/vk/batch.cpp
  src/vk/dispatch_profile.cpp
  src/vk/kernels.cpp
  src/vk/kernel_ops.cpp
  src/vk/kernel_moe.cpp
)
# The kernel layer shares its push-constant structs with the shaders.
target_include_directories(ponder_engine PRIVATE ${CMAKE_SOURCE_DIR}/shaders)
# The Vulkan backend of Session: weights on the device, the forward pass as dispatches.
target_sources(ponder_engine PRIVATE
  src/vk/weight_arena.cpp
  src/vk/model_runner.cpp
  src/vk/runner_weights.cpp
  src/vk/graph_common.cpp
  src/vk/llama_graph.cpp
  src/vk/deepseek2_graph.cpp
  src/vk/packed_texts.cpp
)
