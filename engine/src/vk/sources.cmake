target_sources(ponder_engine PRIVATE
  src/vk/vk_error.cpp
  src/vk/device.cpp
  src/vk/gpu_list.cpp
  src/vk/buffer.cpp
  src/vk/pipeline.cpp
)
