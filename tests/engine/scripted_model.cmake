# The scripted test model (scripted_model.h) as a library, plus a tool that writes it for
# end-to-end tests outside C++ (the clean-root package test, manual runs of the app).
add_library(ponder_scripted_model STATIC ${CMAKE_CURRENT_LIST_DIR}/scripted_model.cpp)
target_include_directories(ponder_scripted_model PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(ponder_scripted_model PUBLIC ponder_engine)
ponder_warnings(ponder_scripted_model)

add_executable(ponder-scripted-model ${CMAKE_CURRENT_LIST_DIR}/scripted_model_tool.cpp)
target_link_libraries(ponder-scripted-model PRIVATE ponder_scripted_model)
ponder_warnings(ponder-scripted-model)

ponder_add_test(NAME tst_scripted_model
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_scripted_model.cpp
  LIBS ponder_scripted_model)
