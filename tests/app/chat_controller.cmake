# tst_chat_controller: the ChatController against the real engine with the scripted model
# (send, stream, stop, regenerate, edit, branches, delete + undo, search, restart).
ponder_add_test(NAME tst_chat_controller
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_chat_controller.cpp
  LIBS ponder_core ponder_scripted_model
  LABELS app
  TIMEOUT 600)
# tst_markdown_segments: message text cut into prose, code blocks and math for the view.
ponder_add_test(NAME tst_markdown_segments
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_markdown_segments.cpp
  LIBS ponder_core
  LABELS app)
