# CPU reference ops (scalar, threaded over rows): the yardstick for the Vulkan kernels.
target_sources(ponder_engine PRIVATE
  src/cpu/ops.cpp
  src/cpu/matmul.cpp
  src/cpu/attention.cpp
  src/cpu/moe_routing.cpp)
