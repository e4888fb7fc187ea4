# CPU reference ops (scalar, threaded over rows): the yardstick for the Vulkan kernels.
target_sources(ponder_engine PRIVATE
  src/cpu/ops.cpp
  src/cpu/matmul.cpp
  src/cpu/attention.cpp
  src/cpu/moe_routing.cpp)

# The reference loops are the bulk of every model test's run time; optimise them even in
# Debug builds (they stay plain scalar code, so debugging them is still easy with -O1/-Og).
if(NOT MSVC)
  set_source_files_properties(src/cpu/matmul.cpp src/cpu/attention.cpp src/model/blocks.cpp
                              PROPERTIES COMPILE_OPTIONS -O2)
endif()
