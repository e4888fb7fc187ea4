# tst_app_cli: the command line, in process and through the built `ponder` binary run the way
# a user in a terminal without a display would run it.
ponder_add_test(NAME tst_app_cli
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_app_cli.cpp
  LIBS ponder_core
  LABELS app)
# The test runs the executable, so building the test must build it too.
add_dependencies(tst_app_cli ponder)
