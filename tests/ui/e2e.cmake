# tst_e2e_app: the real `ponder` executable under Xvfb (xcb, OpenGL on llvmpipe) with the
# scripted model: send, stream, screenshot, restart and find the chat; SIGKILL mid-answer
# and find the partial answer in an intact database. Driven by the guarded --e2e-script hook.
find_package(Qt6 REQUIRED COMPONENTS Gui)
ponder_add_test(NAME tst_e2e_app
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_e2e_app.cpp
  LIBS ponder_core ponder_scripted_model Qt6::Gui
  LABELS ui e2e
  TIMEOUT 600)
add_dependencies(tst_e2e_app ponder)
