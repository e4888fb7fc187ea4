# The engine must stay free of Qt: this test fails when any file under engine/ (or shaders/)
# includes a Qt header.
add_test(NAME check_engine_has_no_qt
         COMMAND ${CMAKE_COMMAND} -DROOT=${CMAKE_SOURCE_DIR} -P ${CMAKE_CURRENT_LIST_DIR}/scripts/check_no_qt.cmake)
