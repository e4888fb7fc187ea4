# ponder-gen-model: writes a random GGUF model (and its F32 twin) for tests and benchmarks.
add_executable(ponder-gen-model ${CMAKE_CURRENT_LIST_DIR}/gen_model.cpp)
target_link_libraries(ponder-gen-model PRIVATE ponder_testgen)
ponder_warnings(ponder-gen-model)
