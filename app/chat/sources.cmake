# QML-facing list models over the conversation store, and the controller that drives them.
target_sources(ponder_core PRIVATE
  chat/chat_log.cpp chat/chat_log.h
  chat/list_sync.cpp chat/list_sync.h
  chat/conversation_list_model.cpp chat/conversation_list_model.h
  chat/message_list_model.cpp chat/message_list_model.h
  chat/markdown_segments.cpp chat/markdown_segments.h
  chat/model_manager.cpp chat/model_manager.h
  chat/chat_controller.cpp chat/chat_controller.h
)
