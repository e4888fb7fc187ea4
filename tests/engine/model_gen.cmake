# ponder_testgen: the random-model generator (model_gen.h), a static library so tests,
# benchmarks and the ponder-gen-model tool share it. Generated files go in the build tree.
add_library(ponder_testgen STATIC
  ${CMAKE_CURRENT_LIST_DIR}/model_gen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model_gen_vocab.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model_gen_moe_arch.cpp)
target_include_directories(ponder_testgen PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(ponder_testgen PUBLIC ponder_engine_internal)
ponder_warnings(ponder_testgen)
