# StreamingWriter, including a real child process killed with SIGKILL mid-stream.
add_executable(stream_writer_helper ${CMAKE_CURRENT_LIST_DIR}/stream_writer_helper.cpp
                                    ${CMAKE_CURRENT_LIST_DIR}/stream_writer_text.h)
target_link_libraries(stream_writer_helper PRIVATE ponder_core)
ponder_warnings(stream_writer_helper)

ponder_add_test(NAME tst_storage_stream_writer
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_stream_writer.cpp ${CMAKE_CURRENT_LIST_DIR}/stream_writer_text.h
          ${CMAKE_CURRENT_LIST_DIR}/storage_test_util.h
  LIBS ponder_core
  LABELS storage
  TIMEOUT 120)
target_compile_definitions(tst_storage_stream_writer PRIVATE
  STREAM_WRITER_HELPER="$<TARGET_FILE:stream_writer_helper>")
add_dependencies(tst_storage_stream_writer stream_writer_helper)
